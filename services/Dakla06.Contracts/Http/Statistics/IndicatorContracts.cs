namespace Dakla06.Contracts.Http.Statistics;

/// <summary>Query of <c>GET /indicators</c>: a unit's subtree over [from, to], optionally broken down <c>by</c> child, service or month.</summary>
public sealed record IndicatorQuery(string? Unit, DateOnly? From, DateOnly? To, string? By = null);

/// <summary>The breakdowns of the indicators.</summary>
public static class IndicatorBreakdowns
{
    public const string Child = "child";
    public const string Service = "service";
    public const string Month = "month";

    public static IReadOnlyList<string> All { get; } = [Child, Service, Month];
}

/// <summary>
/// One indicator: a count has no denominator (<c>value</c> = <c>numerator</c>); a share has both and <c>value</c> in
/// percent (two decimals), null when the denominator is 0. <c>unit</c> is what is counted (<c>hồ sơ</c>, <c>đồng</c>,
/// <c>giao dịch</c>, <c>%</c>). <c>target</c> is the target that applies to the asked unit and period, when one is set:
/// one whose [from, to] contains the asked <c>to</c>, the unit's own before a level-wide one, then the latest to start.
/// </summary>
public sealed record IndicatorDto(
    string Code, string Name, long Numerator, long? Denominator, decimal? Value, string Unit, IndicatorTargetDto? Target = null);

/// <summary>A target as it applies to one indicator of one unit: its threshold, direction, document, and whether the value meets it.</summary>
public sealed record IndicatorTargetDto(decimal Threshold, string Direction, string? Document, bool Met);

/// <summary>The indicators of one part of a breakdown: a child unit (its code), a procedure (its code) or a month (<c>yyyy-MM</c>).</summary>
public sealed record IndicatorGroupDto(string Key, string Name, IReadOnlyList<IndicatorDto> Indicators);

/// <summary>The indicators of a unit's subtree over [from, to], and the breakdown when one was asked for.</summary>
public sealed record IndicatorsResponse(
    string UnitCode,
    string UnitName,
    DateOnly From,
    DateOnly To,
    string? By,
    IReadOnlyList<IndicatorDto> Indicators,
    IReadOnlyList<IndicatorGroupDto> Groups);
