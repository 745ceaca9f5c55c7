using System.Text.Json.Serialization;
using Dakla06.Contracts.Cleansing;

namespace Dakla06.Contracts.Http.Cleansing;

/// <summary>Answer to an upload (202): the queued batch's id and status.</summary>
public sealed record BatchCreatedDto(Guid Id, string Status);

/// <summary>
/// A batch with its progress. <c>counts</c> is the record shared with <c>CleansingBatchValidated</c>;
/// <c>progressPercent</c> is the share of the file read (100 once completed), <c>recordsPerSecond</c> = processed ÷
/// seconds spent running.
/// </summary>
public sealed record BatchDto(
    Guid Id,
    string Dataset,
    string UnitCode,
    string UnitName,
    Guid? CampaignId,
    string FileName,
    IReadOnlyList<string> Headers,
    string Status,
    int? Total,
    int Processed,
    CleansingClassCounts Counts,
    int ProgressPercent,
    double? RecordsPerSecond,
    long? RegistryVersion,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    bool CancelRequested,
    string? Error);

/// <summary>
/// The form fields of an upload (<c>POST /batches</c>, multipart beside the file); all optional on the wire so that
/// validation names what is missing.
/// </summary>
public sealed record UploadBatchRequest(string? Dataset, string? UnitCode, Guid? CampaignId = null);

/// <summary>Filters of <c>GET /batches</c>; <c>unitCode</c> is the batch's own unit.</summary>
public sealed record BatchQuery(string? Status = null, string? Dataset = null, string? UnitCode = null, Guid? CampaignId = null);

/// <summary>Filter of <c>GET /batches/{id}/records</c>: one class (<c>matched</c>, <c>info_mismatch</c>, …).</summary>
public sealed record RecordQuery(string? Class = null);

/// <summary>A registry person suggested for a record, best first; masked like the record.</summary>
public sealed record SuggestionDto(
    string? IdNumber, string? FullName, string? DateOfBirth, string? Gender, string? CommuneCode, int Score, string Reason, bool Confident, bool Deceased);

/// <summary>
/// One record: the input values (in the order of the batch's headers), the parsed known fields, the class and why,
/// the suggestions and the resolution. ID numbers, names and dates of birth are masked when <c>masked</c> is true
/// (the caller is no <c>pii-reader</c>). The answer to a resolve adds what re-validating the resolution found
/// (<c>revalidated…</c>; left out of every other answer, class and reason null for <c>unfixable</c>).
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
    IReadOnlyList<string> MismatchedFields,
    string? MatchedIdNumber,
    IReadOnlyList<SuggestionDto> Suggestions,
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
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RevalidatedClass = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? RevalidatedMismatchedFields = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RevalidatedReason = null)
{
    public SuggestionDto? BestSuggestion => Suggestions.Count > 0 ? Suggestions[0] : null;
}

/// <summary>The wire names of the resolve actions (<see cref="ResolveRequest.Action"/>).</summary>
public static class ResolveActions
{
    public const string AcceptSuggestion = "accept-suggestion";
    public const string Correct = "correct";
    public const string Unfixable = "unfixable";
}

/// <summary>
/// Body of <c>POST /batches/{id}/records/{line}/resolve</c>. <c>action</c> (<see cref="ResolveActions"/>):
/// <c>accept-suggestion</c> (with <c>suggestionIndex</c>, 0-based, or <c>suggestionIdNumber</c>, full or as masked on
/// the page), <c>correct</c> (any of idNumber, fullName, dateOfBirth, gender, communeCode; fields left out keep the
/// record's values) or <c>unfixable</c> (with <c>reason</c>). <c>reason</c> is kept as the resolution note for the
/// other actions too.
/// </summary>
public sealed record ResolveRequest(
    string? Action,
    string? SuggestionIdNumber = null,
    int? SuggestionIndex = null,
    string? IdNumber = null,
    string? FullName = null,
    string? DateOfBirth = null,
    string? Gender = null,
    string? CommuneCode = null,
    string? Reason = null);
