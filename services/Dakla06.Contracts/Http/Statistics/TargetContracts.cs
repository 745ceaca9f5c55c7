namespace Dakla06.Contracts.Http.Statistics;

/// <summary>
/// Sets (upserts) a target: one indicator's <c>threshold</c> (in the indicator's unit: a count, đồng, or percent for a
/// share) that the value must reach (<c>atLeast</c>) or not exceed (<c>atMost</c>) over [from, to], for one unit
/// (<c>unitCode</c>) or for every unit of a level (<c>level</c> = <c>province|district|commune</c>, province officers
/// only), as the decision <c>document</c> (e.g. <c>1166/QĐ-UBND</c>) sets it. The key is (indicator, unit or level, from, to).
/// </summary>
public sealed record SetTargetRequest(
    string? Indicator,
    string? UnitCode,
    string? Level,
    DateOnly? From,
    DateOnly? To,
    decimal? Threshold,
    string? Direction,
    string? Document);

/// <summary>A stored target; <c>unitCode</c> or <c>level</c> says what it applies to, <c>setByUnitCode</c> who set it.</summary>
public sealed record TargetDto(
    Guid Id,
    string Indicator,
    string IndicatorName,
    string? UnitCode,
    string? UnitName,
    string? Level,
    DateOnly From,
    DateOnly To,
    decimal Threshold,
    string Direction,
    string Document,
    string SetByUnitCode,
    string UpdatedBy,
    DateTimeOffset UpdatedAt);

/// <summary>Query of the target list: the targets that apply to a unit (the caller's when absent) and the units below it.</summary>
public sealed record TargetQuery(string? Unit = null, string? Indicator = null);

/// <summary>The directions of a target and the levels a target may apply to.</summary>
public static class TargetDirections
{
    /// <summary>The value must be at least the threshold (a share of on-time dossiers ≥ 95%).</summary>
    public const string AtLeast = "atLeast";

    /// <summary>The value must not exceed the threshold (overdue dossiers ≤ 10).</summary>
    public const string AtMost = "atMost";

    public static IReadOnlyList<string> All { get; } = [AtLeast, AtMost];

    /// <summary>True when <paramref name="value"/> meets <paramref name="threshold"/> in <paramref name="direction"/>; a missing value (a share of nothing) does not.</summary>
    public static bool Met(string direction, decimal threshold, decimal? value) =>
        value is { } v && (direction == AtMost ? v <= threshold : v >= threshold);
}

/// <summary>The levels a level-wide target applies to (every unit of that level).</summary>
public static class TargetLevels
{
    public const string Province = "province";
    public const string District = "district";
    public const string Commune = "commune";

    public static IReadOnlyList<string> All { get; } = [Province, District, Commune];
}
