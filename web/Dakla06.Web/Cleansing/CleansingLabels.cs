using MudBlazor;

namespace Dakla06.Web.Cleansing;

/// <summary>What users read for datasets, record classes, batch statuses, resolutions and duplicate reviews.</summary>
public static class CleansingLabels
{
    public const string Queued = "queued";
    public const string Running = "running";

    public static IReadOnlyList<(string Code, string Label)> Datasets { get; } =
    [
        ("vaccination", "Tiêm chủng"),
        ("social-insurance", "Bảo hiểm xã hội"),
        ("children", "Trẻ em"),
        ("social-protection", "Bảo trợ xã hội"),
        ("other", "Khác"),
    ];

    /// <summary>In the engine's precedence, <c>matched</c> first: the order of the chart, the filter and the counts.</summary>
    public static IReadOnlyList<(string Code, string Label)> Classes { get; } =
    [
        ("matched", "Khớp CSDL dân cư"),
        ("info_mismatch", "Sai lệch thông tin"),
        ("not_found", "Không có trong CSDL dân cư"),
        ("missing_id", "Thiếu số định danh"),
        ("malformed_id", "Số định danh sai cấu trúc"),
        ("duplicate_in_batch", "Trùng số định danh trong lô"),
        ("deceased", "Công dân đã chết"),
        ("unreadable", "Dòng không đọc được"),
    ];

    /// <summary>One colour per class, in the order of <see cref="Classes"/>: green for matched, warm colours for the rest.</summary>
    public static string[] ClassPalette { get; } =
        ["#2e7d32", "#ef6c00", "#c62828", "#6a1b9a", "#ad1457", "#1565c0", "#455a64", "#8d6e63"];

    public static IReadOnlyList<(string Code, string Label)> Statuses { get; } =
    [
        (Queued, "Đang chờ xử lý"),
        (Running, "Đang kiểm tra"),
        ("completed", "Đã hoàn thành"),
        ("failed", "Lỗi"),
        ("cancelled", "Đã hủy"),
    ];

    public static IReadOnlyList<(string Code, string Label)> Resolutions { get; } =
    [
        ("accepted-suggestion", "Chọn người được gợi ý"),
        ("corrected", "Sửa thông tin"),
        ("unfixable", "Không thể làm sạch"),
    ];

    public static IReadOnlyList<(string Code, string Label)> Fields { get; } =
    [
        ("id_number", "Số định danh"),
        ("full_name", "Họ và tên"),
        ("date_of_birth", "Ngày sinh"),
        ("gender", "Giới tính"),
        ("commune_code", "Mã xã"),
    ];

    public static IReadOnlyList<(string Code, string Label)> DuplicateStatuses { get; } =
    [
        ("pending", "Chờ xem xét"),
        ("same-person", "Cùng một người"),
        ("different-people", "Khác người"),
    ];

    public static string Dataset(string? code) => Label(Datasets, code);

    public static string Class(string? code) => Label(Classes, code);

    public static string Status(string? code) => Label(Statuses, code);

    public static string Resolution(string? code) => code is null ? "Chưa xử lý" : Label(Resolutions, code);

    public static string Field(string? code) => Label(Fields, code);

    public static string DuplicateStatus(string? code) => Label(DuplicateStatuses, code);

    public static string Gender(string? code) => code?.ToLowerInvariant() switch
    {
        "male" => "Nam",
        "female" => "Nữ",
        null or "" => "—",
        _ => code,
    };

    /// <summary>The gender code (<c>male</c>, <c>female</c>) of a value as files and the registry spell it; null when it is neither.</summary>
    public static string? GenderCode(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "nam" or "male" or "m" => "male",
        "nữ" or "nu" or "female" or "f" => "female",
        _ => null,
    };

    public static string ClassColour(string? code)
    {
        for (var i = 0; i < Classes.Count; i++)
        {
            if (Classes[i].Code == code)
            {
                return ClassPalette[i];
            }
        }

        return "#9e9e9e";
    }

    /// <summary>Chip style of a class, white text on its chart colour.</summary>
    public static string ClassStyle(string? code) => $"background-color:{ClassColour(code)};color:#fff";

    public static Color StatusColor(string? code) => code switch
    {
        "completed" => Color.Success,
        Running => Color.Info,
        Queued => Color.Default,
        "failed" => Color.Error,
        "cancelled" => Color.Warning,
        _ => Color.Default,
    };

    /// <summary>Per cent of a part: "95,99%"; "—" when there is no whole.</summary>
    public static string Share(long part, long whole) =>
        whole == 0 ? "—" : Presentation.VietnameseFormat.Rate((double)part / whole);

    private static string Label(IReadOnlyList<(string Code, string Label)> labels, string? code)
    {
        foreach (var (value, label) in labels)
        {
            if (value == code)
            {
                return label;
            }
        }

        return code ?? string.Empty;
    }
}

/// <summary>
/// Whether two spellings of a field say the same thing, for highlighting on the record page only (the API decides
/// what matches): names without diacritics and case, dates in either day-first or ISO order, genders in any language.
/// Masked values ("N*** V** A", "**/**/1990") compare by what is left.
/// </summary>
public static class FieldComparison
{
    public static bool Same(string field, string? left, string? right)
    {
        if (string.IsNullOrWhiteSpace(left) || string.IsNullOrWhiteSpace(right))
        {
            return string.IsNullOrWhiteSpace(left) == string.IsNullOrWhiteSpace(right);
        }

        return field switch
        {
            "full_name" => Fold(left) == Fold(right),
            "date_of_birth" => Date(left) == Date(right),
            "gender" => Gender(left) == Gender(right),
            _ => string.Equals(left.Trim(), right.Trim(), StringComparison.OrdinalIgnoreCase),
        };
    }

    private static string Fold(string value)
    {
        var decomposed = value.Replace('đ', 'd').Replace('Đ', 'D').Normalize(System.Text.NormalizationForm.FormD);
        var letters = decomposed.Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark);
        return string.Join(' ', new string(letters.ToArray()).ToLowerInvariant().Split([' ', '\'', '-'], StringSplitOptions.RemoveEmptyEntries));
    }

    private static string Date(string value)
    {
        var parts = value.Trim().Split(['/', '-', '.']);
        return parts.Length == 3 && parts[0].Length == 4
            ? $"{parts[2].TrimStart('0')}/{parts[1].TrimStart('0')}/{parts[0]}"
            : parts.Length == 3 ? $"{parts[0].TrimStart('0')}/{parts[1].TrimStart('0')}/{parts[2]}" : value.Trim();
    }

    private static string Gender(string value) => Fold(value) switch
    {
        "nam" or "male" or "m" => "male",
        "nu" or "female" or "f" => "female",
        var other => other,
    };
}
