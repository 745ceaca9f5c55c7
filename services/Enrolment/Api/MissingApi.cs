using Dakla06.Contracts.Http.Enrolment;
using Dakla06.Enrolment.Data;
using Dakla06.Enrolment.Domain;
using Dakla06.ServiceDefaults;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dakla06.Enrolment.Api;

/// <summary>
/// The outreach records of the missing lists: the reason a person has not enrolled and the home visits (tận nhà),
/// recorded by enrolment officers for a commune in their scope. The person is named by the list's opaque personRef.
/// </summary>
public static class MissingApi
{
    public static RouteGroupBuilder MapMissingApi(this RouteGroupBuilder group)
    {
        var missing = group.MapGroup(string.Empty).WithTags("Missing");

        missing.MapPut(EnrolmentRoutes.MissingReason, SetReason)
            .RequireRole(Roles.EnrolmentOfficer)
            .WithName("SetMissingReason")
            .WithSummary("An enrolment officer records why a missing person of a commune in their scope has not enrolled (khac needs a note); earlier reasons are kept as history.");

        missing.MapGet(EnrolmentRoutes.MissingVisits, ListVisits)
            .WithName("ListVisits")
            .WithSummary("The home visits of a missing person of a commune in the caller's scope, planned first-to-last.");

        missing.MapPost(EnrolmentRoutes.MissingVisits, PlanVisit)
            .RequireRole(Roles.EnrolmentOfficer)
            .WithName("PlanVisit")
            .WithSummary("An enrolment officer plans a home visit (today or later) to a missing person of a commune in their scope.");

        missing.MapPut(EnrolmentRoutes.MissingVisit, RecordVisit)
            .RequireRole(Roles.EnrolmentOfficer)
            .WithName("RecordVisit")
            .WithSummary("An enrolment officer records what a planned visit found (on or before today); a visit is recorded once (409 after).");

        return group;
    }

    private static async Task<Results<Ok<MissingReasonDto>, ValidationProblem, ProblemHttpResult>> SetReason(
        string personRef, SetMissingReasonRequest request, Caller caller, OutreachStore store, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        CheckPersonRef(personRef, errors);
        if (Outreach.Check(request, errors) is not { } reason || !errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        if (!caller.Unit.Contains(reason.Commune))
        {
            return OutOfScope();
        }

        return TypedResults.Ok(ToDto(await store.SetReasonAsync(personRef, reason, caller, cancellationToken)));
    }

    private static async Task<Results<Ok<IReadOnlyList<VisitDto>>, ValidationProblem, NotFound>> ListVisits(
        string personRef, [AsParameters] VisitQuery query, Caller caller, OutreachStore store, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        CheckPersonRef(personRef, errors);
        var commune = Outreach.Commune(query.CommuneCode, errors);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        if (!caller.Unit.Contains(commune!))
        {
            return TypedResults.NotFound();
        }

        var visits = await store.ListVisitsAsync(caller.Scope, personRef, commune!.Code, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<VisitDto>>([.. visits.Select(ToDto)]);
    }

    private static async Task<Results<Created<VisitDto>, ValidationProblem, ProblemHttpResult>> PlanVisit(
        string personRef, PlanVisitRequest request, Caller caller, OutreachStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        CheckPersonRef(personRef, errors);
        if (Outreach.Check(request, VietnamTime.Today(time), errors) is not { } visit || !errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        if (!caller.Unit.Contains(visit.Commune))
        {
            return OutOfScope();
        }

        var planned = ToDto(await store.PlanVisitAsync(personRef, visit, caller, cancellationToken));
        return TypedResults.Created(EnrolmentRoutes.Path(EnrolmentRoutes.MissingVisit, planned.Id), planned);
    }

    private static async Task<Results<Ok<VisitDto>, ValidationProblem, NotFound, ProblemHttpResult>> RecordVisit(
        Guid id, RecordVisitRequest request, Caller caller, OutreachStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (Outreach.Check(request, VietnamTime.Today(time), errors) is not { } outcome)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        if (await store.FindVisitAsync(caller.Scope, id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        return await store.RecordVisitAsync(id, outcome, caller, cancellationToken) is { } recorded
            ? TypedResults.Ok(ToDto(recorded))
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Đã ghi nhận kết quả",
                detail: "Kết quả của lần đến này đã được ghi nhận; hãy lập kế hoạch một lần đến mới.");
    }

    private static void CheckPersonRef(string personRef, ValidationErrors errors)
    {
        if (!Outreach.IsPersonRef(personRef))
        {
            errors.Add("personRef", $"Mã người (personRef) gồm chữ, số, '-', '_' hoặc ':', tối đa {Outreach.MaxPersonRefLength} ký tự.");
        }
    }

    private static ProblemHttpResult OutOfScope() => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden, title: "Ngoài phạm vi",
        detail: "Chỉ ghi nhận cho người thuộc xã trong phạm vi đơn vị của mình.");

    public static MissingReasonDto ToDto(MissingReasonRow row) =>
        new(row.Reason, Outreach.ReasonNames.GetValueOrDefault(row.Reason, row.Reason), row.Note, row.RecordedBy, row.RecordedAt);

    public static VisitDto ToDto(VisitRow row) =>
        new(row.Id, row.PersonRef, row.CommuneCode, row.PlannedOn, row.Note, row.PlannedBy, row.PlannedAt, row.VisitedOn, row.Outcome,
            row.OutcomeNote, row.RecordedBy);
}
