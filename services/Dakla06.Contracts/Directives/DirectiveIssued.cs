namespace Dakla06.Contracts.Directives;

/// <summary>A directive document was registered by its issuing unit.</summary>
public sealed record DirectiveIssued(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string UnitCode,
    Guid DocumentId,
    string DocumentType,
    string Number,
    DateOnly IssuedOn,
    string Subject,
    string CreatedBy) : IIntegrationEvent;
