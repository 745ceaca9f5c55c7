namespace Dakla06.Contracts.Cleansing;

// Events of the data-cleansing service. UnitCode is the unit the batch was validated for. No personal data travels
// on the bus: events carry batch ids, line numbers and counts, never ID numbers, names or dates of birth.

/// <summary>Record counts of a validated batch, one per class.</summary>
public sealed record CleansingClassCounts(
    int Matched,
    int MissingId,
    int MalformedId,
    int NotFound,
    int InfoMismatch,
    int DuplicateInBatch,
    int Deceased,
    int Unreadable);

/// <summary>A batch of sector records was validated against the population registry (every record classified and stored).</summary>
public sealed record CleansingBatchValidated(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string UnitCode,
    Guid BatchId,
    string Dataset,
    Guid? CampaignId,
    int Total,
    CleansingClassCounts Counts) : IIntegrationEvent;

/// <summary>
/// A cleansing officer resolved a flagged record: <see cref="Resolution"/> is <c>accepted-suggestion</c>,
/// <c>corrected</c> or <c>unfixable</c>; <see cref="Cleaned"/> when the record now matches the registry.
/// </summary>
public sealed record CleansingRecordResolved(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string UnitCode,
    Guid BatchId,
    int LineNumber,
    Guid? CampaignId,
    string Resolution,
    bool Cleaned,
    string ResolvedBy) : IIntegrationEvent;

/// <summary>
/// Living persons of the population registry aged <see cref="MinimumAge"/> (14) or over on <see cref="CountedOn"/>, per
/// commune: every commune of the province, zero included, so a consumer can replace its denominators whole. Published
/// when an import or seed changed the registry (<see cref="RegistryVersion"/>) and once a day, as ages change with the
/// date. Counts only, never personal data. <see cref="IIntegrationEvent.UnitCode"/> is the province.
/// </summary>
public sealed record RegistryPopulationCounted(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string UnitCode,
    DateOnly CountedOn,
    long RegistryVersion,
    int MinimumAge,
    IReadOnlyList<CommunePopulation> Communes) : IIntegrationEvent;

/// <summary>One commune's count in <see cref="RegistryPopulationCounted"/>.</summary>
public sealed record CommunePopulation(string CommuneCode, int Persons);
