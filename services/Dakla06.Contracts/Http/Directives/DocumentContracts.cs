namespace Dakla06.Contracts.Http.Directives;

/// <summary>A directive document as the API returns it.</summary>
public sealed record DocumentDto(
    Guid Id,
    string Type,
    string TypeName,
    string Number,
    string IssuingUnitCode,
    string IssuingUnitName,
    DateOnly IssuedOn,
    string Subject,
    string Summary,
    string CreatedBy,
    string CreatedByName,
    DateTimeOffset CreatedAt);

/// <summary>Filters of <c>GET /documents</c>: type code, issued between <c>from</c> and <c>to</c>, text in number or subject.</summary>
public sealed record DocumentQuery(string? Type = null, DateOnly? From = null, DateOnly? To = null, string? Q = null);

/// <summary>Body of <c>POST /documents</c>. Everything is optional here so that validation, not binding, names what is missing.</summary>
public sealed record CreateDocumentRequest(
    string? Type,
    string? Number,
    string? IssuingUnitCode,
    DateOnly? IssuedOn,
    string? Subject,
    string? Summary);
