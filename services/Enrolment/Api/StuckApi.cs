using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Http.Enrolment;
using Dakla06.Enrolment.Data;
using Dakla06.Enrolment.Domain;
using Dakla06.ServiceDefaults;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dakla06.Enrolment.Api;

/// <summary>The applications stuck in a stage past its threshold, listed (masked unless pii-reader) and counted per child unit.</summary>
public static class StuckApi
{
    /// <summary>The audit action of an unmasked read of the stuck list.</summary>
    public const string UnmaskedReadAction = "enrolment.stuck.read";

    public static RouteGroupBuilder MapStuckApi(this RouteGroupBuilder group)
    {
        var stuck = group.MapGroup(string.Empty).WithTags("Stuck");

        stuck.MapGet(EnrolmentRoutes.Stuck, ListStuck)
            .WithName("ListStuck")
            .WithSummary("The applications of a unit's subtree (the caller's when absent) stuck today in a stage (both when absent) past its configured days, by commune then longest wait; ID numbers and names masked unless pii-reader (then audited).");

        stuck.MapGet(EnrolmentRoutes.StuckSummary, GetStuckSummary)
            .WithName("GetStuckSummary")
            .WithSummary("The stuck counts per stage today of a unit's subtree (the caller's when absent) and of each child (zeros included), with the thresholds.");

        return group;
    }

    private static async Task<Results<Ok<PagedResult<StuckItemDto>>, ValidationProblem, NotFound>> ListStuck(
        [AsParameters] StuckQuery query, Caller caller, StuckStore store, PersonalDataAudit audit, TimeProvider time,
        CancellationToken cancellationToken, int? page = null, int? pageSize = null)
    {
        var errors = new ValidationErrors();
        var pageRequest = PageRequest.From(page, pageSize, errors);
        var unit = QueryUnits.Find(query.Unit, "unit", errors) ?? caller.Unit;
        var stage = string.IsNullOrWhiteSpace(query.Stage) ? null : query.Stage.Trim();
        if (stage is not null && !EnrolmentStages.All.Contains(stage))
        {
            errors.Add("stage", $"Khâu phải là một trong: {string.Join(", ", EnrolmentStages.All)}.");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        if (!caller.Scope.Unit.Contains(unit))
        {
            return TypedResults.NotFound();
        }

        var result = await store.ListAsync(caller.Scope, unit, stage, VietnamTime.Today(time), pageRequest, cancellationToken);
        var unmasked = caller.HasRole(Roles.PiiReader);
        if (unmasked && result.Items.Count > 0)
        {
            await audit.WriteAsync(caller.Username, UnmaskedReadAction,
                detail: $"unit={unit.Code}; stage={stage ?? "*"}; page={pageRequest.Page}; items={result.Items.Count}", cancellationToken: cancellationToken);
        }

        return TypedResults.Ok(new PagedResult<StuckItemDto>(result.Page, result.PageSize, result.Total,
            [.. result.Items.Select(row => ToDto(row, unmasked))]));
    }

    private static async Task<Results<Ok<StuckSummaryResponse>, ValidationProblem, NotFound>> GetStuckSummary(
        [AsParameters] StuckSummaryQuery query, Caller caller, StuckStore store, StuckThresholds thresholds, TimeProvider time,
        CancellationToken cancellationToken)
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

        var counts = (await store.CountsAsync(caller.Scope, unit, VietnamTime.Today(time), cancellationToken)).ToDictionary(c => c.Key);
        StuckCountsDto CountsOf(AdminUnit u, long card, long handover) => new(u.Code, u.Name, card, handover);
        var children = AdminUnitDirectory.Default.ChildrenOf(unit.Code)
            .Select(child => counts.TryGetValue(child.Code, out var c)
                ? CountsOf(child, c.AwaitingCard, c.AwaitingHandover)
                : CountsOf(child, 0, 0))
            .ToList();
        var total = CountsOf(unit, counts.Values.Sum(c => c.AwaitingCard), counts.Values.Sum(c => c.AwaitingHandover));
        return TypedResults.Ok(new StuckSummaryResponse(thresholds.ToDtos(), total, children));
    }

    private static StuckItemDto ToDto(StuckRow row, bool unmasked) => new(
        row.ApplicationCode, row.Stage, row.CommuneCode, AdminUnitDirectory.Default.NameOf(row.CommuneCode), row.Since, row.DaysWaited,
        row.ThresholdDays,
        unmasked ? row.IdNumber : PersonalData.MaskIdNumber(row.IdNumber)!,
        unmasked ? row.FullName : PersonalData.MaskName(row.FullName)!,
        Masked: !unmasked);
}
