namespace Dakla06.Contracts.Http.Inspections;

/// <summary>
/// An inspection in lists. For callers who may not see its details (not an inspector or leader in scope) only the
/// target, team, status and dates are given: <c>conclusion</c> is null and <c>detailsVisible</c> false.
/// </summary>
public sealed record InspectionSummaryDto(
    Guid Id,
    string TargetType,
    Guid TargetId,
    string TargetName,
    string OwnerUnitCode,
    string OwnerUnitName,
    string TeamCode,
    string InspectingUnitCode,
    string Status,
    DateOnly PlannedOn,
    DateOnly? StartedOn,
    DateOnly? CompletedOn,
    string? Conclusion,
    bool DetailsVisible);

/// <summary>A checklist item with the inspection's result for it (null until recorded).</summary>
public sealed record InspectionItemDto(int No, string Text, bool Critical, int Weight, string? Result, string? Note);

/// <summary>An inspection with its checklist, results, score (weighted % passed of applicable items) and findings.</summary>
public sealed record InspectionDto(
    Guid Id,
    string TargetType,
    Guid TargetId,
    string TargetName,
    string OwnerUnitCode,
    string OwnerUnitName,
    string TeamCode,
    string TeamName,
    string InspectingUnitCode,
    string InspectingUnitName,
    string ChecklistCode,
    int ChecklistVersion,
    string ChecklistTitle,
    string Status,
    DateOnly PlannedOn,
    DateOnly? StartedOn,
    DateOnly? CompletedOn,
    string? Conclusion,
    IReadOnlyList<InspectionItemDto> Items,
    decimal? Score,
    IReadOnlyList<FindingSummaryDto> Findings,
    string CreatedBy,
    DateTimeOffset CreatedAt);

/// <summary>Body of <c>POST /inspections</c>: a system or device (<c>targetType</c>), a team and a checklist code.</summary>
public sealed record CreateInspectionRequest(string? TargetType, Guid? TargetId, string? TeamCode, DateOnly? PlannedOn, string? ChecklistCode);

/// <summary>Body of <c>POST /inspections/{id}/start</c>; <c>startedOn</c> defaults to today (Vietnam).</summary>
public sealed record StartInspectionRequest(DateOnly? StartedOn);

/// <summary>One checklist item's result: <c>pass</c>, <c>fail</c> or <c>not_applicable</c>, with a note.</summary>
public sealed record ItemResultRequest(int? ItemNo, string? Result, string? Note);

/// <summary>Body of <c>PUT /inspections/{id}/results</c>.</summary>
public sealed record SaveResultsRequest(IReadOnlyList<ItemResultRequest?>? Results);

/// <summary>Body of <c>POST /inspections/{id}/complete</c>; <c>completedOn</c> defaults to today (Vietnam).</summary>
public sealed record CompleteInspectionRequest(string? Conclusion, DateOnly? CompletedOn);

/// <summary>Filters of <c>GET /inspections</c>.</summary>
public sealed record InspectionQuery(string? TargetType = null, Guid? TargetId = null, string? Status = null);
