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
