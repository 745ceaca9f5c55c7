using System.Globalization;
using Dakla06.Contracts.AdminUnits;

namespace Dakla06.Statistics.Domain;

/// <summary>The values the files use, as the one-stop systems write them.</summary>
public static class Vocabulary
{
    /// <summary><c>cap_thuc_hien</c>: the level of government that carries the procedure out.</summary>
    public static readonly IReadOnlyDictionary<string, AdminLevel> AdministrativeLevels = new Dictionary<string, AdminLevel>(StringComparer.Ordinal)
    {
        ["tinh"] = AdminLevel.Province,
        ["huyen"] = AdminLevel.District,
        ["xa"] = AdminLevel.Commune,
    };

    /// <summary><c>muc_do</c>: 1–4 (the levels of 2022) or the levels of Decree 42/2022 (from 2023).</summary>
    public static readonly IReadOnlyList<string> OnlineLevels = ["1", "2", "3", "4", "toan_trinh", "mot_phan", "khong"];

    /// <summary>Levels at which a dossier can be submitted online ("DVCTT"): 3 and 4, or full and partial online service.</summary>
    public static readonly IReadOnlyList<string> OnlineCapableLevels = ["3", "4", "toan_trinh", "mot_phan"];

    public static bool IsOnlineLevel(string level) => OnlineCapableLevels.Contains(level);

    public const string Online = "truc_tuyen";

    /// <summary><c>kenh</c>: at the counter, online, by post.</summary>
    public static readonly IReadOnlyList<string> Channels = ["truc_tiep", Online, "buu_chinh"];

    public const string Resolved = "da_giai_quyet";

    /// <summary><c>trang_thai</c>: in progress, resolved, refused, withdrawn.</summary>
    public static readonly IReadOnlyList<string> DossierStatuses = ["dang_xu_ly", Resolved, "tu_choi", "rut"];

    public const string InProgress = "dang_xu_ly";

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"];

    /// <summary>A date written <c>yyyy-MM-dd</c> or <c>dd/MM/yyyy</c>.</summary>
    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>A flag written <c>0</c> or <c>1</c>.</summary>
    public static bool TryParseFlag(string text, out bool flag)
    {
        flag = text == "1";
        return text is "0" or "1";
    }

    public static string OneOf(IEnumerable<string> values) => string.Join(", ", values);
}
