using Dakla06.Contracts.Http.Cleansing;

namespace Dakla06.Web.Cleansing;

/// <summary>What the pages read off a batch's counts.</summary>
public static class BatchFigures
{
    /// <summary>Queued or running: the worker has not finished with it.</summary>
    public static bool InProgress(this BatchDto batch) => batch.Status is CleansingLabels.Queued or CleansingLabels.Running;

    /// <summary>Records of one class so far (the counts are committed with each chunk).</summary>
    public static long Count(this BatchDto batch, string recordClass) => recordClass switch
    {
        "matched" => batch.Counts.Matched,
        "missing_id" => batch.Counts.MissingId,
        "malformed_id" => batch.Counts.MalformedId,
        "not_found" => batch.Counts.NotFound,
        "info_mismatch" => batch.Counts.InfoMismatch,
        "duplicate_in_batch" => batch.Counts.DuplicateInBatch,
        "deceased" => batch.Counts.Deceased,
        "unreadable" => batch.Counts.Unreadable,
        _ => 0,
    };

    /// <summary>Records classified so far.</summary>
    public static long Classified(this BatchDto batch) => CleansingLabels.Classes.Sum(c => batch.Count(c.Code));

    /// <summary>Records that are not <c>matched</c>: the ones a cleansing officer has to look at.</summary>
    public static long Flagged(this BatchDto batch) => batch.Classified() - batch.Count("matched");
}
