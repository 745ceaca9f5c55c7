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

    public static IReadOnlyList<DocumentType> All { get; } = [Plan, Decision, OfficialLetter, Notice, Report, Telegram];

    public static DocumentType? Find(string? code) =>
        All.FirstOrDefault(t => string.Equals(t.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase));
}
