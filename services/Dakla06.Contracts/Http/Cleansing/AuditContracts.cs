namespace Dakla06.Contracts.Http.Cleansing;

/// <summary>One unmasked read of personal data: who, when, what (<c>action</c>) and which batch or record.</summary>
public sealed record AuditEntryDto(long Id, string Username, DateTimeOffset At, string Action, Guid? BatchId, int? LineNo, string? Detail);

/// <summary>Filters of <c>GET /audit</c>.</summary>
public sealed record AuditQuery(string? Username = null, Guid? BatchId = null);
