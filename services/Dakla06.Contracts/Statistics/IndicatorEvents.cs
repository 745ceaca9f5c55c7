namespace Dakla06.Contracts.Statistics;

// A unit's indicator against its target, generic over the service that measures it: public-service statistics
// (SourceService "statistics") and identity enrolment ("enrolment") publish the same pair. Detected is published once
// when a unit × indicator × target period enters shortfall, Cleared once when fresh data meets the target again or the
// target is deleted (TargetWithdrawn); directive tracking opens one task per unit × source × indicator × period
// (IndicatorShortfalls.SourceId) and closes it on Cleared.

/// <summary>
/// <c>UnitCode</c>'s <c>Indicator</c> over the target period [<c>PeriodFrom</c>, <c>PeriodTo</c>] is <c>Actual</c>, short of
/// <c>Target</c> in <c>Direction</c> (<c>atLeast|atMost</c>) set by <c>IssuingUnitCode</c> in <c>Document</c>.
/// </summary>
public sealed record IndicatorShortfallDetected(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string UnitCode,
    string SourceService,
    string Indicator,
    string IndicatorName,
    DateOnly PeriodFrom,
    DateOnly PeriodTo,
    decimal Target,
    decimal Actual,
    string Direction,
    string Document,
    string IssuingUnitCode) : IIntegrationEvent;

/// <summary>
/// The unit's indicator meets its target again (<c>Actual</c>), or its target was deleted (<c>TargetWithdrawn</c>; then
/// <c>Actual</c> is the last value measured): the shortfall's task is closed (accepted).
/// </summary>
public sealed record IndicatorShortfallCleared(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string UnitCode,
    string SourceService,
    string Indicator,
    string IndicatorName,
    DateOnly PeriodFrom,
    DateOnly PeriodTo,
    decimal Target,
    decimal Actual,
    string Direction,
    string Document,
    string IssuingUnitCode,
    bool TargetWithdrawn = false) : IIntegrationEvent;

/// <summary>The directive tasks opened for shortfalls: their source type and their deterministic source id.</summary>
public static class IndicatorShortfalls
{
    public const string SourceType = "statistics-shortfall";

    /// <summary>
    /// One id per unit × source service × indicator × period (e.g. <c>statistics:24136:on_time_share:2026-01-01:2026-12-31</c>),
    /// so <c>GET /api/directives/tasks?sourceId=</c> finds the task and a second one cannot exist.
    /// </summary>
    public static string SourceId(string sourceService, string unitCode, string indicator, DateOnly from, DateOnly to) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{sourceService}:{unitCode}:{indicator}:{from:yyyy-MM-dd}:{to:yyyy-MM-dd}");
}
