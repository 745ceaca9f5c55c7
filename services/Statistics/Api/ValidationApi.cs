using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Http.Statistics;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using Dakla06.Statistics.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dakla06.Statistics.Api;

public static class ValidationApi
{
    public static RouteGroupBuilder MapValidationApi(this RouteGroupBuilder group)
    {
        var validation = group.MapGroup(string.Empty).WithTags("Validation");

        validation.MapGet(StatisticsRoutes.ValidationRules, ListValidationRules)
            .WithName("ListValidationRules")
            .WithSummary("The rules the dossier import applies: code, Vietnamese description (why this severity), severity error (line rejected) or warning (line stored and flagged), enabled, adjustable.");

        validation.MapGet(StatisticsRoutes.Outliers, ListOutliers)
            .WithName("ListOutliers")
            .WithSummary($"Units × months of the unit's subtree whose received count has a z-score above {OutlierStore.Threshold} against the same unit's other months with dossiers in [from, to] (at least {OutlierStore.MinBaselineMonths} of them); highest first.");

        return group;
    }

    private static async Task<Ok<ValidationRuleDto[]>> ListValidationRules(ValidationRuleStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListAsync(cancellationToken))
            .Select(r => new ValidationRuleDto(r.Code, r.Description, r.Severity, r.Enabled, r.Adjustable)).ToArray());

    private static async Task<Results<Ok<OutliersResponse>, ValidationProblem, NotFound>> ListOutliers(
        [AsParameters] PeriodQuery query, Caller caller, OutlierStore store, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (ReportPeriod.Check(caller, query.Unit, query.From, query.To, errors) is not { } period)
        {
            return errors.IsEmpty ? TypedResults.NotFound() : TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var outliers = await store.ListAsync(caller.Scope, period.Unit.Path, period.From, period.To, cancellationToken);
        return TypedResults.Ok(new OutliersResponse(period.Unit.Code, period.Unit.Name, period.From, period.To,
            [.. outliers.Select(o => new OutlierDto(o.UnitCode, AdminUnitDirectory.Default.NameOf(o.UnitCode), o.Month, o.Received, o.Mean, o.StdDev, o.Z))]));
    }
}
