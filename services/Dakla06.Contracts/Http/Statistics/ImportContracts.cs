namespace Dakla06.Contracts.Http.Statistics;

/// <summary>Where a dossier file comes from: the province's one-stop system, the national portal, the police portal.</summary>
public static class DossierSources
{
    public const string Igate = "igate";
    public const string Dvcqg = "dvcqg";
    public const string Bca = "bca";

    public static IReadOnlyList<string> All { get; } = [Igate, Dvcqg, Bca];
}

/// <summary>The states of an import job.</summary>
public static class ImportStatuses
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
}

/// <summary>
/// A dossier import job and its progress. Counts are of data lines: <c>inserted</c> new dossiers, <c>updated</c> known
/// ones that changed, <c>unchanged</c> known ones that did not, <c>rejected</c> lines not stored (see the errors);
/// <c>linesWithWarnings</c> of the stored lines, those with at least one warning (also counted by their outcome).
/// <c>progressPercent</c> is by bytes read until the job completes.
/// </summary>
public sealed record ImportDto(
    Guid Id,
    string Source,
    string FileName,
    string UnitCode,
    string Status,
    int ProgressPercent,
    long Processed,
    long Inserted,
    long Updated,
    long Unchanged,
    long Rejected,
    long LinesWithWarnings,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    string? Error);
