using Dakla06.Contracts.Http.Statistics;
using Dakla06.Web.Presentation;

namespace Dakla06.Web.Shared;

/// <summary>
/// How an indicator's value reads (the statistics contract's <see cref="IndicatorDto"/>, which enrolment's funnel figures
/// are too): counts as 1.254.631, shares as 95,99% with what they are made of, targets as "≥ 95%".
/// </summary>
public static class IndicatorFormat
{
    /// <summary>The unit the APIs give a share: its value is a percentage.</summary>
    public const string PercentUnit = "%";

    public static bool IsShare(this IndicatorDto indicator) => indicator.Unit == PercentUnit;

    /// <summary>The value as the report writes it: 1.254.631 for a count, 95,99% for a share, "—" for a share of nothing.</summary>
    public static string Value(IndicatorDto indicator) =>
        indicator.IsShare()
            ? indicator.Value is { } percent ? VietnameseFormat.Share(percent) : "—"
            : VietnameseFormat.Number(indicator.Numerator);

    /// <summary>What a share is made of, "244/873"; empty for a count.</summary>
    public static string Fraction(IndicatorDto indicator) =>
        indicator.Denominator is { } denominator
            ? $"{VietnameseFormat.Number(indicator.Numerator)}/{VietnameseFormat.Number(denominator)}"
            : string.Empty;

    /// <summary>A share as the reports write it: "244/873 (27,95%)".</summary>
    public static string Share(long part, long whole, decimal? percent) =>
        $"{VietnameseFormat.Number(part)}/{VietnameseFormat.Number(whole)} ({(percent is { } value ? VietnameseFormat.Share(value) : "—")})";

    /// <summary>A target as users read it: "≥ 95%" or "≤ 10 hồ sơ" (see <see cref="TargetFormat"/>).</summary>
    public static string Target(IndicatorDto indicator, IndicatorTargetDto target)
    {
        var threshold = TargetFormat.Threshold(target.Direction, target.Threshold, indicator.IsShare());
        return indicator.IsShare() ? threshold : $"{threshold} {indicator.Unit}";
    }

    /// <summary>The indicator of <paramref name="code"/> in a breakdown's group, null when the group has none.</summary>
    public static IndicatorDto? Find(IndicatorGroupDto group, string code) => group.Indicators.FirstOrDefault(i => i.Code == code);
}
