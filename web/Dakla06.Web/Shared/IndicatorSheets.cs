using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Statistics;

namespace Dakla06.Web.Shared;

/// <summary>Indicator tables as Excel files (see <see cref="SpreadsheetExport"/>): a unit's indicators, or chosen indicators per group of a breakdown.</summary>
public static class IndicatorSheets
{
    private static readonly SpreadsheetColumn<IndicatorDto>[] IndicatorColumns =
    [
        new("Mã chỉ tiêu", i => i.Code),
        new("Chỉ tiêu", i => i.Name),
        new("Giá trị", i => i.Value),
        new("Đơn vị tính", i => i.Unit),
        new("Tử số", i => i.Denominator is null ? null : i.Numerator),
        new("Mẫu số", i => i.Denominator),
        new("Chỉ tiêu giao", i => i.Target is { } target ? IndicatorFormat.Target(i, target) : "Chưa giao chỉ tiêu"),
        new("Văn bản giao", i => i.Target?.Document),
        new("Đánh giá", i => i.Target is { } target ? target.Met ? "Đạt" : "Chưa đạt" : null),
    ];

    /// <summary>Every indicator, with its target.</summary>
    public static Task<ApiFile> IndicatorsAsync(string fileName, IReadOnlyList<IndicatorDto> indicators) =>
        SpreadsheetExport.ToXlsxAsync(fileName, "Chỉ tiêu", IndicatorColumns, indicators);

    /// <summary>The chosen indicators (<paramref name="columns"/>: code and the header the page shows) of each group, one row per group.</summary>
    public static Task<ApiFile> GroupsAsync(
        string fileName, string groupHeader, IReadOnlyList<(string Code, string Label)> columns, IReadOnlyList<IndicatorGroupDto> groups)
    {
        SpreadsheetColumn<IndicatorGroupDto>[] sheet =
        [
            new("Mã", g => g.Key),
            new(groupHeader, g => g.Name),
            .. columns.Select(c => new SpreadsheetColumn<IndicatorGroupDto>(c.Label, g => IndicatorFormat.Find(g, c.Code)?.Value)),
        ];
        return SpreadsheetExport.ToXlsxAsync(fileName, groupHeader, sheet, groups);
    }
}
