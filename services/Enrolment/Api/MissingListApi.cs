using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Cleansing;
using Dakla06.Contracts.Http.Enrolment;
using Dakla06.Enrolment.Data;
using Dakla06.Enrolment.Domain;
using Dakla06.People;
using Dakla06.ServiceDefaults;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dakla06.Enrolment.Api;

/// <summary>
/// The missing lists of a commune: registry persons aged 14+ without an application (from cleansing, called with the
/// caller's own token, so cleansing's scope, role and masking rules apply to the caller), and level-2 accounts not
/// activated (enrolment's own), each with the reason and the next visit recorded here.
/// </summary>
public static class MissingListApi
{
    /// <summary>The audit action of an unmasked read of a missing list.</summary>
    public const string UnmaskedReadAction = "enrolment.missing.read";

    /// <summary>Registry pages read per call when a reason filter has to walk the whole list (cleansing cannot filter by our reasons).</summary>
    private const int RegistryPageSize = 200;

    public static RouteGroupBuilder MapMissingListApi(this RouteGroupBuilder group)
    {
        group.MapGet(EnrolmentRoutes.Missing, ListMissing)
            .WithTags("Missing")
            .WithName("ListMissing")
            .WithSummary("The missing persons of a commune in the caller's scope: kind chua_thu_nhan (registry persons aged 14+ without an application, read from cleansing with the caller's token; enrolment officers) or chua_kich_hoat_muc_2 (level-2 accounts not activated), optionally with a reason or none; masked unless pii-reader (then audited).");
        return group;
    }

    private static async Task<Results<Ok<PagedResult<MissingPersonDto>>, ValidationProblem, NotFound, ProblemHttpResult>> ListMissing(
        [AsParameters] MissingQuery query, Caller caller, MissingStore missing, OutreachStore outreach, PersonalDataAudit audit,
        IServiceProvider services, TimeProvider time, CancellationToken cancellationToken, int? page = null, int? pageSize = null)
    {
        var errors = new ValidationErrors();
        var pageRequest = PageRequest.From(page, pageSize, errors);
        var commune = Outreach.Commune(query.Unit, errors, "unit");
        var kind = query.Kind?.Trim();
        if (kind is null || !MissingKinds.All.Contains(kind))
        {
            errors.Add("kind", $"Loại danh sách phải là một trong: {string.Join(", ", MissingKinds.All)}.");
        }

        var reason = string.IsNullOrWhiteSpace(query.Reason) ? null : query.Reason.Trim();
        if (reason is not null && reason != MissingReasonFilter.None && !Outreach.ReasonNames.ContainsKey(reason))
        {
            errors.Add("reason", $"Lý do phải là một trong: {string.Join(", ", MissingReasons.All)} hoặc {MissingReasonFilter.None}.");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        if (!caller.Unit.Contains(commune!))
        {
            return TypedResults.NotFound();
        }

        PagedResult<MissingPersonDto> result;
        if (kind == MissingKinds.Eid2NotActivated)
        {
            var rows = await missing.UnactivatedLevel2Async(caller.Scope, commune!, reason, pageRequest, cancellationToken);
            var unmasked = caller.HasRole(Roles.PiiReader);
            result = new PagedResult<MissingPersonDto>(rows.Page, rows.PageSize, rows.Total,
                [.. rows.Items.Select(row => AccountHolder(row, commune!, unmasked))]);
        }
        else
        {
            // Cleansing decides who may read its persons (enrolment officers) and masks them for the caller.
            if (!caller.HasRole(Roles.EnrolmentOfficer))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Cần vai trò cán bộ định danh",
                    detail: "Danh sách người chưa thu nhận lấy từ CSDL dân cư, chỉ cán bộ định danh (enrolment-officer) được xem.");
            }

            var cleansing = services.GetRequiredService<CleansingClient>();
            var request = new NotListedPersonsRequest(commune!.Code, VietnamTime.Today(time), Ages.IdCardAge,
                await missing.ApplicantIdNumbersAsync(caller.Scope, commune, cancellationToken));
            try
            {
                result = reason is null
                    ? Registry(await cleansing.ListPersonsNotListedAsync(request, pageRequest.Page, pageRequest.PageSize, cancellationToken))
                    : await RegistryWithReasonAsync(cleansing, request, reason, caller.Scope, commune, outreach, pageRequest, cancellationToken);
            }
            catch (ServiceApiException failure)
            {
                // Cleansing refused the caller (its own rules) or could not answer: say so, never as our own 500.
                return TypedResults.Problem(
                    statusCode: failure.Failure switch
                    {
                        ApiFailure.Forbidden => StatusCodes.Status403Forbidden,
                        ApiFailure.NotFound => StatusCodes.Status404NotFound,
                        _ => StatusCodes.Status503ServiceUnavailable,
                    },
                    title: "Không lấy được danh sách từ CSDL dân cư", detail: failure.Message);
            }
        }

