using MudBlazor;

namespace Dakla06.Web.Directives;

/// <summary>What users read for task statuses, priorities and actions.</summary>
public static class TaskLabels
{
    public static IReadOnlyList<(string Code, string Label)> Statuses { get; } =
    [
        ("assigned", "Đã giao"),
        ("in_progress", "Đang thực hiện"),
        ("reported_done", "Đã báo cáo hoàn thành"),
        ("accepted", "Đã nghiệm thu"),
    ];

    public static IReadOnlyList<(string Code, string Label)> Priorities { get; } =
    [
        ("low", "Thấp"),
        ("normal", "Bình thường"),
        ("high", "Cao"),
        ("urgent", "Khẩn"),
    ];

    public const string Overdue = "Quá hạn";

    public static string Status(string? code) => Statuses.FirstOrDefault(s => s.Code == code).Label ?? code ?? string.Empty;

    public static string Priority(string? code) => Priorities.FirstOrDefault(p => p.Code == code).Label ?? code ?? string.Empty;

    public static Color StatusColor(string? code) => code switch
    {
        "assigned" => Color.Default,
        "in_progress" => Color.Info,
        "reported_done" => Color.Warning,
        "accepted" => Color.Success,
        _ => Color.Default,
    };

    public static Color PriorityColor(string? code) => code switch
    {
        "urgent" => Color.Error,
        "high" => Color.Warning,
        _ => Color.Default,
    };

    /// <summary>History entries name the transition; unknown kinds are shown as they come.</summary>
    public static string HistoryKind(string? kind) => kind switch
    {
        "assigned" or "assign" or "created" => "Giao nhiệm vụ",
        "started" or "start" => "Bắt đầu thực hiện",
        "reported" or "report" => "Báo cáo tiến độ",
        "reported_done" => "Báo cáo hoàn thành",
        "accepted" or "accept" => "Nghiệm thu",
        "returned" or "return" => "Trả lại",
        "reminded" or "remind" or "reminder" => "Đôn đốc",
        "overdue" => "Quá hạn",
        _ => kind ?? string.Empty,
    };

    public static string SourceType(string? type) => type switch
    {
        null or "" or "document" => "Văn bản chỉ đạo",
        "inspection" or "inspection-finding" or "finding" => "Kết quả kiểm tra ANATTT",
        _ => type,
    };
}
