using Dakla06.Contracts.AdminUnits;
using Dakla06.Inspections.Data;
using Dakla06.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dakla06.Inspections.Api;

/// <summary>
/// One unit's coverage (its whole subtree). <c>coveragePercent</c> = targets (systems + devices) inspected in the last
/// 12 months ÷ registered, 0–100 with one decimal, 0 when nothing is registered.
/// </summary>
public sealed record CoverageRowDto(
    string UnitCode,
    string UnitName,
    long Systems,
    long SystemsInspected,
    long Devices,
    long DevicesInspected,
    double CoveragePercent,
    long OpenCritical,
    long OpenHigh,
    long OpenMedium,
    long OpenLow,
    long Overdue)
{
    public static CoverageRowDto From(CoverageRow row)
    {
        var registered = row.Systems + row.Devices;
        var inspected = row.SystemsInspected + row.DevicesInspected;
        return new CoverageRowDto(
            row.UnitCode,
            AdminUnitDirectory.Default.Find(row.UnitCode)?.Name ?? row.UnitCode,
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

/// <summary>The coverage table: a row per direct child unit of <c>unitCode</c> (none for a commune) and the unit's total.</summary>
public sealed record CoverageDto(string UnitCode, string UnitName, IReadOnlyList<CoverageRowDto> Rows, CoverageRowDto Total);

public static class CoverageApi
{
    public static RouteGroupBuilder MapCoverageApi(this RouteGroupBuilder group)
    {
        group.MapGet("/coverage", GetCoverage)
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
        return TypedResults.Ok(new CoverageDto(target.Code, target.Name, children.Select(CoverageRowDto.From).ToList(), CoverageRowDto.From(total)));
    }
}
