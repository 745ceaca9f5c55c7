namespace Dakla06.Web.Directives;

/// <summary>The document types the directives API knows, with what users read.</summary>
public static class DocumentTypes
{
    public static IReadOnlyList<(string Code, string Label)> All { get; } =
    [
        ("plan", "Kế hoạch"),
        ("decision", "Quyết định"),
        ("official-letter", "Công văn"),
        ("notice", "Thông báo"),
        ("report", "Báo cáo"),
        ("telegram", "Điện mật"),
    ];

    public static string Label(string? code) =>
        All.FirstOrDefault(t => t.Code == code).Label ?? (code == "inspection-conclusion" ? "Kết luận kiểm tra" : code) ?? string.Empty; // written by the system only, so not in All (the create form)
}
