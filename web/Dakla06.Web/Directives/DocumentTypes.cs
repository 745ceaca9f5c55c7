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

    /// <summary>The types the system writes itself, so not in <see cref="All"/> (the create form).</summary>
    private static readonly IReadOnlyDictionary<string, string> SystemTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["inspection-conclusion"] = "Kết luận kiểm tra",
        ["indicator-targets"] = "Văn bản giao chỉ tiêu",
        ["registry-quality-assignment"] = "Phiếu giao làm sạch CSDL dân cư",
    };

    public static string Label(string? code) =>
        All.FirstOrDefault(t => t.Code == code).Label ?? (code is null ? string.Empty : SystemTypes.GetValueOrDefault(code, code));
}
