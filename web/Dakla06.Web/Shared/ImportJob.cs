using Dakla06.Contracts.Http.Statistics;
using MudBlazor;

namespace Dakla06.Web.Shared;

/// <summary>
/// An import job as its page shows it, whatever it imports: statistics' dossiers and enrolment's applications, card
/// events and e-ID accounts follow one import policy (the states of <see cref="ImportStatuses"/>, lines inserted,
/// updated, unchanged or rejected), so one page shows them all. <c>What</c> is what the file holds, in Vietnamese.
/// </summary>
public sealed record ImportJob(
    string What, string FileName, string UnitCode, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt,
    string Status, int ProgressPercent, long Processed, long Inserted, long Updated, long Unchanged, long Rejected, string? Error)
{
    public bool InProgress => ImportJobs.InProgress(Status);
}

/// <summary>What users read of an import job's state.</summary>
public static class ImportJobs
{
    public static IReadOnlyList<(string Code, string Label)> Statuses { get; } =
    [
        (ImportStatuses.Queued, "Đang chờ xử lý"),
        (ImportStatuses.Running, "Đang nhập"),
        (ImportStatuses.Completed, "Đã hoàn thành"),
        (ImportStatuses.Failed, "Lỗi"),
    ];

    public static string StatusName(string? status) => Statuses.FirstOrDefault(s => s.Code == status).Label ?? status ?? string.Empty;

    public static Color StatusColor(string status) => status switch
    {
        ImportStatuses.Completed => Color.Success,
        ImportStatuses.Failed => Color.Error,
        ImportStatuses.Running => Color.Info,
        _ => Color.Default,
    };

    /// <summary>Queued or running: its counts still move.</summary>
    public static bool InProgress(string status) => status is ImportStatuses.Queued or ImportStatuses.Running;
}
