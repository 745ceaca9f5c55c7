using Dakla06.Contracts.Statistics;
using static Dakla06.Directives.Domain.TaskText;

namespace Dakla06.Directives.Domain;

/// <summary>
/// Shortfall tasks: the tasks directive tracking opens for a unit short of an indicator target
/// (<see cref="IndicatorShortfallDetected"/>). Like remediation tasks they are worked on as any task but closed by the
/// data only: <see cref="IndicatorShortfallCleared"/> accepts the task, a new shortfall of the same period reopens it.
/// </summary>
public static class Shortfall
{
    public static bool IsShortfall(string? sourceType) => string.Equals(sourceType, IndicatorShortfalls.SourceType, StringComparison.Ordinal);

    /// <summary>The system user that opens and closes the tasks, named after the measuring service.</summary>
    public static string SystemUser(string sourceService) => $"system:{sourceService}";

    public static string SystemUserName(string sourceService) => sourceService switch
    {
        "statistics" => "Hệ thống thống kê dịch vụ công",
        "enrolment" => "Hệ thống cấp định danh điện tử",
        _ => $"Hệ thống {sourceService}",
    };

    public const string Priority = "high";

    /// <summary>Why accept and return are refused for a shortfall task (409).</summary>
    public const string ClosedOnlyByData = "Nhiệm vụ chưa đạt chỉ tiêu chỉ được đóng khi số liệu mới đạt chỉ tiêu.";

    public const string ExpectedOutput = "Số liệu đạt chỉ tiêu; nhiệm vụ tự đóng khi số liệu mới đạt chỉ tiêu";

    public static string SourceId(IndicatorShortfallDetected e) =>
        IndicatorShortfalls.SourceId(e.SourceService, e.UnitCode, e.Indicator, e.PeriodFrom, e.PeriodTo);

    public static string SourceId(IndicatorShortfallCleared e) =>
        IndicatorShortfalls.SourceId(e.SourceService, e.UnitCode, e.Indicator, e.PeriodFrom, e.PeriodTo);

    public static string Title(IndicatorShortfallDetected e) =>
        Truncate($"Chưa đạt chỉ tiêu: {e.IndicatorName} ({Date(e.PeriodFrom)}–{Date(e.PeriodTo)})", NewTask.MaxTitleLength);

    public static string Description(IndicatorShortfallDetected e, string unitName) => Truncate(
        $"{e.IndicatorName} của {unitName} trong kỳ {Date(e.PeriodFrom)}–{Date(e.PeriodTo)} là {Number(e.Actual)}, " +
        $"chưa đạt chỉ tiêu {Comparison(e.Direction)} {Number(e.Target)} theo {e.Document}. " +
        "Nhiệm vụ được đóng tự động khi số liệu mới đạt chỉ tiêu.",
        NewTask.MaxDescriptionLength);

    public static string DetectedNote(IndicatorShortfallDetected e) =>
        $"Số liệu {Number(e.Actual)}, chỉ tiêu {Comparison(e.Direction)} {Number(e.Target)}";

    public static string ClearedNote(IndicatorShortfallCleared e) => e.TargetWithdrawn
        ? $"Chỉ tiêu {Comparison(e.Direction)} {Number(e.Target)} theo {e.Document} đã bị xoá (số liệu cuối: {Number(e.Actual)})"
        : $"Số liệu mới đạt chỉ tiêu: {Number(e.Actual)} ({Comparison(e.Direction)} {Number(e.Target)})";

    public static string DetectedAgainNote(IndicatorShortfallDetected e) =>
        $"Số liệu mới lại chưa đạt chỉ tiêu: {Number(e.Actual)} ({Comparison(e.Direction)} {Number(e.Target)})";

    public static string DocumentSubject(IndicatorShortfallDetected e) =>
        Truncate($"Giao chỉ tiêu theo {e.Document}", NewDocument.MaxSubjectLength);

    public static string DocumentSummary(IndicatorShortfallDetected e) =>
        $"Văn bản giao chỉ tiêu {e.Document}, ghi nhận tự động khi có đơn vị chưa đạt chỉ tiêu ({e.IndicatorName}).";

    private static string Comparison(string direction) => direction == "atMost" ? "≤" : "≥";
}
