using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Http.Inspections;
using Dakla06.Inspections.Data;
using Dakla06.Inspections.Domain;
using Dakla06.ServiceDefaults;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Dakla06.Inspections.Api;

public static class InspectionEndpoints
{
    public const int MaxConclusionLength = 8000;
    public const int MaxNoteLength = 2000;

    /// <summary>The earliest inspection date accepted (the population database went live in 2021; older records may be entered).</summary>
    public static readonly DateOnly EarliestDate = new(2015, 1, 1);

    public static RouteGroupBuilder MapInspectionEndpoints(this RouteGroupBuilder group)
    {
        var inspections = group.MapGroup(string.Empty).WithTags("Inspections");

        inspections.MapPost(InspectionsRoutes.Inspections, CreateInspection)
            .RequireRole(Roles.SecurityInspector)
            .WithName("CreateInspection")
            .WithSummary("Plans an inspection of a system or device in scope by a team in scope with the latest version of a checklist; a repeated Idempotency-Key returns the first.");

        inspections.MapGet(InspectionsRoutes.Inspections, ListInspections)
            .WithName("ListInspections")
            .WithSummary("Inspections of targets in the caller's scope (conclusions only for inspectors and leaders in scope).");

        inspections.MapGet(InspectionsRoutes.Inspection, GetInspection)
            .WithName("GetInspection")
            .WithSummary("An inspection with checklist results, score and findings; only for inspectors and leaders in scope (404 otherwise).");

        inspections.MapPost(InspectionsRoutes.InspectionStart, StartInspection)
            .RequireRole(Roles.SecurityInspector)
            .WithName("StartInspection")
            .WithSummary("planned → in_progress; startedOn defaults to today (Vietnam).");

        inspections.MapPut(InspectionsRoutes.InspectionResults, SaveResults)
            .RequireRole(Roles.SecurityInspector)
            .WithName("SaveInspectionResults")
            .WithSummary("Records or replaces results (pass | fail | not_applicable, note) of checklist items while in progress.");

        inspections.MapPost(InspectionsRoutes.InspectionComplete, CompleteInspection)
            .RequireRole(Roles.SecurityInspector)
            .WithName("CompleteInspection")
            .WithSummary("in_progress → completed with a conclusion; every item needs a result. Raises a critical finding per failed critical item and recomputes readiness.");

        return group;
    }

