using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Dakla06.Directives.Domain;

/// <summary>
/// The "số, ký hiệu" of an administrative document (Decree 30/2020/NĐ-CP): a sequence number, a slash, then the
/// symbol — the type abbreviation and the issuer (<c>42/KH-UBND</c>, <c>15/QĐ-UBND</c>), or for an official
/// letter no type abbreviation, just issuer and drafting department (<c>1234/UBND-NC</c>).
/// </summary>
public static partial class DocumentNumber
{
    private static readonly HashSet<string> TypeAbbreviations =
        new(DocumentType.All.Select(t => t.Abbreviation).OfType<string>(), StringComparer.Ordinal);

    [GeneratedRegex(@"^(?<sequence>\d{1,6})/(?<symbol>[A-ZĐ0-9&]+(?:-[A-ZĐ0-9&]+)+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    [GeneratedRegex(@"\s*([/-])\s*")]
    private static partial Regex SpacesAroundSeparators();

    /// <summary>Trims, removes spaces around "/" and "-", and upper-cases (đ → Đ), as officials type it loosely.</summary>
    public static string Normalize(string number)
    {
        var compact = SpacesAroundSeparators().Replace(number.Trim().Normalize(NormalizationForm.FormC), "$1");
        return compact.ToUpper(CultureInfo.GetCultureInfo("vi-VN"));
    }

    /// <summary>Returns null when <paramref name="number"/> (already normalised) is valid for <paramref name="type"/>, else the reason.</summary>
    public static string? Validate(DocumentType type, string number)
    {
        var match = Shape().Match(number);
        if (!match.Success)
        {
            return "Số ký hiệu phải có dạng số/ký hiệu, ví dụ 42/KH-UBND hoặc 1234/UBND-NC.";
        }

        if (match.Groups["sequence"].Value.All(c => c == '0'))
        {
            return "Số văn bản phải lớn hơn 0.";
        }

        var firstPart = match.Groups["symbol"].Value.Split('-')[0];
        if (type.Abbreviation is { } abbreviation && firstPart != abbreviation)
        {
            return $"{type.NameVi} phải có ký hiệu bắt đầu bằng {abbreviation}, ví dụ 42/{abbreviation}-UBND.";
        }

        if (type == DocumentType.OfficialLetter && TypeAbbreviations.Contains(firstPart))
        {
            return "Công văn không ghi tên loại văn bản trong ký hiệu: số/viết tắt cơ quan-đơn vị soạn thảo, ví dụ 1234/UBND-NC.";
        }

        return null;
    }
}
