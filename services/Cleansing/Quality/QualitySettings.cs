using System.Globalization;
using Dakla06.Contracts.Http.Cleansing;
using Dakla06.People;

namespace Dakla06.Cleansing.Quality;

/// <summary>
/// The registry-quality configuration (<c>Cleansing:RegistryQuality</c>): which optional fields are mandatory, the list
/// categories with their Vietnamese names, the reasons of "không thể cập nhật", and the day up to which a birth makes
/// a person old enough to have held a 9-digit ID card. A section left out keeps the shipped default.
/// </summary>
public sealed class QualitySettings
{
    public const string Section = "Cleansing:RegistryQuality";

    /// <summary>The import columns of <see cref="RegistryDetails.Columns"/> that must be filled.</summary>
    public IReadOnlyList<string> MandatoryFields { get; }

    /// <summary>List categories (code → Vietnamese name), in configured order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Lists { get; }

    /// <summary>Reason codes of <see cref="QualityOutcomes.CannotUpdate"/> (code → Vietnamese name).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> CannotUpdateReasons { get; }

    /// <summary>Born on or before this day: 14 or older while 9-digit ID cards were issued (they ended with 2020).</summary>
    public DateOnly OldIdBornBy { get; }

    public static readonly IReadOnlyDictionary<string, string> FieldNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["dan_toc"] = "Dân tộc",
        ["ton_giao"] = "Tôn giáo",
        ["que_quan"] = "Quê quán",
        ["noi_thuong_tru"] = "Nơi thường trú",
        ["quan_he_chu_ho"] = "Quan hệ với chủ hộ",
    };

    public static readonly IReadOnlyList<KeyValuePair<string, string>> DefaultReasons =
    [
        new("not_at_address", "Không tìm thấy công dân tại nơi cư trú"),
        new("no_documents", "Công dân không cung cấp được giấy tờ"),
        new("moved_abroad", "Công dân đã ra nước ngoài"),
        new("pending_decision", "Chờ quyết định của cơ quan có thẩm quyền"),
        new("other", "Lý do khác"),
    ];

    public QualitySettings(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var mandatory = section.GetSection("MandatoryFields").GetChildren().Select(c => c.Value?.Trim() ?? string.Empty).ToList();
        var unknown = mandatory.Where(f => !RegistryDetails.Columns.Contains(f)).ToList();
        if (unknown.Count > 0)
        {
            // Fail at start, naming the setting: a typo would otherwise silently make a field optional.
            throw new InvalidOperationException(
                $"{Section}:MandatoryFields has {string.Join(", ", unknown)}; allowed: {string.Join(", ", RegistryDetails.Columns)}.");
        }

        MandatoryFields = section.GetSection("MandatoryFields").Exists() ? mandatory : RegistryDetails.Columns;
        Lists = Named(section.GetSection("Lists"), QualityCategories.DefaultLists.Select(c => new KeyValuePair<string, string>(c, QualityCategories.DefaultNames[c])));
        CannotUpdateReasons = Named(section.GetSection("CannotUpdateReasons"), DefaultReasons);
        if (Lists.Any(l => QualityCategories.Rules.Contains(l.Key)))
        {
            throw new InvalidOperationException($"{Section}:Lists may not reuse a rule category ({string.Join(", ", QualityCategories.Rules)}).");
        }

        OldIdBornBy = section["OldIdBornBy"] is { Length: > 0 } bornBy
            ? DateOnly.ParseExact(bornBy, "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : DemoRegistry.OldIdBornBy;
    }

    /// <summary>Every category: the rules' first, then the lists.</summary>
    public IEnumerable<string> Categories => QualityCategories.Rules.Concat(Lists.Select(l => l.Key));

    public bool IsList(string category) => Lists.Any(l => l.Key == category);

    public bool IsCategory(string category) => QualityCategories.Rules.Contains(category) || IsList(category);

    public string NameOf(string category) =>
        Lists.FirstOrDefault(l => l.Key == category).Value ?? QualityCategories.DefaultNames.GetValueOrDefault(category, category);

    /// <summary>The outcomes an officer may choose for an item of the category.</summary>
    public IReadOnlyList<string> OutcomesOf(string category) => category == QualityCategories.OldIdMissing
        ? QualityOutcomes.Chosen
        : [QualityOutcomes.Updated, QualityOutcomes.CannotUpdate];

    /// <summary>The old_id_missing rule in words (README and the catalogue say the same).</summary>
    public string OldIdRule => string.Create(CultureInfo.InvariantCulture,
        $"Công dân còn sống, sinh đến ngày {OldIdBornBy:dd/MM/yyyy} (đủ 14 tuổi khi còn cấp CMND 9 số), chưa có số CMND 9 số và chưa được xác nhận \"không có CMND 9 số\".");

    private static IReadOnlyList<KeyValuePair<string, string>> Named(IConfigurationSection section, IEnumerable<KeyValuePair<string, string>> defaults) =>
        section.Exists()
            ? [.. section.GetChildren().Select(c => new KeyValuePair<string, string>(c.Key, c.Value ?? c.Key))]
            : [.. defaults];
}
