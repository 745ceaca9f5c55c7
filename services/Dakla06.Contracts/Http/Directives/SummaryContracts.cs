using System.Text.Json.Serialization;

namespace Dakla06.Contracts.Http.Directives;

/// <summary>Task counts by status; the keys are the status names (<c>in_progress</c>, <c>reported_done</c>).</summary>
public sealed record StatusCountsDto(
    [property: JsonPropertyName("assigned")] long Assigned,
    [property: JsonPropertyName("in_progress")] long InProgress,
    [property: JsonPropertyName("reported_done")] long ReportedDone,
    [property: JsonPropertyName("accepted")] long Accepted,
    [property: JsonPropertyName("total")] long Total);

/// <summary>One child unit's numbers (its whole subtree); <c>onTimeRate</c> is 0..1, null when nothing was accepted.</summary>
public sealed record UnitSummaryDto(string UnitCode, string UnitName, StatusCountsDto Counts, long Overdue, double? OnTimeRate);

/// <summary>The rollup leaders read: the unit's numbers and each direct child unit's.</summary>
public sealed record SummaryDto(
    string UnitCode,
    string UnitName,
    StatusCountsDto Counts,
    long Overdue,
    double? OnTimeRate,
    IReadOnlyList<UnitSummaryDto> Children);
