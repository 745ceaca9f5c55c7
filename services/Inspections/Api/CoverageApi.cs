using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Http.Inspections;
using Dakla06.Inspections.Data;
using Dakla06.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dakla06.Inspections.Api;

public static class CoverageApi
{
    public static RouteGroupBuilder MapCoverageApi(this RouteGroupBuilder group)
    {
        group.MapGet(InspectionsRoutes.Coverage, GetCoverage)
            .WithTags("Coverage")
            .WithName("GetCoverage")
            .WithSummary("Per direct child unit of a unit in scope (default the caller's unit) and in total: systems and devices registered vs. inspected in the last 12 months, open findings by severity, overdue findings.");
        return group;
    }

    private static async Task<Results<Ok<CoverageDto>, NotFound>> GetCoverage(
        Caller caller, CoverageStore store, AdminUnitDirectory units, CancellationToken cancellationToken, string? unit = null)
    {
        var target = unit is null ? caller.Unit : units.Find(unit);
        if (target is null || !caller.Scope.IsInScope(target.Code))
        {
            return TypedResults.NotFound();
        }

        var (total, children) = await store.CoverAsync(target, cancellationToken);
        return TypedResults.Ok(new CoverageDto(target.Code, target.Name, children.Select(ToDto).ToList(), ToDto(total)));
    }

    private static CoverageRowDto ToDto(CoverageRow row)
    {
        var registered = row.Systems + row.Devices;
        var inspected = row.SystemsInspected + row.DevicesInspected;
        return new CoverageRowDto(
            row.UnitCode,
            AdminUnitDirectory.Default.NameOf(row.UnitCode),
            row.Systems,
            row.SystemsInspected,
            row.Devices,
            row.DevicesInspected,
            registered == 0 ? 0 : Math.Round(100.0 * inspected / registered, 1, MidpointRounding.AwayFromZero),
            row.OpenCritical,
            row.OpenHigh,
            row.OpenMedium,
            row.OpenLow,
            row.Overdue);
    }
}
