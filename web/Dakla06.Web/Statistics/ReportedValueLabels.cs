using Dakla06.Contracts.Http.Statistics;
using Dakla06.Web.Presentation;
using MudBlazor;

namespace Dakla06.Web.Statistics;

/// <summary>How the reported values read in Vietnamese: their statuses, changes, periods and counts.</summary>
public static class ReportedValueLabels
{
    public static string Status(string status) => status switch
    {
        ReportedValueStatuses.Submitted => "Chờ phê duyệt",
        ReportedValueStatuses.Approved => "Đã phê duyệt",
        _ => status,
    };

    public static Color StatusColor(string status) => status == ReportedValueStatuses.Approved ? Color.Success : Color.Warning;

    public static string Change(string change) => change switch
    {
        ReportedValueChanges.Submitted => "Nhập số liệu",
        ReportedValueChanges.Changed => "Sửa số liệu",
        ReportedValueChanges.Approved => "Phê duyệt",
        ReportedValueChanges.Unlocked => "Mở khóa",
        _ => change,
    };

    public static string Period(DateOnly from, DateOnly to) =>
        from == to ? VietnameseFormat.Date(from) : $"{VietnameseFormat.Date(from)} – {VietnameseFormat.Date(to)}";

    public static string Count(long value, string countUnit) => $"{VietnameseFormat.Number(value)} {countUnit}";
}
