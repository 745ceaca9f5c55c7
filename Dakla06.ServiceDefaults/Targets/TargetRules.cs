using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Http.Statistics;
using Dakla06.ServiceDefaults.Http;

namespace Dakla06.ServiceDefaults.Targets;

/// <summary>A checked target to store: for one unit or for every unit of a level.</summary>
public sealed record NewTarget(
    string Indicator, AdminUnit? Unit, string? Level, DateOnly From, DateOnly To, decimal Threshold, string Direction, string Document);

/// <summary>
/// What a target is and to whom it applies. A target answers for a unit and a period when its [from, to] contains the
/// period's end (the day a report is "as of"); of those, a target of the unit itself wins over a level-wide one, then the
/// one that started last, then the shorter one.
/// </summary>
public static class TargetRules
{
    public const int MaxDocumentLength = 100;

    /// <summary>Largest threshold of a count or an amount (in đồng); a share's is 100.</summary>
    public const decimal MaxThreshold = 1_000_000_000_000_000m;

    public static string LevelName(AdminLevel level) => level switch
    {
        AdminLevel.Province => TargetLevels.Province,
        AdminLevel.District => TargetLevels.District,
        _ => TargetLevels.Commune,
    };

    public static AdminLevel LevelOf(string level) => level switch
    {
        TargetLevels.Province => AdminLevel.Province,
        TargetLevels.District => AdminLevel.District,
        _ => AdminLevel.Commune,
    };

    /// <summary>The indicators with the target that applies to <paramref name="unitCode"/> (if any) and whether each value meets it.</summary>
    public static IReadOnlyList<IndicatorDto> WithTargets(
        string unitCode, IReadOnlyList<IndicatorDto> indicators, Dictionary<(string Unit, string Indicator), TargetRow> targets) =>
        [.. indicators.Select(i => targets.TryGetValue((unitCode, i.Code), out var t)
            ? i with { Target = new IndicatorTargetDto(t.Threshold, t.Direction, t.Document, TargetDirections.Met(t.Direction, t.Threshold, i.Value)) }
            : i)];

    /// <summary>The request checked field by field (400s name the field); null when any field is wrong.</summary>
    public static NewTarget? Check(SetTargetRequest request, TargetIndicatorCatalogue catalogue, ValidationErrors errors)
    {
        var indicator = catalogue.Describe(request.Indicator?.Trim());
        if (indicator is null)
        {
            errors.Add("indicator", $"Chỉ tiêu phải là một trong: {string.Join(", ", catalogue.Codes)}.");
        }

        AdminUnit? unit = null;
        var level = request.Level?.Trim();
        if (string.IsNullOrWhiteSpace(request.UnitCode) == string.IsNullOrWhiteSpace(level))
        {
            errors.Add("unitCode", "Chọn đúng một trong hai: một đơn vị (unitCode) hoặc một cấp (level).");
        }
        else if (!string.IsNullOrWhiteSpace(request.UnitCode))
        {
            unit = QueryUnits.Find(request.UnitCode, "unitCode", errors);
        }
        else if (!TargetLevels.All.Contains(level!))
        {
            errors.Add("level", $"Cấp phải là một trong: {string.Join(", ", TargetLevels.All)}.");
        }

        if (request.From is null)
        {
            errors.Add("from", "Ngày bắt đầu (from) là bắt buộc.");
        }

        if (request.To is null)
        {
            errors.Add("to", "Ngày kết thúc (to) là bắt buộc.");
        }
        else if (request.From is { } from && request.To < from)
        {
            errors.Add("to", "Ngày kết thúc phải từ ngày bắt đầu trở đi.");
        }

        var max = indicator?.IsShare == true ? 100m : MaxThreshold;
        if (request.Threshold is not { } threshold || threshold < 0 || threshold > max)
        {
            errors.Add("threshold", $"Ngưỡng phải là một số từ 0 đến {max:0.##}.");
        }

        if (request.Direction is null || !TargetDirections.All.Contains(request.Direction.Trim()))
        {
            errors.Add("direction", $"Hướng phải là một trong: {string.Join(", ", TargetDirections.All)}.");
        }

        var document = request.Document?.Trim();
        if (string.IsNullOrEmpty(document) || document.Length > MaxDocumentLength)
        {
            errors.Add("document", $"Số hiệu văn bản giao chỉ tiêu (ví dụ 1166/QĐ-UBND) là bắt buộc, tối đa {MaxDocumentLength} ký tự.");
        }

        return errors.IsEmpty
            ? new NewTarget(indicator!.Code, unit, unit is null ? level : null, request.From!.Value, request.To!.Value,
                request.Threshold!.Value, request.Direction!.Trim(), document!)
            : null;
    }
}
