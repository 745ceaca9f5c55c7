namespace Dakla06.Contracts.Http.Inspections;

/// <summary>A finding in lists: what every user of the responsible unit may see (never the technical description).</summary>
public sealed record FindingSummaryDto(
    Guid Id,
    Guid InspectionId,
    string TargetType,
    Guid TargetId,
    string TargetName,
    string Title,
    string Severity,
    string ResponsibleUnitCode,
    string ResponsibleUnitName,
    DateOnly Deadline,
    string Status,
    bool Overdue,
    DateOnly? RiskAcceptedUntil);

public sealed record FindingHistoryDto(string Kind, string Actor, string ActorName, string? Note, DateTimeOffset At);

/// <summary>
/// A finding with its history. <c>description</c> (and <c>riskReason</c>) are null and <c>detailsVisible</c> false for
/// callers who are not inspectors or leaders in scope of the inspected target; <c>allowedActions</c> are what the
/// caller may do now (<see cref="FindingActions"/>).
/// </summary>
public sealed record FindingDto(
    Guid Id,
    Guid InspectionId,
    string TargetType,
    Guid TargetId,
    string TargetName,
    string Title,
    string Severity,
    string ResponsibleUnitCode,
    string ResponsibleUnitName,
    DateOnly Deadline,
    string Status,
    bool Overdue,
    DateOnly? RiskAcceptedUntil,
    string? Description,
    bool DetailsVisible,
    string? RiskReason,
    bool Automatic,
    string RaisedBy,
    string RaisedByName,
    DateTimeOffset RaisedAt,
    string TeamCode,
    string InspectingUnitCode,
    IReadOnlyList<FindingHistoryDto> History,
    IReadOnlyList<string> AllowedActions)
{
    public bool Allows(string action) => AllowedActions.Contains(action, StringComparer.OrdinalIgnoreCase);
}

/// <summary>The names of a finding's actions in <see cref="FindingDto.AllowedActions"/>.</summary>
public static class FindingActions
{
    public const string Verify = "verify";
    public const string Reopen = "reopen";
    public const string AcceptRisk = "accept-risk";
}

/// <summary>Body of <c>POST /inspections/{id}/findings</c>; the deadline defaults from the severity's SLA.</summary>
public sealed record RaiseFindingRequest(string? Title, string? Description, string? Severity, string? ResponsibleUnitCode, DateOnly? Deadline);

public sealed record VerifyFindingRequest(string? Note);

public sealed record ReopenFindingRequest(string? Reason);

/// <summary>Body of <c>POST /findings/{id}/accept-risk</c>: accepted until a future date, with a reason.</summary>
public sealed record AcceptRiskRequest(DateOnly? Until, string? Reason);

/// <summary>Filters of <c>GET /findings</c>; <c>unit</c> is a responsible unit and the units below it.</summary>
public sealed record FindingQuery(
    string? Status = null,
    string? Severity = null,
    string? Unit = null,
    Guid? InspectionId = null,
    Guid? SystemId = null,
    bool? Overdue = null);
