using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Http.Statistics;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using Dakla06.Statistics.Data;
using Dakla06.Statistics.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dakla06.Statistics.Api;

public static class ReportedValuesApi
{
    public const int MaxNoteLength = 2000;

    public static RouteGroupBuilder MapReportedValuesApi(this RouteGroupBuilder group)
    {
        var values = group.MapGroup(string.Empty).WithTags("Reported values");

        values.MapGet(StatisticsRoutes.ReportedIndicators, () => TypedResults.Ok<IReadOnlyList<ReportedIndicatorDto>>(
                [.. ReportedIndicators.All.Select(i => new ReportedIndicatorDto(i.Code, i.Name, i.CountUnit, i.EssentialService))]))
            .WithName("ListReportedIndicators")
            .WithSummary("The indicators that may be reported by hand: one per essential service counted in cases, health-insurance look-ups by CCCD, VssID accounts.");

        values.MapGet(StatisticsRoutes.ReportedValues, ListReportedValues)
            .WithName("ListReportedValues")
            .WithSummary("Reported values in the caller's scope (optionally a unit's subtree, periods overlapping [from, to], a status), latest period first, with what the caller may do with each.");

        values.MapPut(StatisticsRoutes.ReportedValues, SubmitReportedValue)
            .RequireRole(Roles.StatisticsOfficer)
            .WithName("SubmitReportedValue")
            .WithSummary("A statistics officer of the unit or above submits the value of an indicator at a unit over [from, to]; a second PUT of the same indicator, unit and period changes it while submitted. Approved values are locked (409); a period overlapping another of the same indicator and unit is refused (409).");

        values.MapPost(StatisticsRoutes.ReportedValueApprove, (Guid id, Caller caller, ReportedValueStore store, CancellationToken cancellationToken) =>
                AnswerAsync(store.ApproveAsync(id, caller, cancellationToken), caller))
            .RequireRole(Roles.Leader)
            .WithName("ApproveReportedValue")
            .WithSummary("A leader of the value's unit or a unit above it approves the submitted value, which locks it.");

        values.MapPost(StatisticsRoutes.ReportedValueUnlock, (Guid id, Caller caller, ReportedValueStore store, CancellationToken cancellationToken) =>
                AnswerAsync(store.UnlockAsync(id, caller, cancellationToken), caller))
            .RequireRole(Roles.Leader)
            .WithName("UnlockReportedValue")
            .WithSummary("The approver of an approved value, or a leader of a unit above the approver's, unlocks it back to submitted.");

        values.MapGet(StatisticsRoutes.ReportedValueHistory, GetHistory)
            .WithName("GetReportedValueHistory")
            .WithSummary("Every change of a reported value, oldest first: who, when, the value and status before and after.");

        return group;
    }

