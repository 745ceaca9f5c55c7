namespace Dakla06.Web.Directives;

/// <summary>A directive document as the directives API returns it.</summary>
public sealed record DocumentDto(
    Guid Id,
    string Type,
    string Number,
    string IssuingUnitCode,
    string? IssuingUnitName,
    DateOnly IssuedOn,
    string Subject,
    string? Summary,
    string? CreatedBy,
    string? CreatedByName,
    DateTimeOffset CreatedAt);

/// <summary>One page of a list endpoint: <c>{ page, pageSize, total, items }</c>.</summary>
public sealed record PagedResult<T>(int Page, int PageSize, int Total, IReadOnlyList<T> Items);

/// <summary>Filters and page of the documents list; <see cref="Page"/> starts at 1 as in the API.</summary>
public sealed record DocumentQuery(string? Type, DateOnly? From, DateOnly? To, string? Text, int Page, int PageSize);

/// <summary>Body of <c>POST /api/directives/documents</c>.</summary>
public sealed record CreateDocumentRequest(
    string Type,
    string Number,
    string IssuingUnitCode,
    DateOnly IssuedOn,
    string Subject,
    string? Summary);

/// <summary>
/// What creating a document led to: the document, or messages keyed by the camelCase field they belong to
/// (<see cref="GeneralErrorKey"/> for those that belong to no field).
/// </summary>
public sealed class CreateDocumentResult
{
    public const string GeneralErrorKey = "";

    private CreateDocumentResult(DocumentDto? created, IReadOnlyDictionary<string, string[]> errors)
    {
        Created = created;
        Errors = errors;
    }

    public DocumentDto? Created { get; }

    public IReadOnlyDictionary<string, string[]> Errors { get; }

    public static CreateDocumentResult Success(DocumentDto created) =>
        new(created, new Dictionary<string, string[]>());

    public static CreateDocumentResult Failed(IReadOnlyDictionary<string, string[]> errors) => new(null, errors);
}
