using Dakla06.Contracts.Http.Statistics;
using Dakla06.Web.Presentation;

namespace Dakla06.Web.Shared;

/// <summary>What users read of a target: its level, its direction and its threshold in Vietnamese formats.</summary>
public static class TargetFormat
{
    public static string LevelName(string? level) => level switch
    {
        TargetLevels.Province => "cấp tỉnh",
        TargetLevels.District => "cấp huyện",
        TargetLevels.Commune => "cấp xã",
        _ => level ?? string.Empty,
    };

    public static string DirectionName(string? direction) => direction switch
    {
        TargetDirections.AtLeast => "Ít nhất (≥)",
        TargetDirections.AtMost => "Không quá (≤)",
        _ => direction ?? string.Empty,
    };

    /// <summary>"≥ 95,5%" for a share, "≤ 1.200" for a count or an amount.</summary>
    public static string Threshold(string direction, decimal threshold, bool share) =>
        $"{(direction == TargetDirections.AtMost ? "≤" : "≥")} " +
        (share ? VietnameseFormat.Percent(threshold) : threshold.ToString("#,0.##", VietnameseFormat.Culture));
}
