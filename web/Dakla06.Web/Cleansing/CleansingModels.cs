namespace Dakla06.Web.Cleansing;

// Copies of the data-cleansing API's DTOs (services/Cleansing/Api): the web app depends on the wire format, not on the
// service's assembly. Personal data (ID numbers, names, dates of birth) arrive already masked when the user lacks
// pii-reader; the pages show what they get.

/// <summary>Answer to an upload: the queued batch's id.</summary>
public sealed record BatchCreatedDto(Guid Id);

public sealed record BatchDto(
    Guid Id,
    string Dataset,
    string UnitCode,
    string? UnitName,
    Guid? CampaignId,
    string FileName,
    string Status,
    long Total,
    long Processed,
    IReadOnlyDictionary<string, long>? Counts,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    double? RecordsPerSecond,
    string? Error)
{
    public bool InProgress => Status is CleansingLabels.Queued or CleansingLabels.Running;

    public long Count(string recordClass) => Counts?.GetValueOrDefault(recordClass) ?? 0;

    /// <summary>Records that are not <c>matched</c>: the ones a cleansing officer has to look at.</summary>
    public long Flagged => (Counts?.Values.Sum() ?? 0) - Count("matched");
}

public sealed record SuggestionDto(
    string IdNumber,
    string? FullName,
    string? DateOfBirth,
    string? Gender,
    string? CommuneCode,
    int Score,
    string? Reason,
    bool Confident);

/// <summary>A registry person as the record page compares it with the record.</summary>
public sealed record RegistryPersonDto(
    string IdNumber,
    string? FullName,
    string? DateOfBirth,
    string? Gender,
    string? CommuneCode,
    string? Status);

public sealed record RecordSummaryDto(
    int Line,
    string Class,
    IReadOnlyList<string>? MismatchedFields,
    string? IdNumber,
    string? FullName,
    string? DateOfBirth,
    string? Gender,
    string? CommuneCode,
    string? Resolution,
    bool Cleaned,
    SuggestionDto? BestSuggestion);

public sealed record RecordDto(
    Guid BatchId,
    int Line,
    string Class,
    IReadOnlyList<string>? MismatchedFields,
    string? IdNumber,
    string? FullName,
    string? DateOfBirth,
    string? Gender,
    string? CommuneCode,
    IReadOnlyList<string>? Headers,
    IReadOnlyList<string?>? Values,
    string? Unreadable,
    string? MatchedIdNumber,
    RegistryPersonDto? MatchedPerson,
    IReadOnlyList<SuggestionDto>? Suggestions,
    string? Resolution,
    string? ResolutionNote,
    bool Cleaned,
    string? ResolvedBy,
    DateTimeOffset? ResolvedAt);

/// <param name="Action"><c>accept-suggestion</c>, <c>correct</c> or <c>unfixable</c>.</param>
public sealed record ResolveRequest(
    string Action,
    string? SuggestionIdNumber = null,
    string? IdNumber = null,
    string? FullName = null,
    string? DateOfBirth = null,
    string? Gender = null,
    string? Reason = null);

public sealed record RegistryInfoDto(long Count, long Version, DateTimeOffset? UpdatedAt);

public sealed record CampaignDto(
    Guid Id,
    string Name,
    string Dataset,
    DateOnly Deadline,
    IReadOnlyList<string> TargetUnitCodes,
    string CreatedBy,
    DateTimeOffset CreatedAt);

public sealed record CreateCampaignRequest(string Name, string Dataset, DateOnly? Deadline, IReadOnlyList<string> TargetUnitCodes);

public sealed record CampaignProgressRowDto(string UnitCode, string? UnitName, long Flagged, long Cleaned, double Percent, string? Figure);

public sealed record CampaignProgressDto(
    Guid CampaignId,
    string? UnitCode,
    IReadOnlyList<CampaignProgressRowDto> Rows,
    CampaignProgressRowDto Total);

public sealed record DuplicatePersonDto(
    string IdNumber,
    string? FullName,
    string? DateOfBirth,
    string? Gender,
    string? CommuneCode,
    string? HouseholdId);

public sealed record DuplicatePairDto(
    long Id,
    DuplicatePersonDto First,
    DuplicatePersonDto Second,
    int Score,
    string? Reason,
    string Status,
    string? ReviewedBy,
    DateTimeOffset? ReviewedAt);

public sealed record DuplicateScanDto(long Pairs);

public sealed record AuditEntryDto(long Id, string Username, DateTimeOffset At, string Action, Guid? BatchId, int? LineNo, string? Detail);
