using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Statistics;
using Dakla06.Web.Presentation;
using Dakla06.Web.Shared;

namespace Dakla06.Web.Statistics;

/// <summary>The indicator tables of the statistics pages as Excel files (see <see cref="SpreadsheetExport"/>).</summary>
public static class IndicatorExport
{
    private static readonly SpreadsheetColumn<IndicatorDto>[] IndicatorColumns =
    [
        new("Mã chỉ tiêu", i => i.Code),
        new("Chỉ tiêu", i => i.Name),
        new("Giá trị", i => i.Value),
        new("Đơn vị tính", i => i.Unit),
        new("Tử số", i => i.Denominator is null ? null : i.Numerator),
        new("Mẫu số", i => i.Denominator),
        new("Chỉ tiêu giao", i => i.Target is { } target ? StatisticsLabels.Target(i, target) : "Chưa giao chỉ tiêu"),
        new("Văn bản giao", i => i.Target?.Document),
        new("Đánh giá", i => i.Target is { } target ? target.Met ? "Đạt" : "Chưa đạt" : null),
    ];

    /// <summary>Every indicator of the unit and period, with its target.</summary>
    public static Task<ApiFile> SummaryAsync(IndicatorsResponse response) =>
        SpreadsheetExport.ToXlsxAsync(FileName("chi-tieu", response), "Chỉ tiêu", IndicatorColumns, response.Indicators);

    /// <summary>The chosen indicators (<paramref name="columns"/>: code and the header the page shows) of each group of a breakdown, one row per group.</summary>
    public static Task<ApiFile> GroupsAsync(IndicatorsResponse response, string groupHeader, IReadOnlyList<(string Code, string Label)> columns)
    {
        SpreadsheetColumn<IndicatorGroupDto>[] sheet =
        [
            new("Mã", g => g.Key),
            new(groupHeader, g => g.Name),
            .. columns.Select(c => new SpreadsheetColumn<IndicatorGroupDto>(c.Label, g => Find(g, c.Code)?.Value)),
        ];
        return SpreadsheetExport.ToXlsxAsync(FileName($"chi-tieu-theo-{response.By}", response), groupHeader, sheet, response.Groups);
    }

    public static IndicatorDto? Find(IndicatorGroupDto group, string code) => group.Indicators.FirstOrDefault(i => i.Code == code);

    private static string FileName(string what, IndicatorsResponse response) =>
        $"{what}-{response.UnitCode}-{ReportScope.Format(response.From)}-{ReportScope.Format(response.To)}.xlsx";
}
