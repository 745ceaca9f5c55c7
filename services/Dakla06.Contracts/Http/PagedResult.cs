namespace Dakla06.Contracts.Http;

/// <summary>The paging contract of every list endpoint: <c>?page=&amp;pageSize=</c> in, <c>{ page, pageSize, total, items }</c> out.</summary>
public sealed record PagedResult<T>(int Page, int PageSize, long Total, IReadOnlyList<T> Items);
