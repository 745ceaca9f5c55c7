using Dakla06.Cleansing.Data;
using Dakla06.Cleansing.Domain;
using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Cleansing;
using Dakla06.People;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dakla06.Cleansing.Api;

public static class DuplicatesApi
{
    public static RouteGroupBuilder MapDuplicatesApi(this RouteGroupBuilder group)
    {
        var duplicates = group.MapGroup(string.Empty).WithTags("Duplicates");

        duplicates.MapPost(CleansingRoutes.DuplicatesScan, Scan).RequireRole(Roles.CleansingOfficer).WithName("ScanDuplicates")
            .WithSummary("Scans the whole registry for likely duplicate persons (same commune and date of birth, same or near-same folded name). Province cleansing officers only.");

        duplicates.MapGet(CleansingRoutes.Duplicates, List).WithName("ListDuplicates")
            .WithSummary("Likely duplicate pairs of communes in the caller's scope, highest score first; masked unless pii-reader (unmasked reads are audited).");

        duplicates.MapPost(CleansingRoutes.DuplicateReview, Review).RequireRole(Roles.CleansingOfficer).WithName("ReviewDuplicate")
            .WithSummary("Records the decision on a pair: same-person or different-people.");

        return group;
    }

    private static async Task<Results<Ok<DuplicateScanDto>, ProblemHttpResult>> Scan(Caller caller, DuplicateStore store, CancellationToken cancellationToken)
    {
        // The registry is the province's: one scan covers every commune.
        if (caller.Unit.Level != AdminLevel.Province)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Chỉ cấp tỉnh được rà soát trùng lặp",
                detail: $"Rà soát trùng lặp dữ liệu dân cư chỉ dành cho cán bộ làm sạch dữ liệu cấp tỉnh; {caller.Unit.Name} không có quyền này.");
        }

        var result = await store.ScanAsync(cancellationToken);
        return TypedResults.Ok(new DuplicateScanDto(result.Persons, result.Pairs, result.NewPairs));
    }

    private static async Task<Results<Ok<PagedResult<DuplicatePairDto>>, ValidationProblem>> List(
        Caller caller, DuplicateStore store, PersonalDataAudit audit, [AsParameters] DuplicateQuery query, CancellationToken cancellationToken,
        int? page = null, int? pageSize = null)
    {
        var status = query.Status;
        var errors = new ValidationErrors();
        var pageRequest = PageRequest.From(page, pageSize, errors);
        if (status is not null && !DuplicateStatuses.All.Contains(status))
        {
            errors.Add("status", $"Trạng thái phải là một trong: {string.Join(", ", DuplicateStatuses.All)}.");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var unmasked = caller.HasRole(Roles.PiiReader);
        if (unmasked)
        {
            await audit.WriteAsync(caller.Username, CleansingAudit.ReadDuplicates, null, null,
                $"status={status ?? "*"} page={pageRequest.Page} pageSize={pageRequest.PageSize}", cancellationToken);
        }

        var result = await store.ListAsync(caller.Scope, status, pageRequest, cancellationToken);
        return TypedResults.Ok(new PagedResult<DuplicatePairDto>(result.Page, result.PageSize, result.Total,
            result.Items.Select(d => ToDto(d, unmasked)).ToList()));
    }

    private static async Task<Results<Ok<DuplicatePairDto>, ValidationProblem, NotFound>> Review(
        Guid id, ReviewDuplicateRequest? request, Caller caller, DuplicateStore store, PersonalDataAudit audit, CancellationToken cancellationToken)
    {
        var decision = request?.Decision?.Trim();
        if (decision is null || !DuplicateStatuses.Decisions.Contains(decision))
        {
            var errors = new ValidationErrors();
            errors.Add("decision", $"Kết luận phải là một trong: {string.Join(", ", DuplicateStatuses.Decisions)}.");
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        if (await store.ReviewAsync(caller.Scope, id, decision, caller.Username, cancellationToken) is not { } pair)
        {
            return TypedResults.NotFound();
        }

        var unmasked = caller.HasRole(Roles.PiiReader);
        if (unmasked)
        {
            await audit.WriteAsync(caller.Username, CleansingAudit.ReadDuplicates, null, null, $"review {id}", cancellationToken);
        }

        return TypedResults.Ok(ToDto(pair, unmasked));
    }

    private static DuplicatePairDto ToDto(StoredDuplicate d, bool unmasked) => new(
        d.Id,
        Person(d.IdNumberA, d.FullNameA, d.DateOfBirthA, d.GenderA, d.CommuneCodeA, d.HouseholdIdA, unmasked),
        Person(d.IdNumberB, d.FullNameB, d.DateOfBirthB, d.GenderB, d.CommuneCodeB, d.HouseholdIdB, unmasked),
        d.Score, d.Reason, d.Status, d.ReviewedBy, d.ReviewedAt, d.FoundAt, !unmasked);

    private static DuplicatePersonDto Person(string id, string? name, DateOnly? dateOfBirth, string? gender, string? commune, string? household, bool unmasked)
    {
        var date = dateOfBirth is { } d ? PartialDate.From(d).ToString() : null;
        return new DuplicatePersonDto(
            unmasked ? id : PersonalData.MaskIdNumber(id)!,
            unmasked ? name : PersonalData.MaskName(name),
            unmasked ? date : PersonalData.MaskDateOfBirth(date),
            gender, commune, AdminUnitDirectory.Default.Find(commune)?.Name, household);
    }
}
