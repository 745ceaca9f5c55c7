using Dakla06.Contracts.Cleansing;
using static Dakla06.Directives.Domain.TaskText;

namespace Dakla06.Directives.Domain;

/// <summary>
/// Registry-quality tasks: one per commune of a cleansing officer's assignment of an error category
/// (<see cref="RegistryQualityTaskAssigned"/>). The commune works the items in the cleansing service; each change of its
/// counts arrives as <see cref="RegistryQualityTaskProgressed"/>, recorded as the system's progress report, and the task is
/// accepted when the commune's open items reach zero. Like shortfall tasks, users neither accept nor return it.
/// </summary>
public static class RegistryQuality
{
    public const string SystemUser = "system:cleansing";
    public const string SystemUserName = "Hệ thống làm sạch dữ liệu";
    public const string Priority = "normal";

    /// <summary>Why accept and return are refused for a registry-quality task (409).</summary>
    public const string ClosedOnlyByData = "Nhiệm vụ làm sạch CSDL dân cư chỉ được đóng khi xã, phường đã xử lý hết các trường hợp.";

    public const string ExpectedOutput = "Xử lý hết các trường hợp trong danh sách; nhiệm vụ tự đóng khi không còn trường hợp chưa xử lý";

    public static bool IsRegistryQuality(string? sourceType) => string.Equals(sourceType, RegistryQualityTasks.SourceType, StringComparison.Ordinal);

    public static string SourceId(RegistryQualityTaskAssigned e) => RegistryQualityTasks.SourceId(e.AssignmentId, e.UnitCode);

    public static string SourceId(RegistryQualityTaskProgressed e) => RegistryQualityTasks.SourceId(e.AssignmentId, e.UnitCode);

    public static string Title(RegistryQualityTaskAssigned e) => Truncate($"Làm sạch CSDL dân cư: {e.CategoryName}", NewTask.MaxTitleLength);

    public static string Description(RegistryQualityTaskAssigned e, string communeName) => Truncate(
        $"Xử lý {Number(e.Open)} trường hợp \"{e.CategoryName}\" của {communeName} trong CSDL dân cư (trang Chất lượng CSDL dân cư). " +
        "Tiến độ được cập nhật tự động khi từng trường hợp được xử lý; nhiệm vụ tự đóng khi không còn trường hợp chưa xử lý.",
        NewTask.MaxDescriptionLength);

    public static string AssignedNote(RegistryQualityTaskAssigned e) => $"Giao {Number(e.Open)} trường hợp chưa xử lý";

    /// <summary>The figure leaders report: "Đã làm sạch 12/40 (đạt 30%)".</summary>
    public static string ProgressNote(RegistryQualityTaskProgressed e) =>
        $"Đã làm sạch {Number(e.Closed)}/{Number(e.Total)} (đạt {Number(Share(e))}%)";

    /// <summary>Whole percent closed, rounded down so 100 means every item closed; an empty assignment is complete.</summary>
    public static int Percent(RegistryQualityTaskProgressed e) => e.Total <= 0 ? 100 : (int)Math.Min(100, e.Closed * 100L / e.Total);

    public static string DocumentNumber(RegistryQualityTaskAssigned e) => $"LS-{e.AssignmentId.ToString("N")[^12..].ToUpperInvariant()}";

    public static string DocumentSubject(RegistryQualityTaskAssigned e) =>
        Truncate($"Giao xã, phường làm sạch CSDL dân cư: {e.CategoryName}", NewDocument.MaxSubjectLength);

    public static string DocumentSummary(RegistryQualityTaskAssigned e) =>
        $"Phiếu giao của cán bộ {e.AssignedBy}, hạn {Date(e.DueOn)}. Mỗi xã, phường có trường hợp chưa xử lý nhận một nhiệm vụ, tự đóng khi đã xử lý hết.";

    private static decimal Share(RegistryQualityTaskProgressed e) =>
        e.Total <= 0 ? 100m : Math.Round(e.Closed * 100m / e.Total, 2, MidpointRounding.AwayFromZero);
}
