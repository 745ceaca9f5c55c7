using Dakla06.Contracts.Cleansing;

namespace Dakla06.Web.Cleansing;

// Copies of the data-cleansing API's DTOs (services/Cleansing/Api): the web app depends on the wire format, not on the
// service's assembly. Personal data (ID numbers, names, dates of birth) arrive already masked when the user lacks
// pii-reader; the pages show what they get.

/// <summary>Answer to an upload: the queued batch's id.</summary>
public sealed record BatchCreatedDto(Guid Id, string Status);

/// <summary>A batch with its progress; <see cref="Counts"/> is the contracts' record shared with the events.</summary>
public sealed record BatchDto(
    Guid Id,
    string Dataset,
    string UnitCode,
    string? UnitName,
    Guid? CampaignId,
    string FileName,
    IReadOnlyList<string>? Headers,
    string Status,
    int? Total,
    int Processed,
    CleansingClassCounts? Counts,
    int ProgressPercent,
    double? RecordsPerSecond,
    long? RegistryVersion,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    bool CancelRequested,
    string? Error)
{
    public bool InProgress => Status is CleansingLabels.Queued or CleansingLabels.Running;

    public long Count(string recordClass) => Counts is not { } c ? 0 : recordClass switch
    {
        "matched" => c.Matched,
        "missing_id" => c.MissingId,
        "malformed_id" => c.MalformedId,
        "not_found" => c.NotFound,
        "info_mismatch" => c.InfoMismatch,
        "duplicate_in_batch" => c.DuplicateInBatch,
        "deceased" => c.Deceased,
        "unreadable" => c.Unreadable,
        _ => 0,
    };

    /// <summary>Records classified so far (the counts are committed with each chunk).</summary>
    public long Classified => CleansingLabels.Classes.Sum(c => Count(c.Code));

    /// <summary>Records that are not <c>matched</c>: the ones a cleansing officer has to look at.</summary>
    public long Flagged => Classified - Count("matched");
}

public sealed record SuggestionDto(
    string? IdNumber,
    string? FullName,
    string? DateOfBirth,
    string? Gender,
    string? CommuneCode,
    int Score,
    string? Reason,
    bool Confident,
    bool Deceased);

/// <summary>
/// One record: the input values in the file's header order, the parsed known fields, the class and why, the
/// suggestions and the resolution. ID numbers, names and dates of birth are masked when <see cref="Masked"/>.
/// The resolve endpoint answers with the record plus the re-validation (<c>Revalidated…</c>; null when unfixable).
/// </summary>
public sealed record RecordDto(
    int LineNo,
    IReadOnlyList<string?>? Values,
    string? RawText,
    string? IdNumber,
    string? FullName,
    string? DateOfBirth,
    string? Gender,
    string? CommuneCode,
    string Class,
    string? Reason,
    IReadOnlyList<string>? MismatchedFields,
    string? MatchedIdNumber,
    IReadOnlyList<SuggestionDto>? Suggestions,
    string? Resolution,
    string? ResolutionNote,
    string? CorrectedIdNumber,
    string? CorrectedFullName,
    string? CorrectedDateOfBirth,
    string? CorrectedGender,
    string? CorrectedCommuneCode,
    bool Cleaned,
    string? ResolvedBy,
    DateTimeOffset? ResolvedAt,
    bool Masked,
    string? RevalidatedClass = null,
    IReadOnlyList<string>? RevalidatedMismatchedFields = null,
    string? RevalidatedReason = null)
{
    public SuggestionDto? BestSuggestion => Suggestions is { Count: > 0 } suggestions ? suggestions[0] : null;
}

/// <param name="Action"><c>accept-suggestion</c>, <c>correct</c> or <c>unfixable</c>.</param>
/// <param name="SuggestionIdNumber">As the record page got it: masked for a user without pii-reader.</param>
/// <param name="SuggestionIndex">The suggestion's place in the record's list (0-based), which masking does not hide.</param>
public sealed record ResolveRequest(
    string Action,
    string? SuggestionIdNumber = null,
    int? SuggestionIndex = null,
    string? IdNumber = null,
    string? FullName = null,
    string? DateOfBirth = null,
    string? Gender = null,
    string? Reason = null);

public sealed record RegistryInfoDto(long PersonCount, long Version, DateTimeOffset? UpdatedAt);

public sealed record CampaignDto(
    Guid Id,
    string Name,
    string Dataset,
    DateOnly Deadline,
    string UnitCode,
    string? UnitName,
    IReadOnlyList<string> TargetUnitCodes,
    IReadOnlyList<string>? TargetUnitNames,
    string CreatedBy,
    DateTimeOffset CreatedAt);

public sealed record CreateCampaignRequest(string Name, string Dataset, DateOnly? Deadline, IReadOnlyList<string> TargetUnitCodes);

/// <summary>One unit's progress; <see cref="Percent"/> in 0..100 with one decimal, <see cref="Figure"/> the "x/y (z%)" leaders report.</summary>
public sealed record CampaignProgressRowDto(string UnitCode, string? UnitName, long Flagged, long Cleaned, double Percent, string? Figure);

public sealed record CampaignProgressDto(
    Guid CampaignId,
    string? CampaignName,
    string UnitCode,
    string? UnitName,
    IReadOnlyList<CampaignProgressRowDto> Rows,
    CampaignProgressRowDto Total);

public sealed record DuplicatePersonDto(
    string IdNumber,
    string? FullName,
    string? DateOfBirth,
    string? Gender,
    string? CommuneCode,
    string? CommuneName,
    string? HouseholdId);

public sealed record DuplicatePairDto(
    Guid Id,
    DuplicatePersonDto First,
    DuplicatePersonDto Second,
    int Score,
    string? Reason,
    string Status,
    string? ReviewedBy,
    DateTimeOffset? ReviewedAt,
    DateTimeOffset FoundAt,
    bool Masked);

public sealed record DuplicateScanDto(long Persons, int Pairs, int NewPairs);

public sealed record AuditEntryDto(long Id, string Username, DateTimeOffset At, string Action, Guid? BatchId, int? LineNo, string? Detail);