    private static async Task<Results<Created<InspectionDto>, ValidationProblem>> CreateInspection(
        CreateInspectionRequest request, Caller caller, InspectionStore store, TimeProvider time, CancellationToken cancellationToken,
        [FromHeader(Name = IdempotencyKey.Header)] string? idempotencyKey = null)
    {
        var errors = new ValidationErrors();
        IdempotencyKey.Validate(idempotencyKey, errors);
        var targetType = request.TargetType?.Trim();
        if (!TargetTypes.IsValid(targetType))
        {
            errors.Add("targetType", $"Loại đối tượng phải là một trong: {string.Join(", ", TargetTypes.All)}.");
        }

        if (request.TargetId is null || request.TargetId == Guid.Empty)
        {
            errors.Add("targetId", "Đối tượng kiểm tra là bắt buộc.");
        }

        var teamCode = request.TeamCode?.Trim();
        if (string.IsNullOrEmpty(teamCode))
        {
            errors.Add("teamCode", "Đoàn kiểm tra là bắt buộc.");
        }

        CheckDate(request.PlannedOn, "plannedOn", "Ngày kiểm tra dự kiến", required: true, notAfter: null, errors);

        var checklistCode = request.ChecklistCode?.Trim();
        if (string.IsNullOrEmpty(checklistCode))
        {
            errors.Add("checklistCode", "Bảng kiểm là bắt buộc.");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var (outcome, id) = await store.CreateAsync(
            new NewInspection(targetType!, request.TargetId!.Value, teamCode!, request.PlannedOn!.Value, checklistCode!), caller, idempotencyKey, errors, cancellationToken);
        if (outcome == InspectionOutcome.Invalid)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var details = await store.FindAsync(caller, id, cancellationToken);
        return TypedResults.Created(InspectionsRoutes.Path(InspectionsRoutes.Inspection, id), ToDto(details!, VietnamTime.Today(time)));
    }

    private static async Task<Results<Ok<PagedResult<InspectionSummaryDto>>, ValidationProblem>> ListInspections(
        Caller caller, InspectionStore store, [AsParameters] InspectionQuery query, CancellationToken cancellationToken, int? page = null, int? pageSize = null)
    {
        var errors = new ValidationErrors();
        var pageRequest = PageRequest.From(page, pageSize, errors);
        var filter = query.Validate(errors);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var result = await store.ListAsync(caller, filter, pageRequest, cancellationToken);
        return TypedResults.Ok(new PagedResult<InspectionSummaryDto>(result.Page, result.PageSize, result.Total, result.Items.Select(ToSummaryDto).ToList()));
    }

    private static async Task<Results<Ok<InspectionDto>, NotFound>> GetInspection(
        Guid id, Caller caller, InspectionStore store, TimeProvider time, CancellationToken cancellationToken) =>
        await store.FindAsync(caller, id, cancellationToken) is { } details
            ? TypedResults.Ok(ToDto(details, VietnamTime.Today(time)))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<InspectionDto>, ValidationProblem, NotFound, ProblemHttpResult>> StartInspection(
        Guid id, StartInspectionRequest? request, Caller caller, InspectionStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var today = VietnamTime.Today(time);
        CheckDate(request?.StartedOn, "startedOn", "Ngày bắt đầu kiểm tra", required: false, notAfter: today, errors);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var (outcome, refusal) = await store.StartAsync(id, request?.StartedOn ?? today, caller, cancellationToken);
        return await RespondAsync(id, outcome, refusal, errors, caller, store, time, cancellationToken);
    }

    private static async Task<Results<Ok<InspectionDto>, ValidationProblem, NotFound, ProblemHttpResult>> SaveResults(
        Guid id, SaveResultsRequest request, Caller caller, InspectionStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var results = new List<ItemResult>();
        if (request.Results is null || request.Results.Count == 0)
        {
            errors.Add("results", "Cần ít nhất một kết quả hạng mục.");
        }
        else
        {
            var seen = new HashSet<int>();
            for (var i = 0; i < request.Results.Count; i++)
            {
                var item = request.Results[i];
                if (item?.ItemNo is not { } no)
                {
                    errors.Add($"results[{i}].itemNo", "Số hạng mục là bắt buộc.");
                    continue;
                }

                if (!seen.Add(no))
                {
                    errors.Add($"results[{i}].itemNo", $"Hạng mục số {no} xuất hiện nhiều lần.");
                }

                var result = item.Result?.Trim();
                if (!ItemResults.IsValid(result))
                {
                    errors.Add($"results[{i}].result", $"Kết quả phải là một trong: {string.Join(", ", ItemResults.All)}.");
                }

                var note = Fields.Optional(item.Note, $"results[{i}].note", "Ghi chú", MaxNoteLength, errors);
                results.Add(new ItemResult(no, result ?? string.Empty, note));
            }
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var (outcome, refusal) = await store.SaveResultsAsync(id, results, caller, errors, cancellationToken);
        return await RespondAsync(id, outcome, refusal, errors, caller, store, time, cancellationToken);
    }

    private static async Task<Results<Ok<InspectionDto>, ValidationProblem, NotFound, ProblemHttpResult>> CompleteInspection(
        Guid id, CompleteInspectionRequest request, Caller caller, InspectionStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var conclusion = Fields.Required(request.Conclusion, "conclusion", "Kết luận kiểm tra", MaxConclusionLength, errors);
        CheckDate(request.CompletedOn, "completedOn", "Ngày hoàn thành kiểm tra", required: false, notAfter: VietnamTime.Today(time), errors);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var (outcome, refusal) = await store.CompleteAsync(id, conclusion!, request.CompletedOn, caller, errors, cancellationToken);
        return await RespondAsync(id, outcome, refusal, errors, caller, store, time, cancellationToken);
    }

    private static void CheckDate(DateOnly? date, string field, string label, bool required, DateOnly? notAfter, ValidationErrors errors)
    {
        if (date is null)
        {
            if (required)
            {
                errors.Add(field, $"{label} là bắt buộc (yyyy-MM-dd).");
            }
        }
        else if (date < EarliestDate)
        {
            errors.Add(field, $"{label} không được trước năm {EarliestDate.Year}.");
        }
        else if (notAfter is { } latest && date > latest)
        {
            errors.Add(field, $"{label} không được sau ngày hôm nay.");
        }
    }

    private static async Task<Results<Ok<InspectionDto>, ValidationProblem, NotFound, ProblemHttpResult>> RespondAsync(
        Guid id, InspectionOutcome outcome, string? refusal, ValidationErrors errors, Caller caller, InspectionStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        switch (outcome)
        {
            case InspectionOutcome.NotFound:
                return TypedResults.NotFound();
            case InspectionOutcome.Invalid:
                return TypedResults.ValidationProblem(errors.ToDictionary());
            case InspectionOutcome.Conflict:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Không thể chuyển trạng thái đợt kiểm tra", detail: refusal);
            default:
                var details = await store.FindAsync(caller, id, cancellationToken);
                return TypedResults.Ok(ToDto(details!, VietnamTime.Today(time)));
        }
    }

    /// <summary>An inspection as lists show it (also on a system's page).</summary>
    internal static InspectionSummaryDto ToSummaryDto(InspectionSummaryRow row) => new(
        row.Id, row.TargetType, row.TargetId, row.TargetName, row.OwnerUnitCode, AdminUnitDirectory.Default.NameOf(row.OwnerUnitCode), row.TeamCode,
        row.InspectingUnitCode, row.Status, row.PlannedOn, row.StartedOn, row.CompletedOn, row.Conclusion, row.DetailsVisible);

    private static InspectionDto ToDto(InspectionDetails details, DateOnly today)
    {
        var i = details.Inspection;
        var results = details.Results.ToDictionary(r => r.ItemNo);
        return new InspectionDto(
            i.Id, i.TargetType, i.TargetId, i.TargetName, i.OwnerUnitCode, AdminUnitDirectory.Default.NameOf(i.OwnerUnitCode), i.TeamCode, i.TeamName,
            i.InspectingUnitCode, AdminUnitDirectory.Default.NameOf(i.InspectingUnitCode), i.ChecklistCode, i.ChecklistVersion, i.ChecklistTitle, i.Status,
            i.PlannedOn, i.StartedOn, i.CompletedOn, i.Conclusion,
            details.Items.Select(item => new InspectionItemDto(
                item.No, item.Text, item.Critical, item.Weight, results.GetValueOrDefault(item.No)?.Result, results.GetValueOrDefault(item.No)?.Note)).ToList(),
            ChecklistRules.Score(details.Items, details.Results),
            details.Findings.Select(f => FindingsApi.ToSummaryDto(f, today)).ToList(),
            i.CreatedBy, i.CreatedAt);
    }
}

/// <summary>Checks the inspection list's query parameters.</summary>
public static class InspectionQueryValidation
{
    /// <summary>The checked filter, or errors naming each bad parameter.</summary>
    public static InspectionFilter Validate(this InspectionQuery query, ValidationErrors errors)
    {
        if (query.TargetType is not null && !TargetTypes.IsValid(query.TargetType))
        {
            errors.Add("targetType", $"Loại đối tượng phải là một trong: {string.Join(", ", TargetTypes.All)}.");
        }

        if (query.Status is not null && !InspectionStatuses.IsValid(query.Status))
        {
            errors.Add("status", $"Trạng thái phải là một trong: {string.Join(", ", InspectionStatuses.All)}.");
        }

        return new InspectionFilter(query.TargetType, query.TargetId, query.Status);
    }
}
