namespace Dakla06.Statistics.Domain;

/// <summary>A count that has no dossier file and is reported by hand: its code, Vietnamese name and what it counts.</summary>
public sealed record ReportedIndicator(string Code, string Name, string CountUnit, int? EssentialService = null);

/// <summary>
/// The fixed list of what may be reported (<c>PUT /reported-values</c>): one <c>essential_NN</c> per essential public
/// service counted as <c>trường hợp</c> (<see cref="EssentialServices"/>), whose approved values add to that service's count,
/// and the social-insurance figures of Project 06 that no one-stop system holds.
/// </summary>
public static class ReportedIndicators
{
    public const string Cases = "trường hợp";

    public static IReadOnlyList<ReportedIndicator> All { get; } =
    [
        .. EssentialServices.All.Where(s => s.CountUnit == Cases).Select(s => new ReportedIndicator(CodeOf(s.Number), s.Name, Cases, s.Number)),
        new("bhyt_lookups_cccd", "Tra cứu thông tin thẻ bảo hiểm y tế bằng thẻ Căn cước công dân", "lượt tra cứu"),
        new("vssid_accounts", "Tài khoản VssID (bảo hiểm xã hội số) được cấp", "tài khoản"),
    ];

    public static ReportedIndicator? Find(string? code) => All.FirstOrDefault(i => i.Code == code);

    /// <summary>The code of the reported count of essential service <paramref name="number"/>, e.g. <c>essential_06</c>.</summary>
    public static string CodeOf(int number) => $"essential_{number:00}";
}
