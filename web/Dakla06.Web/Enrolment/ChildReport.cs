using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Enrolment;
using Dakla06.Contracts.Http.Statistics;
using Dakla06.Web.Shared;

namespace Dakla06.Web.Enrolment;

/// <summary>One child unit's row: its funnel figures and its stuck applications.</summary>
public sealed record ChildRow(IndicatorGroupDto Group, StuckCountsDto? Stuck)
{
    public IndicatorDto? Find(string code) => IndicatorFormat.Find(Group, code);

    public long StuckTotal => Stuck is { } stuck ? stuck.AwaitingCard + stuck.AwaitingHandover : 0;
}

/// <summary>The funnel of a unit broken down by its children, with each child's stuck applications: the by-unit page.</summary>
public sealed record ChildReport(FunnelResponse Funnel, IReadOnlyList<ChildRow> Rows)
{
    /// <summary>The figures of the table, in its order (code and header).</summary>
    public static IReadOnlyList<(string Code, string Label)> Columns { get; } =
    [
        (FunnelCodes.Population14Plus, "Dân số từ 14 tuổi"),
        (FunnelCodes.PersonsWithApplication, "Người đã thu nhận"),
        (FunnelCodes.CoverageShare, "Tỷ lệ bao phủ"),
        (FunnelCodes.EidLevel2Share, "Tỷ lệ định danh mức 2"),
        (FunnelCodes.EidLevel2ActivatedShare, "Tỷ lệ kích hoạt mức 2"),
    ];

    public const string StuckLabel = "Hồ sơ tồn đọng";

    public static async Task<ChildReport> LoadAsync(EnrolmentClient api, EnrolmentScope scope)
    {
        var funnel = api.GetFunnelAsync(scope.Funnel(FunnelBreakdowns.Child));
        var stuck = api.GetStuckSummaryAsync(new StuckSummaryQuery(scope.Unit));
        var byUnit = (await stuck).Children.ToDictionary(c => c.UnitCode);
        return new ChildReport(await funnel, [.. (await funnel).Groups.Select(g => new ChildRow(g, byUnit.GetValueOrDefault(g.Key)))]);
    }

    /// <summary>The table as the page shows it, one row per child, in an Excel file named after the unit and day.</summary>
    public Task<ApiFile> ExportAsync()
    {
        SpreadsheetColumn<ChildRow>[] sheet =
        [
            new("Mã", r => r.Group.Key),
            new("Đơn vị", r => r.Group.Name),
            .. Columns.Select(c => new SpreadsheetColumn<ChildRow>(c.Label, r => r.Find(c.Code)?.Value)),
            new(StuckLabel, r => r.StuckTotal),
        ];
        return SpreadsheetExport.ToXlsxAsync($"dinh-danh-theo-don-vi-{Funnel.UnitCode}-{Funnel.AsOf:yyyy-MM-dd}.xlsx", "Đơn vị", sheet, Rows);
    }
}