    private static async Task<Results<Ok<PagedResult<ReportedValueDto>>, ValidationProblem, NotFound>> ListReportedValues(
        [AsParameters] ReportedValueQuery query, Caller caller, ReportedValueStore store, CancellationToken cancellationToken, int? page = null, int? pageSize = null)
    {
        var errors = new ValidationErrors();
        var pageRequest = PageRequest.From(page, pageSize, errors);
        var unit = QueryUnits.Find(query.Unit, "unit", errors);
        if (query.Status is { } status && !ReportedValueStatuses.All.Contains(status))
        {
            errors.Add("status", $"Trạng thái phải là một trong: {Vocabulary.OneOf(ReportedValueStatuses.All)}.");
        }

        if (query is { From: { } from, To: { } to } && to < from)
        {
            errors.Add("to", "Ngày kết thúc phải từ ngày bắt đầu trở đi.");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        if (unit is not null && !caller.Scope.Unit.Contains(unit))
        {
            return TypedResults.NotFound();
        }

        var result = await store.ListAsync(caller.Scope, new ReportedValueFilter(unit?.Path, query.From, query.To, query.Status), pageRequest, cancellationToken);
        return TypedResults.Ok(new PagedResult<ReportedValueDto>(result.Page, result.PageSize, result.Total, [.. result.Items.Select(r => ToDto(r, caller))]));
    }

    private static async Task<Results<Ok<ReportedValueDto>, ValidationProblem, ProblemHttpResult>> SubmitReportedValue(
        SubmitReportedValueRequest request, Caller caller, ReportedValueStore store, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var indicator = ReportedIndicators.Find(request.Indicator);
        if (indicator is null)
        {
            errors.Add("indicator", $"Chỉ tiêu phải là một trong: {Vocabulary.OneOf(ReportedIndicators.All.Select(i => i.Code))}.");
        }

        AdminUnit? unit = null;
        if (string.IsNullOrWhiteSpace(request.UnitCode))
        {
            errors.Add("unitCode", "Đơn vị (unitCode) là bắt buộc.");
        }
        else
        {
            unit = QueryUnits.Find(request.UnitCode, "unitCode", errors);
        }

        ReportPeriod.CheckDates(request.From, request.To, errors);
        if (request.Value is null or < 0)
        {
            errors.Add("value", "Giá trị (value) là bắt buộc, là số nguyên từ 0 trở lên.");
        }

        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        if (note is { Length: > MaxNoteLength })
        {
            errors.Add("note", $"Ghi chú tối đa {MaxNoteLength} ký tự.");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        if (!caller.Scope.Unit.Contains(unit!))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Đơn vị ngoài phạm vi",
                detail: $"{caller.Unit.Name} chỉ nhập số liệu cho đơn vị mình và các đơn vị trực thuộc, không cho {unit!.Name}.");
        }

        var outcome = await store.SubmitAsync(
            new ReportedValueSubmission(indicator!, unit!, request.From!.Value, request.To!.Value, request.Value!.Value, note), caller, cancellationToken);
        return outcome.Refusal is { } refusal
            ? Refuse(refusal)
            : TypedResults.Ok(ToDto(outcome.Row!, caller));
    }

    private static async Task<Results<Ok<IReadOnlyList<ReportedValueChangeDto>>, NotFound>> GetHistory(
        Guid id, Caller caller, ReportedValueStore store, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(caller.Scope, id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        var history = await store.HistoryAsync(id, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ReportedValueChangeDto>>([.. history.Select(h => new ReportedValueChangeDto(
            h.Id, h.Change, h.ChangedBy, h.ChangedByUnit, h.ChangedAt, h.OldValue, h.NewValue, h.OldStatus, h.NewStatus, h.Note))]);
    }

    private static async Task<Results<Ok<ReportedValueDto>, NotFound, ProblemHttpResult>> AnswerAsync(Task<ReportedValueOutcome> command, Caller caller) =>
        await command switch
        {
            { Refusal: { } refusal } => Refuse(refusal),
            { Row: { } row } => TypedResults.Ok(ToDto(row, caller)),
            _ => TypedResults.NotFound(),
        };

    private static ProblemHttpResult Refuse(Refusal refusal) =>
        TypedResults.Problem(statusCode: refusal.Status, title: refusal.Title, detail: refusal.Detail);

    private static ReportedValueDto ToDto(ReportedValueRow row, Caller caller)
    {
        var indicator = ReportedIndicators.Find(row.Indicator);
        return new ReportedValueDto(
            row.Id, row.Indicator, indicator?.Name ?? row.Indicator, indicator?.CountUnit ?? string.Empty,
            row.UnitCode, AdminUnitDirectory.Default.NameOf(row.UnitCode), row.PeriodFrom, row.PeriodTo, row.Value, row.Note, row.Status,
            row.SubmittedBy, row.SubmittedAt, row.ApprovedBy, row.ApprovedByUnit, row.ApprovedAt, ReportedValueRules.Actions(caller, row.Approval));
    }
}
