using Dakla06.Contracts.Http.Statistics;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using Dakla06.Statistics.Data;
using Dakla06.Statistics.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dakla06.Statistics.Api;

public static class SummaryApi
{
    public static RouteGroupBuilder MapSummaryApi(this RouteGroupBuilder group)
    {
        var summaries = group.MapGroup(string.Empty).WithTags("Summaries");

        summaries.MapGet(StatisticsRoutes.ProceduresSummary, GetProcedureSummary)
            .WithName("GetProcedureSummary")
            .WithSummary("The catalogue as of 'to' by level of government and online level, and per online level the procedures offered at it on some day of the period, of those the ones with dossiers received at that level in the unit's subtree, and of those the ones with online dossiers.");

        summaries.MapGet(StatisticsRoutes.EssentialServices, GetEssentialServices)
            .WithName("GetEssentialServices")
            .WithSummary("The 25 essential public services with their unit of count and their count in the unit's subtree: the dossiers received in the period for the procedures carrying their number, plus the approved reported values whose period lies within [from, to].");

        return group;
    }

    private static async Task<Results<Ok<ProcedureSummaryResponse>, ValidationProblem, NotFound>> GetProcedureSummary(
        [AsParameters] PeriodQuery query, Caller caller, SummaryStore store, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (ReportPeriod.Check(caller, query.Unit, query.From, query.To, errors) is not { } period)
        {
            return errors.IsEmpty ? TypedResults.NotFound() : TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var catalogue = await store.CatalogueAsync(period.To, cancellationToken);
        var offered = await store.OfferedAsync(period.From, period.To, cancellationToken);
        var use = (await store.LevelUseAsync(caller.Scope, period.Unit.Path, period.From, period.To, cancellationToken)).ToDictionary(u => u.OnlineLevel);
        var levels = Vocabulary.OnlineLevels
            .Select(level => (Level: level, Procedures: offered.GetValueOrDefault(level), Use: use.GetValueOrDefault(level)))
            .Where(l => l.Procedures > 0 || l.Use is not null)
            .Select(l => new OnlineLevelUseDto(
                l.Level, l.Procedures, l.Use?.WithDossiers ?? 0, Indicators.Percent(l.Use?.WithDossiers ?? 0, l.Procedures),
                l.Use?.WithOnlineDossiers ?? 0, Indicators.Percent(l.Use?.WithOnlineDossiers ?? 0, l.Use?.WithDossiers ?? 0)))
            .ToList();
        return TypedResults.Ok(new ProcedureSummaryResponse(
            period.Unit.Code, period.Unit.Name, period.From, period.To,
            [.. catalogue.Select(c => new CatalogueCountDto(c.AdministrativeLevel, c.OnlineLevel, c.Procedures))], levels));
    }

    private static async Task<Results<Ok<EssentialServicesResponse>, ValidationProblem, NotFound>> GetEssentialServices(
        [AsParameters] PeriodQuery query, Caller caller, SummaryStore store, ReportedValueStore reported, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (ReportPeriod.Check(caller, query.Unit, query.From, query.To, errors) is not { } period)
        {
            return errors.IsEmpty ? TypedResults.NotFound() : TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var counts = (await store.EssentialCountsAsync(caller.Scope, period.Unit.Path, period.From, period.To, cancellationToken)).ToDictionary(c => c.Number);
        var approved = await reported.ApprovedTotalsAsync(caller.Scope, period.Unit.Path, period.From, period.To, cancellationToken);
        var procedures = await store.EssentialProceduresAsync(period.To, cancellationToken);
        return TypedResults.Ok(new EssentialServicesResponse(period.Unit.Code, period.Unit.Name, period.From, period.To,
            [.. EssentialServices.All.Select(s => new EssentialServiceDto(
                s.Number, s.Name, s.Group, s.Sector,
                (counts.GetValueOrDefault(s.Number)?.Received ?? 0) + approved.GetValueOrDefault(ReportedIndicators.CodeOf(s.Number)),
                s.CountUnit, procedures.GetValueOrDefault(s.Number)))]));
    }
}
