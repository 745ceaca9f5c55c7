namespace Dakla06.Contracts.Http.Cleansing;

/// <summary>The reference registry's size and version (bumped by every import that changed it); no personal data.</summary>
public sealed record RegistryDto(long PersonCount, long Version, DateTimeOffset UpdatedAt);

/// <summary>A line of an import file that was not loaded: its line number (header = 1) and why (Vietnamese).</summary>
public sealed record RegistryRejectedLineDto(int Line, string Reason);

/// <summary>
/// What an import did: persons inserted, updated (a field changed), unchanged (same values again) and rejected, with
/// the registry's version and size after it. <c>rejectedLines</c> lists the first rejected lines; <c>rejected</c>
/// counts them all.
/// </summary>
public sealed record RegistryImportResponse(
    int Inserted,
    int Updated,
    int Unchanged,
    int Rejected,
    IReadOnlyList<RegistryRejectedLineDto> RejectedLines,
    long Version,
    long PersonCount);

/// <summary>
/// The query of <see cref="CleansingRoutes.RegistryPopulation"/>: the unit (default the caller's) and the date ages are
/// counted on (default today in Vietnam).
/// </summary>
public sealed record PopulationQuery(string? Unit = null, DateOnly? AsOf = null);

/// <summary>Living persons of one commune aged <see cref="PopulationDto.MinimumAge"/> or over.</summary>
public sealed record CommunePopulationDto(string CommuneCode, int Persons);

/// <summary>
/// Living registry persons aged <see cref="MinimumAge"/> (14) or over on <see cref="AsOf"/> in every commune of
/// <see cref="UnitCode"/> (zero included) and their <see cref="Total"/>, counted on registry version
/// <see cref="RegistryVersion"/>; the same numbers the <c>RegistryPopulationCounted</c> event carries.
/// </summary>
public sealed record PopulationDto(string UnitCode, DateOnly AsOf, int MinimumAge, long RegistryVersion, long Total, IReadOnlyList<CommunePopulationDto> Communes);

/// <summary>
/// The body of <see cref="CleansingRoutes.RegistryPersonsNotListed"/>: the commune, the date ages are counted on (default
/// today in Vietnam), the minimum age (default 14) and the ID numbers already known (e.g. enrolment's applicants of the
/// commune), at most <see cref="MaxIdNumbers"/>.
/// </summary>
public sealed record NotListedPersonsRequest(string? CommuneCode, DateOnly? AsOf = null, int? MinimumAge = null, IReadOnlyList<string>? IdNumbers = null)
{
    public const int MaxIdNumbers = 100_000;
}

/// <summary>
/// A living registry person. <see cref="PersonRef"/> is stable and opaque (an HMAC of the ID number with the service's
/// key): another service can attach a reason or a visit to the person without holding the number. ID number, name,
/// birth date (dd/MM/yyyy) and household are masked unless the caller is a <c>pii-reader</c> (<see cref="Masked"/>);
/// <see cref="Gender"/> is <c>male</c> | <c>female</c>.
/// </summary>
public sealed record RegistryPersonDto(
    string PersonRef,
    string IdNumber,
    string FullName,
    string DateOfBirth,
    string Gender,
    string CommuneCode,
    string HouseholdId,
    bool IsHouseholdHead,
    bool Masked);
