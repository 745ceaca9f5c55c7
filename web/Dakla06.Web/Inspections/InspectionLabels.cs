using MudBlazor;

namespace Dakla06.Web.Inspections;

/// <summary>What users read for system kinds, severities, statuses and checklist results of security inspections.</summary>
public static class InspectionLabels
{
    public static IReadOnlyList<(string Code, string Label)> SystemKinds { get; } =
    [
        ("integration-platform", "Nền tảng tích hợp, chia sẻ dữ liệu"),
        ("one-stop-dossier", "Hệ thống thông tin giải quyết thủ tục hành chính"),
        ("data-centre", "Trung tâm dữ liệu"),
        ("application", "Ứng dụng, phần mềm"),
        ("other", "Khác"),
    ];

    public static IReadOnlyList<(string Code, string Label)> Severities { get; } =
    [
        ("critical", "Nghiêm trọng"),
        ("high", "Cao"),
        ("medium", "Trung bình"),
        ("low", "Thấp"),
    ];

    public static IReadOnlyList<(string Code, string Label)> FindingStatuses { get; } =
    [
        ("open", "Chưa khắc phục"),
        ("remediation_reported", "Đã báo cáo khắc phục"),
        ("verified", "Đã xác minh khắc phục"),
        ("reopened", "Mở lại"),
        ("risk_accepted", "Chấp nhận rủi ro"),
    ];

    public static IReadOnlyList<(string Code, string Label)> InspectionStatuses { get; } =
    [
        ("planned", "Đã lập kế hoạch"),
        ("in_progress", "Đang kiểm tra"),
        ("completed", "Đã hoàn thành"),
    ];

    public static IReadOnlyList<(string Code, string Label)> Results { get; } =
    [
        ("pass", "Đạt"),
        ("fail", "Không đạt"),
        ("not_applicable", "Không áp dụng"),
    ];

    /// <summary>Default remediation deadlines in days (the API's <c>Inspections:Sla</c> defaults); only a hint, the API decides.</summary>
    public static int DefaultSlaDays(string? severity) => severity switch
    {
        "critical" => 7,
        "high" => 30,
        "medium" => 60,
        _ => 90,
    };

    public const string Cleared = "Đủ điều kiện kết nối";
    public const string NotCleared = "Chưa đủ điều kiện";
    public const string Overdue = "Quá hạn";

    public static string SystemKind(string? code) => Label(SystemKinds, code);

    public static string Severity(string? code) => Label(Severities, code);

    public static string FindingStatus(string? code) => Label(FindingStatuses, code);

    public static string InspectionStatus(string? code) => Label(InspectionStatuses, code);

    public static string Result(string? code) => code is null ? "Chưa đánh giá" : Label(Results, code);

    public static string TargetType(string? code) => code switch
    {
        "system" => "Hệ thống thông tin",
        "device" => "Thiết bị đầu cuối",
        _ => code ?? string.Empty,
    };

    public static string SecurityLevel(int level) => $"Cấp độ {level}";

    /// <summary>
    /// Chip colours: critical red, high orange, medium amber, low blue-grey. Inline, because MudBlazor's palette has
    /// no orange next to its amber "warning".
    /// </summary>
    public static string SeverityStyle(string? code) => code switch
    {
        "critical" => "background-color:#c62828;color:#fff",
        "high" => "background-color:#ef6c00;color:#fff",
        "medium" => "background-color:#ffc107;color:rgba(0,0,0,.87)",
        _ => "background-color:#78909c;color:#fff",
    };

    public static Color FindingStatusColor(string? code) => code switch
    {
        "open" => Color.Error,
        "reopened" => Color.Error,
        "remediation_reported" => Color.Warning,
        "verified" => Color.Success,
        "risk_accepted" => Color.Secondary,
        _ => Color.Default,
    };

    public static Color InspectionStatusColor(string? code) => code switch
    {
        "planned" => Color.Default,
        "in_progress" => Color.Info,
        "completed" => Color.Success,
        _ => Color.Default,
    };

    public static Color ResultColor(string? code) => code switch
    {
        "pass" => Color.Success,
        "fail" => Color.Error,
        "not_applicable" => Color.Default,
        _ => Color.Default,
    };

    /// <summary>History entries name the transition; unknown kinds are shown as they come.</summary>
    public static string FindingHistoryKind(string? kind) => kind switch
    {
        "raised" or "created" or "open" => "Ghi nhận phát hiện",
        "remediation_reported" or "reported" => "Đơn vị báo cáo đã khắc phục",
        "verified" or "verify" => "Xác minh đã khắc phục",
        "reopened" or "reopen" => "Mở lại",
        "risk_accepted" or "accept-risk" or "accepted_risk" => "Chấp nhận rủi ro",
        "risk_expired" or "expired" => "Hết hạn chấp nhận rủi ro",
        _ => kind ?? string.Empty,
    };

    public static Color FindingHistoryColor(string? kind) => kind switch
    {
        "verified" or "verify" => Color.Success,
        "reopened" or "reopen" or "risk_expired" or "expired" => Color.Error,
        "remediation_reported" or "reported" => Color.Warning,
        "risk_accepted" or "accept-risk" or "accepted_risk" => Color.Secondary,
        _ => Color.Primary,
    };

    private static string Label(IReadOnlyList<(string Code, string Label)> labels, string? code) =>
        labels.FirstOrDefault(l => l.Code == code).Label ?? code ?? string.Empty;
}