        if (result.Items.Any(i => !i.Masked))
        {
            await audit.WriteAsync(caller.Username, UnmaskedReadAction,
                detail: $"unit={commune!.Code}; kind={kind}; page={pageRequest.Page}; items={result.Items.Count}", cancellationToken: cancellationToken);
        }

        return TypedResults.Ok(await WithOutreachAsync(result, caller.Scope, commune!, outreach, cancellationToken));
    }

    /// <summary>The registry list filtered by a recorded reason: cleansing's pages walked in full, then paged here.</summary>
    private static async Task<PagedResult<MissingPersonDto>> RegistryWithReasonAsync(
        CleansingClient cleansing, NotListedPersonsRequest request, string reason, UnitScope scope, AdminUnit commune, OutreachStore outreach,
        PageRequest page, CancellationToken cancellationToken)
    {
        var reasons = await outreach.ReasonsOfCommuneAsync(scope, commune.Code, cancellationToken);
        bool Kept(string personRef) => reason == MissingReasonFilter.None
            ? !reasons.ContainsKey(personRef)
            : reasons.TryGetValue(personRef, out var current) && current == reason;
        var kept = new List<MissingPersonDto>();
        for (var registryPage = 1; ; registryPage++)
        {
            var persons = Registry(await cleansing.ListPersonsNotListedAsync(request, registryPage, RegistryPageSize, cancellationToken));
            kept.AddRange(persons.Items.Where(p => Kept(p.PersonRef)));
            if ((long)registryPage * RegistryPageSize >= persons.Total)
            {
                break;
            }
        }

        return new PagedResult<MissingPersonDto>(page.Page, page.PageSize, kept.Count, [.. kept.Skip((int)Math.Min(page.Offset, int.MaxValue)).Take(page.PageSize)]);
    }

    private static PagedResult<MissingPersonDto> Registry(PagedResult<RegistryPersonDto> persons) =>
        new(persons.Page, persons.PageSize, persons.Total, [.. persons.Items.Select(p => new MissingPersonDto(
            p.PersonRef, MissingKinds.NoApplication, p.IdNumber, p.FullName, p.DateOfBirth, p.Gender, p.CommuneCode,
            AdminUnitDirectory.Default.NameOf(p.CommuneCode), Reason: null, NextVisit: null, p.Masked))]);

    private static MissingPersonDto AccountHolder(UnactivatedAccountRow row, AdminUnit commune, bool unmasked) => new(
        row.PersonRef, MissingKinds.Eid2NotActivated,
        unmasked ? row.IdNumber : PersonalData.MaskIdNumber(row.IdNumber)!,
        row.FullName is null ? null : unmasked ? row.FullName : PersonalData.MaskName(row.FullName),
        row.BirthDate is not { } born ? null : unmasked ? born.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture) : PersonalData.MaskDateOfBirth(born),
        row.Gender switch { "nam" => "male", "nu" => "female", _ => null },
        commune.Code, commune.Name, Reason: null, NextVisit: null, Masked: !unmasked);

    private static async Task<PagedResult<MissingPersonDto>> WithOutreachAsync(
        PagedResult<MissingPersonDto> persons, UnitScope scope, AdminUnit commune, OutreachStore outreach, CancellationToken cancellationToken)
    {
        var refs = persons.Items.Select(p => p.PersonRef).ToList();
        var reasons = await outreach.CurrentReasonsAsync(scope, commune.Code, refs, cancellationToken);
        var visits = await outreach.NextVisitsAsync(scope, commune.Code, refs, cancellationToken);
        return persons with
        {
            Items = [.. persons.Items.Select(p => p with
            {
                Reason = reasons.TryGetValue(p.PersonRef, out var r) ? MissingApi.ToDto(r) : null,
                NextVisit = visits.TryGetValue(p.PersonRef, out var v) ? MissingApi.ToDto(v) : null,
            })],
        };
    }
}
