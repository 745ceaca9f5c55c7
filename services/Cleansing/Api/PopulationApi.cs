using Dakla06.Cleansing.Data;
using Dakla06.Cleansing.Domain;
using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Http.Cleansing;
using Dakla06.People;
using Dakla06.ServiceDefaults;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dakla06.Cleansing.Api;

/// <summary>
/// What the registry tells enrolment: how many living persons aged 14+ each commune has (counts, for anyone in
/// scope), and who of a commune is not among the persons enrolment already knows (personal data, for enrolment
/// officers of the commune or above; masked unless pii-reader, unmasked reads audited).
/// </summary>
public static class PopulationApi
{
    /// <summary>Oldest minimum age a list may ask for (no one is older).</summary>
    public const int MaxMinimumAge = 130;

    public static RouteGroupBuilder MapPopulationApi(this RouteGroupBuilder group)
    {
        var registry = group.MapGroup(string.Empty).WithTags("Registry");

        registry.MapGet(CleansingRoutes.RegistryPopulation, GetPopulation)
            .WithName("GetRegistryPopulation")
            .WithSummary("Living registry persons aged 14+ per commune of a unit (default the caller's; 404 outside the caller's scope) on a date (asOf, default today): counts only.");

        registry.MapPost(CleansingRoutes.RegistryPersonsNotListed, ListNotListed)
            .RequireRole(Roles.EnrolmentOfficer)
            .WithName("ListRegistryPersonsNotListed")
            .WithSummary("A commune's living registry persons aged minimumAge+ (default 14) on asOf (default today) whose ID number is not in idNumbers (at most 100,000), by household, paged; each with a stable opaque personRef; masked unless pii-reader (unmasked reads audited). Enrolment officers; 404 for a commune outside the caller's scope.");

        return group;
    }

    private static async Task<Results<Ok<PopulationDto>, ValidationProblem, NotFound>> GetPopulation(
        Caller caller, PopulationStore store, TimeProvider time, [AsParameters] PopulationQuery query, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var unit = QueryUnits.Find(query.Unit, "unit", errors) ?? caller.Unit;
        var asOf = CheckAsOf(query.AsOf, time, errors);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        if (!caller.Scope.IsInScope(unit.Code))
        {
            return TypedResults.NotFound();
        }

        var count = await store.CountAsync(unit, asOf, cancellationToken);
        return TypedResults.Ok(new PopulationDto(unit.Code, asOf, Ages.IdCardAge, count.RegistryVersion, count.Total,
            [.. count.Communes.Select(c => new CommunePopulationDto(c.CommuneCode, c.Persons))]));
    }

    private static async Task<Results<Ok<PagedResult<RegistryPersonDto>>, ValidationProblem, NotFound>> ListNotListed(
        NotListedPersonsRequest? request, Caller caller, PopulationStore store, PersonRefs personRefs, PersonalDataAudit audit, TimeProvider time,
        CancellationToken cancellationToken, int? page = null, int? pageSize = null)
    {
        var errors = new ValidationErrors();
        var pageRequest = PageRequest.From(page, pageSize, errors);
        var commune = QueryUnits.Find(request?.CommuneCode, "communeCode", errors);
        if (string.IsNullOrWhiteSpace(request?.CommuneCode) || commune is { Level: not AdminLevel.Commune })
        {
            errors.Add("communeCode", "Cần mã một xã, phường hoặc thị trấn của tỉnh.");
        }

        var asOf = CheckAsOf(request?.AsOf, time, errors);
        var minimumAge = request?.MinimumAge ?? Ages.IdCardAge;
        if (minimumAge is < 0 or > MaxMinimumAge)
        {
            errors.Add("minimumAge", $"Tuổi tối thiểu phải từ 0 đến {MaxMinimumAge}.");
        }

        var listed = request?.IdNumbers ?? [];
        if (listed.Count > NotListedPersonsRequest.MaxIdNumbers)
        {
            errors.Add("idNumbers", $"Danh sách số định danh có tối đa {NotListedPersonsRequest.MaxIdNumbers:N0} số; hãy chia nhỏ theo xã.");
        }
        else if (listed.Any(id => id is null))
        {
            errors.Add("idNumbers", "Danh sách số định danh không được có phần tử rỗng.");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        if (!caller.Scope.IsInScope(commune!.Code))
        {
            return TypedResults.NotFound();
        }

        var unmasked = caller.HasRole(Roles.PiiReader);
        if (unmasked)
        {
            await audit.WriteAsync(caller.Username, CleansingAudit.ReadRegistryPersons, null, null,
                $"not-listed commune={commune.Code} asOf={asOf:yyyy-MM-dd} minimumAge={minimumAge} page={pageRequest.Page} pageSize={pageRequest.PageSize}",
                cancellationToken);
        }

        var result = await store.ListNotListedAsync(commune.Code, asOf, minimumAge, listed, pageRequest, cancellationToken);
        return TypedResults.Ok(new PagedResult<RegistryPersonDto>(result.Page, result.PageSize, result.Total,
            [.. result.Items.Select(p => ToDto(p, personRefs, unmasked))]));
    }

    /// <summary>The date ages are counted on: today in Vietnam unless given, within the years a birth date may have.</summary>
    private static DateOnly CheckAsOf(DateOnly? asOf, TimeProvider time, ValidationErrors errors)
    {
        var date = asOf ?? VietnamTime.Today(time);
        if (date.Year is < BirthDates.MinYear or > BirthDates.MaxYear)
        {
            errors.Add("asOf", $"Ngày tính tuổi phải trong các năm {BirthDates.MinYear}–{BirthDates.MaxYear}.");
            return VietnamTime.Today(time);
        }

        return date;
    }

    private static RegistryPersonDto ToDto(PersonRow person, PersonRefs personRefs, bool unmasked)
    {
        var dateOfBirth = PartialDate.From(person.DateOfBirth).ToString();
        return new RegistryPersonDto(
            personRefs.Of(person.IdNumber),
            unmasked ? person.IdNumber : PersonalData.MaskIdNumber(person.IdNumber)!,
            unmasked ? person.FullName : PersonalData.MaskName(person.FullName)!,
            unmasked ? dateOfBirth : PersonalData.MaskDateOfBirth(person.DateOfBirth),
            person.Gender,
            person.CommuneCode,
            // The household number tells who lives with whom: it is masked like an ID number.
            unmasked ? person.HouseholdId : PersonalData.MaskIdNumber(person.HouseholdId)!,
            person.IsHouseholdHead,
            !unmasked);
    }
}
