using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Http.Enrolment;
using Dakla06.Contracts.Http.Statistics;
using Dakla06.Enrolment.Data;
using Dakla06.Enrolment.Domain;
using Dakla06.ServiceDefaults;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using Dakla06.ServiceDefaults.Targets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dakla06.Enrolment.Api;

public static class FunnelApi
{
    public static RouteGroupBuilder MapFunnelApi(this RouteGroupBuilder group)
    {
        group.MapGet(EnrolmentRoutes.Funnel, GetFunnel)
            .WithTags("Funnel")
            .WithName("GetEnrolmentFunnel")
            .WithSummary("The funnel of a unit's subtree as of a day (the caller's unit and today when absent), optionally by=child|month: applications, cards, e-ID accounts, population aged 14+ and coverage; from the pre-aggregated counts.");
        group.MapGet(EnrolmentRoutes.StageTimes, GetStageTimes)
            .WithTags("Funnel")
            .WithName("GetEnrolmentStageTimes")
            .WithSummary("Median and 90th percentile days from application to card received and from received to handed over, for a unit's subtree and each child.");
        return group;
    }

    private static async Task<Results<Ok<FunnelResponse>, ValidationProblem, NotFound>> GetFunnel(
        [AsParameters] FunnelQuery query, Caller caller, FunnelStore store, TargetStore targetStore, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var unit = QueryUnits.Find(query.Unit, "unit", errors) ?? caller.Unit;
        if (query.By is { } by && !FunnelBreakdowns.All.Contains(by))
        {
            errors.Add("by", $"Cách chia phải là một trong: {string.Join(", ", FunnelBreakdowns.All)}.");
        }

        if (query.AsOf is { Year: < 2000 or > 2399 })
        {
            errors.Add("asOf", "Ngày (asOf) phải từ năm 2000 đến năm 2399.");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        if (!caller.Scope.Unit.Contains(unit))
        {
            return TypedResults.NotFound();
        }

        var asOf = query.AsOf ?? VietnamTime.Today(time);
        var children = query.By == FunnelBreakdowns.Child ? AdminUnitDirectory.Default.ChildrenOf(unit.Code) : [];

        // Targets answer for the unit and, by child, for each child (as statistics' indicators do); read on a connection
        // of their own while the sums are read: one round trip less on the call's path.
        var targetsRead = targetStore.ApplyingAsync([unit, .. children], asOf, cancellationToken);
        var (sums, populationAsOf) = await store.AsOfAsync(caller.Scope, [unit, .. children], asOf, cancellationToken);
        var targets = await targetsRead;
        List<IndicatorGroupDto> groups = query.By switch
        {
            FunnelBreakdowns.Child => [.. children.Select(child =>
                new IndicatorGroupDto(child.Code, child.Name, TargetRules.WithTargets(child.Code, Funnel.Compute(sums[child.Code]), targets)))],
            FunnelBreakdowns.Month => await ByMonthAsync(caller, store, unit, asOf, sums[unit.Code].Population14Plus, cancellationToken),
            _ => [],
        };
        return TypedResults.Ok(new FunnelResponse(
            unit.Code, unit.Name, asOf, query.By, TargetRules.WithTargets(unit.Code, Funnel.Compute(sums[unit.Code]), targets), groups, populationAsOf));
    }

    /// <summary>Each month from the first with data to asOf's, as of its last day (asOf for its own month); the population is today's.</summary>
    private static async Task<List<IndicatorGroupDto>> ByMonthAsync(
        Caller caller, FunnelStore store, AdminUnit unit, DateOnly asOf, long population, CancellationToken cancellationToken)
    {
        var months = await store.MonthsAsync(caller.Scope, unit, asOf, cancellationToken);
        var groups = new List<IndicatorGroupDto>();
        var running = new FunnelSums { Population14Plus = population };
        foreach (var month in months)
        {
            running = running.Plus(month, month.Key);
            running.Population14Plus = population;
            groups.Add(new IndicatorGroupDto(month.Key, $"Tháng {month.Key[5..]}/{month.Key[..4]}", Funnel.Compute(running)));
        }

        return groups;
    }

    private static async Task<Results<Ok<StageTimesResponse>, ValidationProblem, NotFound>> GetStageTimes(
        [AsParameters] StageTimesQuery query, Caller caller, FunnelStore store, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var unit = QueryUnits.Find(query.Unit, "unit", errors) ?? caller.Unit;
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        if (!caller.Scope.Unit.Contains(unit))
        {
            return TypedResults.NotFound();
        }

        var children = AdminUnitDirectory.Default.ChildrenOf(unit.Code);
        var histograms = (await store.StageDaysAsync(caller.Scope, [unit, .. children], cancellationToken)).ToLookup(h => h.UnitCode);
        return TypedResults.Ok(new StageTimesResponse(
            StageTimes.Of(unit, histograms[unit.Code]), [.. children.Select(child => StageTimes.Of(child, histograms[child.Code]))]));
    }
}
