using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Http.Statistics;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using Dakla06.ServiceDefaults.Targets;
using Dakla06.Statistics.Data;
using Dakla06.Statistics.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dakla06.Statistics.Api;

public static class IndicatorsApi
{
    public static RouteGroupBuilder MapIndicatorsApi(this RouteGroupBuilder group)
    {
        group.MapGet(StatisticsRoutes.Indicators, GetIndicators)
            .WithTags("Indicators")
            .WithName("GetIndicators")
            .WithSummary("The service indicators of a unit's subtree over [from, to] (the caller's unit when unit is absent), optionally by=child|service|month; from the pre-aggregated counts.");
        return group;
    }

    private static async Task<Results<Ok<IndicatorsResponse>, ValidationProblem, NotFound>> GetIndicators(
        [AsParameters] IndicatorQuery query, Caller caller, IndicatorStore store, TargetStore targetStore, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var period = ReportPeriod.Check(caller, query.Unit, query.From, query.To, errors);
        if (query.By is { } by && !IndicatorBreakdowns.All.Contains(by))
        {
            errors.Add("by", $"Cách chia phải là một trong: {Vocabulary.OneOf(IndicatorBreakdowns.All)}.");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        if (period is null)
        {
            return TypedResults.NotFound();
        }

        var (unit, from, to) = period;
        var total = await store.SumAsync(caller.Scope, unit.Path, from, to, IndicatorGrouping.None, cancellationToken);
        var groups = query.By switch
        {
            IndicatorBreakdowns.Child => await ByChildAsync(caller, store, unit, from, to, cancellationToken),
            IndicatorBreakdowns.Service => await ByServiceAsync(caller, store, unit, from, to, cancellationToken),
            IndicatorBreakdowns.Month => await ByMonthAsync(caller, store, unit, from, to, cancellationToken),
            _ => [],
        };

        // Targets answer for the unit and, by child, for each child (not for the unit's own dossiers, procedures or months).
        var byChild = query.By == IndicatorBreakdowns.Child;
        var targets = await targetStore.ApplyingAsync(
            byChild ? [unit, .. AdminUnitDirectory.Default.ChildrenOf(unit.Code)] : [unit], to, cancellationToken);
        return TypedResults.Ok(new IndicatorsResponse(
            unit.Code, unit.Name, from, to, query.By,
            TargetRules.WithTargets(unit.Code, Indicators.Compute(total.SingleOrDefault() ?? IndicatorSums.Zero(string.Empty)), targets),
            [.. groups.Select(g => byChild && g.Key != unit.Code ? g with { Indicators = TargetRules.WithTargets(g.Key, g.Indicators, targets) } : g)]));
    }

    /// <summary>Every direct child, with zeros when it has no data; the unit's own dossiers (received at the unit itself) as a group of their own.</summary>
    private static async Task<List<IndicatorGroupDto>> ByChildAsync(
        Caller caller, IndicatorStore store, AdminUnit unit, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var sums = (await store.SumAsync(caller.Scope, unit.Path, from, to, IndicatorGrouping.Child, cancellationToken)).ToDictionary(s => s.Key);
        var groups = AdminUnitDirectory.Default.ChildrenOf(unit.Code)
            .Select(child => new IndicatorGroupDto(child.Code, child.Name, Indicators.Compute(sums.GetValueOrDefault(child.Code) ?? IndicatorSums.Zero(child.Code))))
            .ToList();
        if (sums.TryGetValue(unit.Code, out var own))
        {
            groups.Insert(0, new IndicatorGroupDto(unit.Code, unit.Name, Indicators.Compute(own)));
        }

        return groups;
    }

    private static async Task<List<IndicatorGroupDto>> ByServiceAsync(
        Caller caller, IndicatorStore store, AdminUnit unit, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var sums = await store.SumAsync(caller.Scope, unit.Path, from, to, IndicatorGrouping.Procedure, cancellationToken);
        var names = await store.ProcedureNamesAsync(sums.Select(s => s.Key), cancellationToken);
        return [.. sums.OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => new IndicatorGroupDto(s.Key, names.GetValueOrDefault(s.Key) ?? s.Key, Indicators.Compute(s)))];
    }

    /// <summary>Each calendar month of the period cut to [from, to]; its overdue stock is at the month's (cut) end.</summary>
    private static async Task<List<IndicatorGroupDto>> ByMonthAsync(
        Caller caller, IndicatorStore store, AdminUnit unit, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var groups = new List<IndicatorGroupDto>();
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            var start = month < from ? from : month;
            var end = month.AddMonths(1).AddDays(-1) is var last && last > to ? to : last;
            var sums = await store.SumAsync(caller.Scope, unit.Path, start, end, IndicatorGrouping.None, cancellationToken);
            groups.Add(new IndicatorGroupDto($"{month:yyyy-MM}", $"Tháng {month:MM/yyyy}", Indicators.Compute(sums.SingleOrDefault() ?? IndicatorSums.Zero(string.Empty))));
        }

        return groups;
    }
}
