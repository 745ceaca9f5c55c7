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

public static class FindingsApi
{
    public const int MaxReasonLength = 4000;

    /// <summary>How far ahead a leader may accept a risk.</summary>
    public const int MaxRiskAcceptanceDays = 366;

    public static RouteGroupBuilder MapFindingsApi(this RouteGroupBuilder group)
    {
        group.MapPost(InspectionsRoutes.InspectionFindings, RaiseFinding)
            .RequireRole(Roles.SecurityInspector)
            .WithTags("Findings")
            .WithName("RaiseFinding")
            .WithSummary("Raises a finding on a started inspection; deadline defaults from the severity's SLA. Publishes FindingRaised (a remediation task in directive tracking); a repeated Idempotency-Key returns the first.");

        var findings = group.MapGroup(string.Empty).WithTags("Findings");

        findings.MapGet(InspectionsRoutes.Findings, ListFindings)
            .WithName("ListFindings")
            .WithSummary("Findings whose responsible unit is in scope, or (inspectors, leaders) whose target is; overdue first.");

        findings.MapGet(InspectionsRoutes.Finding, GetFinding)
            .WithName("GetFinding")
            .WithSummary("One finding with its history; the technical description only for inspectors and leaders in scope of the target.");

        findings.MapPost(InspectionsRoutes.FindingVerify, (Guid id, VerifyFindingRequest? request, Caller caller, FindingStore store, TimeProvider time, CancellationToken ct) =>
            {
                var errors = new ValidationErrors();
                var note = Fields.Optional(request?.Note, "note", "Ghi chú xác minh", MaxReasonLength, errors);
                return errors.IsEmpty
                    ? ApplyAsync(id, new FindingCommand(FindingAction.Verify, note), caller, store, time, ct)
                    : Task.FromResult<Results<Ok<FindingDto>, ValidationProblem, NotFound, ProblemHttpResult>>(TypedResults.ValidationProblem(errors.ToDictionary()));
            })
            .RequireRole(Roles.SecurityInspector)
            .WithName("VerifyFinding")
            .WithSummary("An inspector verified the remediation (open|reopened|remediation_reported → verified); publishes FindingVerified.");

        findings.MapPost(InspectionsRoutes.FindingReopen, (Guid id, ReopenFindingRequest request, Caller caller, FindingStore store, TimeProvider time, CancellationToken ct) =>
            {
                var errors = new ValidationErrors();
                var reason = Fields.Required(request.Reason, "reason", "Lý do mở lại", MaxReasonLength, errors);
                return reason is null
                    ? Task.FromResult<Results<Ok<FindingDto>, ValidationProblem, NotFound, ProblemHttpResult>>(TypedResults.ValidationProblem(errors.ToDictionary()))
                    : ApplyAsync(id, new FindingCommand(FindingAction.Reopen, reason), caller, store, time, ct);
            })
            .RequireRole(Roles.SecurityInspector)
            .WithName("ReopenFinding")
            .WithSummary("An inspector reopens a finding with a reason (remediation_reported|verified|risk_accepted → reopened); publishes FindingReopened.");

        findings.MapPost(InspectionsRoutes.FindingAcceptRisk, AcceptRisk)
            .RequireRole(Roles.Leader)
            .WithName("AcceptFindingRisk")
            .WithSummary("A leader accepts the risk until a future date with a reason; the finding reopens by itself after that date.");

        return group;
    }

