using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Http.Directives;
using Dakla06.Directives.Data;
using Dakla06.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dakla06.Directives.Api;

public static class SummaryApi
{
    public static RouteGroupBuilder MapSummaryApi(this RouteGroupBuilder group)
    {
        group.MapGet(DirectivesRoutes.Summary, GetSummary)
            .WithTags("Summary")
            .WithName("GetSummary")
            .WithSummary("Tasks by assignee unit over a unit's subtree (default the caller's unit): counts by status, overdue, on-time rate, and the same per direct child unit.");
        return group;
    }

    private static async Task<Results<Ok<SummaryDto>, NotFound>> GetSummary(
        Caller caller, SummaryStore store, AdminUnitDirectory units, CancellationToken cancellationToken, string? unit = null)
    {
        var target = unit is null ? caller.Unit : units.Find(unit);
        if (target is null || !caller.Scope.IsInScope(target.Code))
        {
            return TypedResults.NotFound();
        }

        var (own, children) = await store.SummarizeAsync(target, cancellationToken);
        var total = ToDto(own);
        return TypedResults.Ok(new SummaryDto(
            total.UnitCode, total.UnitName, total.Counts, total.Overdue, total.OnTimeRate, children.Select(ToDto).ToList()));
    }

    private static UnitSummaryDto ToDto(SummaryRow row) => new(
        row.UnitCode,
        AdminUnitDirectory.Default.NameOf(row.UnitCode),
        new StatusCountsDto(row.Assigned, row.InProgress, row.ReportedDone, row.Accepted, row.Total),
        row.Overdue,
        row.Accepted == 0 ? null : (double)row.AcceptedOnTime / row.Accepted);
}
