namespace Dakla06.Directives.Domain;

/// <summary>A kind of directive document: its API name, its Vietnamese name and the abbreviation in its number.</summary>
public sealed record DocumentType(string Code, string NameVi, string? Abbreviation)
{
    public static readonly DocumentType Plan = new("plan", "Kế hoạch", "KH");
    public static readonly DocumentType Decision = new("decision", "Quyết định", "QĐ");
    public static readonly DocumentType OfficialLetter = new("official-letter", "Công văn", null);
    public static readonly DocumentType Notice = new("notice", "Thông báo", "TB");
    public static readonly DocumentType Report = new("report", "Báo cáo", "BC");
    public static readonly DocumentType Telegram = new("telegram", "Điện mật", null);

    /// <summary>
    /// The conclusion of a security inspection, under which the findings' remediation tasks hang. Written by the
    /// system when the first finding of an inspection arrives (see <see cref="Remediation"/>), never registered by users.
    /// </summary>
    public static readonly DocumentType InspectionConclusion = new("inspection-conclusion", "Kết luận kiểm tra", "KL");

    /// <summary>
    /// The document that set indicator targets (e.g. 1166/QĐ-UBND), written by the system when a shortfall task needs it
    /// and the issuing unit has not registered a document of that number (see <see cref="Shortfall"/>).
    /// </summary>
    public static readonly DocumentType IndicatorTargets = new("indicator-targets", "Văn bản giao chỉ tiêu", null);

    /// <summary>
    /// A cleansing officer's assignment of a registry-quality category to the communes, under which each commune's task
    /// hangs; written by the system when the assignment arrives (see <see cref="RegistryQuality"/>).
    /// </summary>
    public static readonly DocumentType RegistryQualityAssignment = new("registry-quality-assignment", "Phiếu giao làm sạch CSDL dân cư", "LS");

    /// <summary>The types users register through the API.</summary>
    public static IReadOnlyList<DocumentType> All { get; } = [Plan, Decision, OfficialLetter, Notice, Report, Telegram];

    /// <summary>Every type a stored document can have: <see cref="All"/> and the system's own.</summary>
    public static IReadOnlyList<DocumentType> Stored { get; } = [.. All, InspectionConclusion, IndicatorTargets, RegistryQualityAssignment];

    /// <summary>A type users may register; null for unknown and system-only types.</summary>
    public static DocumentType? Find(string? code) => FindIn(All, code);

    /// <summary>Any stored type (for labels and list filters).</summary>
    public static DocumentType? FindStored(string? code) => FindIn(Stored, code);

    private static DocumentType? FindIn(IReadOnlyList<DocumentType> types, string? code) =>
        types.FirstOrDefault(t => string.Equals(t.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase));
}
