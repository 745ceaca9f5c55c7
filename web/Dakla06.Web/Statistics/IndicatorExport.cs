using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Statistics;
using Dakla06.Web.Shared;

namespace Dakla06.Web.Statistics;

/// <summary>The indicator tables of the statistics pages as Excel files named after their unit and period (see <see cref="IndicatorSheets"/>).</summary>
public static class IndicatorExport
{
    /// <summary>Every indicator of the unit and period, with its target.</summary>
    public static Task<ApiFile> SummaryAsync(IndicatorsResponse response) =>
        IndicatorSheets.IndicatorsAsync(FileName("chi-tieu", response), response.Indicators);

    /// <summary>The chosen indicators (<paramref name="columns"/>: code and the header the page shows) of each group of a breakdown, one row per group.</summary>
    public static Task<ApiFile> GroupsAsync(IndicatorsResponse response, string groupHeader, IReadOnlyList<(string Code, string Label)> columns) =>
        IndicatorSheets.GroupsAsync(FileName($"chi-tieu-theo-{response.By}", response), groupHeader, columns, response.Groups);

    private static string FileName(string what, IndicatorsResponse response) =>
        $"{what}-{response.UnitCode}-{ReportScope.Format(response.From)}-{ReportScope.Format(response.To)}.xlsx";
}
