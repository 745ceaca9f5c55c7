using Dakla06.Contracts.Inspections;
using static Dakla06.Directives.Domain.TaskText;

namespace Dakla06.Directives.Domain;

/// <summary>
/// Remediation tasks: the tasks directive tracking opens for inspection findings (<see cref="FindingRaised"/>).
/// They are worked on like any task (start, report, remind) but closed only by the inspection team: a verified
/// finding accepts the task, a reopened one sends it back to <c>in_progress</c>. Users cannot accept or return them.
/// </summary>
public static class Remediation
{
    public const string SystemUser = "system:inspections";
    public const string SystemUserName = "Hệ thống kiểm tra an ninh, an toàn";

    /// <summary>Why accept and return are refused for a remediation task (409).</summary>
    public const string ClosedOnlyByVerification = "Nhiệm vụ khắc phục chỉ được đóng khi tổ kiểm tra xác minh";

    public const string VerifiedNote = "Đã xác minh khắc phục";

    public const string ReopenedNote = "Tổ kiểm tra mở lại phát hiện";

    public static bool IsRemediation(string? sourceType) => string.Equals(sourceType, RemediationTasks.SourceType, StringComparison.Ordinal);

    /// <summary>Finding severity → task priority; an unknown severity is a contract breach (the message goes to the error queue).</summary>
    public static string Priority(string severity) => severity switch
    {
        "critical" => "urgent",
        "high" => "high",
        "medium" => "normal",
        "low" => "low",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "Unknown finding severity."),
    };

    public static string SeverityVi(string severity) => severity switch
    {
        "critical" => "nghiêm trọng",
        "high" => "cao",
        "medium" => "trung bình",
        "low" => "thấp",
        _ => severity,
    };

    public static string Title(FindingRaised finding) => Truncate($"Khắc phục: {finding.Title}", NewTask.MaxTitleLength);

    /// <summary>Names the target and the inspection, never the technical description (which does not travel on the bus).</summary>
    public static string Description(FindingRaised finding) => Truncate(
        $"Khắc phục phát hiện mức {SeverityVi(finding.Severity)} của đợt kiểm tra an ninh, an toàn đối với {finding.TargetName} " +
        $"ngày {Date(finding.InspectedOn)} (tổ kiểm tra {finding.TeamCode}). Hạn khắc phục: {Date(finding.Deadline)}. " +
        "Báo cáo hoàn thành khi đã khắc phục; nhiệm vụ được đóng khi tổ kiểm tra xác minh.",
        NewTask.MaxDescriptionLength);

    public const string ExpectedOutput = "Báo cáo kết quả khắc phục để tổ kiểm tra xác minh";

    /// <summary>
    /// The conclusion document's number: one per inspection, unique per issuing unit and year as every number. The
    /// random tail of the inspection id (its last 12 hex digits; the leading ones of a version-7 id are a timestamp)
    /// keeps two inspections of one unit apart.
    /// </summary>
    public static string ConclusionNumber(FindingRaised finding) =>
        $"KL-{finding.TeamCode.ToUpperInvariant()}-{finding.InspectionId.ToString("N")[^12..].ToUpperInvariant()}";

    public static string ConclusionSubject(FindingRaised finding) =>
        Truncate($"Kết luận kiểm tra an ninh, an toàn: {finding.TargetName} ({Date(finding.InspectedOn)})", NewDocument.MaxSubjectLength);

    public static string ConclusionSummary(FindingRaised finding) =>
        $"Kết luận của tổ kiểm tra {finding.TeamCode}. Mỗi phát hiện được giao cho đơn vị chịu trách nhiệm thành một nhiệm vụ khắc phục.";

    /// <summary>
    /// A verified finding closes its task from any open state; an accepted task stays as it is (null: nothing to do).
    /// </summary>
    public static TaskTransition? OnVerified(TaskState from) =>
        from == TaskState.Accepted ? null : TaskTransition.Allow(TaskState.Accepted, "accepted");

    /// <summary>
    /// A reopened finding sends a reported or closed task back to <c>in_progress</c> (the returned event is published);
    /// a task still being worked on keeps its state and only records the reason.
    /// </summary>
    public static TaskTransition OnReopened(TaskState from) => TaskTransition.Allow(
        from is TaskState.ReportedDone or TaskState.Accepted ? TaskState.InProgress : from, "returned");

    public static string VerifiedHistoryNote(string? note) =>
        string.IsNullOrWhiteSpace(note) ? VerifiedNote : $"{VerifiedNote}: {note.Trim()}";

    public static string ReopenedHistoryNote(string reason) => $"{ReopenedNote}: {reason.Trim()}";
}