    private static async Task<Results<Created<FindingDto>, ValidationProblem, NotFound, ProblemHttpResult>> RaiseFinding(
        Guid id, RaiseFindingRequest request, Caller caller, FindingStore store, TimeProvider time, CancellationToken cancellationToken,
        [FromHeader(Name = IdempotencyKey.Header)] string? idempotencyKey = null)
    {
        var errors = new ValidationErrors();
        IdempotencyKey.Validate(idempotencyKey, errors);
        var today = VietnamTime.Today(time);
        var finding = NewFinding.TryCreate(request.Title, request.Description, request.Severity, request.ResponsibleUnitCode, request.Deadline, today, errors);
        if (finding is null || !errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        if (!caller.Scope.IsInScope(finding.ResponsibleUnit.Code))
        {
            return InspectionsApi.UnitOutsideScope(caller, finding.ResponsibleUnit);
        }

        var (outcome, findingId, refusal) = await store.RaiseAsync(id, finding, caller, idempotencyKey, cancellationToken);
        switch (outcome)
        {
            case FindingOutcome.NotFound:
                return TypedResults.NotFound();
            case FindingOutcome.Conflict:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Không thể ghi nhận phát hiện", detail: refusal);
            default:
                var details = await store.FindAsync(caller, findingId, cancellationToken);
                return TypedResults.Created(InspectionsRoutes.Path(InspectionsRoutes.Finding, findingId), ToDto(details!, caller, today));
        }
    }

    private static async Task<Results<Ok<PagedResult<FindingSummaryDto>>, ValidationProblem>> ListFindings(
        Caller caller, FindingStore store, TimeProvider time, [AsParameters] FindingQuery query, CancellationToken cancellationToken, int? page = null, int? pageSize = null)
    {
        var errors = new ValidationErrors();
        var pageRequest = PageRequest.From(page, pageSize, errors);
        var filter = query.Validate(errors);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var result = await store.ListAsync(caller, filter, pageRequest, cancellationToken);
        var today = VietnamTime.Today(time);
        return TypedResults.Ok(new PagedResult<FindingSummaryDto>(result.Page, result.PageSize, result.Total, result.Items.Select(r => ToSummaryDto(r, today)).ToList()));
    }

    private static async Task<Results<Ok<FindingDto>, NotFound>> GetFinding(Guid id, Caller caller, FindingStore store, TimeProvider time, CancellationToken cancellationToken) =>
        await store.FindAsync(caller, id, cancellationToken) is { } details
            ? TypedResults.Ok(ToDto(details, caller, VietnamTime.Today(time)))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<FindingDto>, ValidationProblem, NotFound, ProblemHttpResult>> AcceptRisk(
        Guid id, AcceptRiskRequest request, Caller caller, FindingStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var today = VietnamTime.Today(time);
        if (request.Until is not { } until)
        {
            errors.Add("until", "Ngày hết hạn chấp nhận rủi ro là bắt buộc (yyyy-MM-dd).");
        }
        else if (until <= today)
        {
            errors.Add("until", "Ngày hết hạn chấp nhận rủi ro phải sau ngày hôm nay.");
        }
        else if (until > today.AddDays(MaxRiskAcceptanceDays))
        {
            errors.Add("until", $"Chỉ chấp nhận rủi ro tối đa {MaxRiskAcceptanceDays} ngày.");
        }

        var reason = Fields.Required(request.Reason, "reason", "Lý do chấp nhận rủi ro", MaxReasonLength, errors);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        return await ApplyAsync(id, new FindingCommand(FindingAction.AcceptRisk, reason, request.Until), caller, store, time, cancellationToken);
    }

    private static async Task<Results<Ok<FindingDto>, ValidationProblem, NotFound, ProblemHttpResult>> ApplyAsync(
        Guid id, FindingCommand command, Caller caller, FindingStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var (outcome, refusal) = await store.ApplyAsync(id, caller, command, cancellationToken);
        switch (outcome)
        {
            case FindingOutcome.NotFound:
                return TypedResults.NotFound();
            case FindingOutcome.OutOfTargetScope:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "Đối tượng kiểm tra ngoài phạm vi",
                    detail: "Chỉ cán bộ kiểm tra, lãnh đạo có phạm vi bao gồm đơn vị chủ quản của đối tượng được kiểm tra mới được xử lý phát hiện này.");
            case FindingOutcome.Conflict:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Không thể chuyển trạng thái phát hiện", detail: refusal);
            default:
                var details = await store.FindAsync(caller, id, cancellationToken);
                return TypedResults.Ok(ToDto(details!, caller, VietnamTime.Today(time)));
        }
    }

    /// <summary>A finding as lists show it (also in an inspection).</summary>
    internal static FindingSummaryDto ToSummaryDto(FindingRow row, DateOnly today) => new(
        row.Id, row.InspectionId, row.TargetType, row.TargetId, row.TargetName, row.Title, row.Severity,
        row.ResponsibleUnitCode, AdminUnitDirectory.Default.NameOf(row.ResponsibleUnitCode), row.Deadline, row.Status, row.IsOverdue(today), row.RiskAcceptedUntil);

    private static FindingDto ToDto(FindingDetails details, Caller caller, DateOnly today)
    {
        var f = details.Finding;
        var s = ToSummaryDto(f, today);
        var allowed = f.DetailsVisible
            ? FindingLifecycle.AllowedActions(f.State, caller.HasRole(Roles.SecurityInspector), caller.HasRole(Roles.Leader))
            : [];
        return new FindingDto(
            s.Id, s.InspectionId, s.TargetType, s.TargetId, s.TargetName, s.Title, s.Severity, s.ResponsibleUnitCode, s.ResponsibleUnitName,
            s.Deadline, s.Status, s.Overdue, s.RiskAcceptedUntil,
            f.DetailsVisible ? f.Description : null, f.DetailsVisible, f.DetailsVisible ? f.RiskReason : null, f.AutoItemNo is not null,
            f.RaisedBy, f.RaisedByName, f.RaisedAt, f.TeamCode, f.InspectingUnitCode,
            details.History.Select(h => new FindingHistoryDto(
                h.Kind, h.Actor, h.ActorName, f.DetailsVisible && h.ConfidentialNote is not null ? $"{h.Note}: {h.ConfidentialNote}" : h.Note, h.At)).ToList(),
            allowed);
    }
}

/// <summary>Checks the finding list's query parameters.</summary>
public static class FindingQueryValidation
{
    /// <summary>The checked filter, or errors naming each bad parameter.</summary>
    public static FindingFilter Validate(this FindingQuery query, ValidationErrors errors)
    {
        if (query.Status is not null && FindingStatuses.TryParse(query.Status) is null)
        {
            errors.Add("status", $"Trạng thái phải là một trong: {string.Join(", ", FindingStatuses.All)}.");
        }

        if (query.Severity is not null && !Severities.IsValid(query.Severity))
        {
            errors.Add("severity", $"Mức độ phải là một trong: {string.Join(", ", Severities.All)}.");
        }

        return new FindingFilter(
            query.Status?.Trim(), query.Severity, QueryUnits.Path(query.Unit, "unit", errors), query.InspectionId, query.SystemId, query.Overdue == true);
    }
}
