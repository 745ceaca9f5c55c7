using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Statistics;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Dakla06.ServiceDefaults.Targets;

/// <summary>
/// The targets endpoints of a service that measures indicators (statistics, enrolment): the same request, answer, rules
/// and storage everywhere, on the service's routes and with its capability role.
/// </summary>
public static class TargetsEndpoints
{
    /// <summary>Maps set (PUT <paramref name="targetsRoute"/>), list (GET) and delete (DELETE <paramref name="targetRoute"/>, an <c>{id:guid}</c>).</summary>
    public static RouteGroupBuilder MapTargetsApi(this RouteGroupBuilder group, string capabilityRole, string targetsRoute, string targetRoute)
    {
        var targets = group.MapGroup(string.Empty).WithTags("Targets");

        targets.MapPut(targetsRoute, SetTarget)
            .RequireRole(capabilityRole)
            .WithName("SetTarget")
            .WithSummary($"Sets a target (upsert by indicator, unitCode or level, from, to): province {capabilityRole}s for a whole level, a {capabilityRole} for a unit strictly below their own.");

        targets.MapGet(targetsRoute, ListTargets)
            .WithName("ListTargets")
            .WithSummary("The targets that apply to a unit (the caller's when unit is absent) and the units below it: their own and the level-wide ones.");

        targets.MapDelete(targetRoute, DeleteTarget)
            .RequireRole(capabilityRole)
            .WithName("DeleteTarget")
            .WithSummary("Deletes a target, by whoever may set it (province officers for a level, officers above its unit); answers it as it was.");

        return group;
    }

    private static async Task<Results<Ok<TargetDto>, ValidationProblem, ProblemHttpResult>> SetTarget(
        SetTargetRequest request, Caller caller, TargetStore store, TargetIndicatorCatalogue catalogue, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (TargetRules.Check(request, catalogue, errors) is not { } target)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        if (Refusal(caller, target.Unit) is { } refusal)
        {
            return refusal;
        }

        return TypedResults.Ok(ToDto(await store.UpsertAsync(target, caller, cancellationToken), catalogue));
    }

    private static async Task<Results<Ok<PagedResult<TargetDto>>, ValidationProblem, NotFound>> ListTargets(
        [AsParameters] TargetQuery query, Caller caller, TargetStore store, TargetIndicatorCatalogue catalogue, CancellationToken cancellationToken,
        int? page = null, int? pageSize = null)
    {
        var errors = new ValidationErrors();
        var pageRequest = PageRequest.From(page, pageSize, errors);
        var unit = QueryUnits.Find(query.Unit, "unit", errors);
        var indicator = string.IsNullOrWhiteSpace(query.Indicator) ? null : query.Indicator.Trim();
        if (indicator is not null && catalogue.Describe(indicator) is null)
        {
            errors.Add("indicator", $"Chỉ tiêu phải là một trong: {string.Join(", ", catalogue.Codes)}.");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        unit ??= caller.Unit;
        if (!caller.Scope.Unit.Contains(unit))
        {
            return TypedResults.NotFound();
        }

        var result = await store.ListAsync(caller.Scope, unit, indicator, pageRequest, cancellationToken);
        return TypedResults.Ok(new PagedResult<TargetDto>(result.Page, result.PageSize, result.Total, [.. result.Items.Select(t => ToDto(t, catalogue))]));
    }

    private static async Task<Results<Ok<TargetDto>, NotFound, ProblemHttpResult>> DeleteTarget(
        Guid id, Caller caller, TargetStore store, IndicatorShortfallScanner scanner, TargetIndicatorCatalogue catalogue,
        CancellationToken cancellationToken)
    {
        if (await store.FindAsync(caller.Scope, id, cancellationToken) is not { } target)
        {
            return TypedResults.NotFound();
        }

        if (Refusal(caller, AdminUnitDirectory.Default.Find(target.UnitCode)) is { } refusal)
        {
            return refusal;
        }

        await scanner.WithdrawAsync(target, cancellationToken);
        return TypedResults.Ok(ToDto(target, catalogue));
    }

    /// <summary>
    /// 403 unless the caller may set a target of <paramref name="unit"/> (null: a level-wide target): the province sets
    /// targets for whole levels, an officer sets them for the units strictly below their own.
    /// </summary>
    private static ProblemHttpResult? Refusal(Caller caller, AdminUnit? unit) => unit switch
    {
        null when caller.Unit.Level != AdminLevel.Province => TypedResults.Problem(
            statusCode: StatusCodes.Status403Forbidden, title: "Chỉ cấp tỉnh",
            detail: "Chỉ tiêu áp dụng cho cả một cấp do cấp tỉnh giao."),
        not null when unit == caller.Unit || !caller.Unit.Contains(unit) => TypedResults.Problem(
            statusCode: StatusCodes.Status403Forbidden, title: "Ngoài phạm vi giao chỉ tiêu",
            detail: "Chỉ giao chỉ tiêu cho các đơn vị trực thuộc đơn vị của mình."),
        _ => null,
    };

    private static TargetDto ToDto(TargetRow row, TargetIndicatorCatalogue catalogue) => new(
        row.Id, row.Indicator, catalogue.NameOf(row.Indicator), row.UnitCode,
        row.UnitCode is null ? null : AdminUnitDirectory.Default.NameOf(row.UnitCode), row.Level, row.PeriodFrom, row.PeriodTo,
        row.Threshold, row.Direction, row.Document, row.SetByUnitCode, row.UpdatedBy, row.UpdatedAt);
}
