using System.Globalization;
using System.Text;
using Dakla06.People;

namespace Dakla06.ServiceDefaults.Security;

/// <summary>What a column of personal data is, whatever its header calls it; <see cref="None"/> for anything else.</summary>
public enum PersonalField
{
    None,
    FullName,
    IdNumber,
    OldIdNumber,
    DateOfBirth,
    Phone,
    Address,
}

/// <summary>
/// Masking of personal data for callers without <c>pii-reader</c> (issue 5, "Personal data"): the one helper every
/// endpoint uses for ID numbers, names and dates of birth in records, suggestions, downloads and the duplicate list.
/// A file's columns are masked by what they are (<see cref="FieldOf"/>): every column whose header is an alias of a
/// name, ID number, old ID number, birth date, phone or address, not only the first one the validator reads.
/// </summary>
public static class PersonalData
{
    public const char MaskChar = '*';

    /// <summary>Headers (folded: no diacritics, lower case, spaces as underscores) that name personal data.</summary>
    private static readonly Dictionary<string, PersonalField> Aliases = new(StringComparer.Ordinal)
    {
        ["full_name"] = PersonalField.FullName, ["fullname"] = PersonalField.FullName, ["name"] = PersonalField.FullName,
        ["ho_ten"] = PersonalField.FullName, ["ho_va_ten"] = PersonalField.FullName, ["hoten"] = PersonalField.FullName,
        ["ho_ten_day_du"] = PersonalField.FullName, ["ten"] = PersonalField.FullName, ["ten_cong_dan"] = PersonalField.FullName,
        ["id_number"] = PersonalField.IdNumber, ["so_dinh_danh"] = PersonalField.IdNumber, ["so_dinh_danh_ca_nhan"] = PersonalField.IdNumber,
        ["ma_dinh_danh"] = PersonalField.IdNumber, ["cccd"] = PersonalField.IdNumber, ["so_cccd"] = PersonalField.IdNumber,
        ["can_cuoc"] = PersonalField.IdNumber, ["so_can_cuoc"] = PersonalField.IdNumber, ["can_cuoc_cong_dan"] = PersonalField.IdNumber,
        ["old_id_number"] = PersonalField.OldIdNumber, ["cmnd"] = PersonalField.OldIdNumber, ["so_cmnd"] = PersonalField.OldIdNumber,
        ["cmnd_cu"] = PersonalField.OldIdNumber, ["so_cmnd_cu"] = PersonalField.OldIdNumber, ["chung_minh_nhan_dan"] = PersonalField.OldIdNumber,
        ["date_of_birth"] = PersonalField.DateOfBirth, ["dob"] = PersonalField.DateOfBirth, ["birth_date"] = PersonalField.DateOfBirth,
        ["birthday"] = PersonalField.DateOfBirth, ["ngay_sinh"] = PersonalField.DateOfBirth, ["ngay_thang_nam_sinh"] = PersonalField.DateOfBirth,
        ["phone"] = PersonalField.Phone, ["phone_number"] = PersonalField.Phone, ["mobile"] = PersonalField.Phone,
        ["so_dien_thoai"] = PersonalField.Phone, ["dien_thoai"] = PersonalField.Phone, ["sdt"] = PersonalField.Phone,
        ["address"] = PersonalField.Address, ["dia_chi"] = PersonalField.Address, ["noi_o"] = PersonalField.Address,
        ["noi_o_hien_tai"] = PersonalField.Address, ["noi_thuong_tru"] = PersonalField.Address, ["thuong_tru"] = PersonalField.Address,
        ["dia_chi_thuong_tru"] = PersonalField.Address, ["noi_tam_tru"] = PersonalField.Address, ["tam_tru"] = PersonalField.Address,
        ["que_quan"] = PersonalField.Address, ["noi_sinh"] = PersonalField.Address,
    };

    /// <summary>What a file's column holds, by its header ("Họ và tên", "ho_va_ten", "CCCD" …).</summary>
    public static PersonalField FieldOf(string? header) =>
        Aliases.GetValueOrDefault(Names.Fold(header).Trim().Replace(' ', '_'));

    /// <summary>A value masked as what it is; <see cref="PersonalField.None"/> leaves it as it is.</summary>
    public static string? Mask(PersonalField field, string? value) => field switch
    {
        PersonalField.FullName => MaskName(value),
        PersonalField.IdNumber or PersonalField.OldIdNumber => MaskIdNumber(value),
        PersonalField.DateOfBirth => MaskDateOfBirth(value),
        PersonalField.Phone => MaskPhone(value),
        PersonalField.Address => MaskName(value),
        _ => value,
    };

    /// <summary>A copy of a row's values with every personal column (<paramref name="fields"/>, by position) masked.</summary>
    public static string?[] MaskValues(IReadOnlyList<string?> values, IReadOnlyList<PersonalField> fields)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(fields);
        var masked = new string?[values.Count];
        for (var i = 0; i < masked.Length; i++)
        {
            masked[i] = i < fields.Count ? Mask(fields[i], values[i]) : values[i];
        }

        return masked;
    }

    /// <summary><c>0912 345 678</c> → <c>*********678</c>: the last three digits kept, every other character starred.</summary>
    public static string? MaskPhone(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return value;
        }

        var text = value.Trim();
        return text.Length <= 3 ? new string(MaskChar, text.Length) : new string(MaskChar, text.Length - 3) + text[^3..];
    }

    /// <summary>
    /// <c>066190001234</c> → <c>066******234</c>: first and last three characters kept (place code and serial end,
    /// enough to tell records apart on a call), the rest starred. Short values are starred completely.
    /// </summary>
    public static string? MaskIdNumber(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value;
        }

        var text = value.Trim();
        if (text.Length <= 6)
        {
            return new string(MaskChar, text.Length);
        }

        return string.Create(text.Length, text, static (span, source) =>
        {
            span.Fill(MaskChar);
            source.AsSpan(0, 3).CopyTo(span);
            source.AsSpan(source.Length - 3).CopyTo(span[^3..]);
        });
    }

    /// <summary>
    /// <c>Nguyễn Văn An</c> → <c>N***** V** A*</c>: the first letter of each word, every further letter starred.
    /// Letters are counted as text elements, so a name typed with combining marks masks the same as its NFC form.
    /// </summary>
    public static string? MaskName(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return value;
        }

        var words = value.Normalize(NormalizationForm.FormC).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var builder = new StringBuilder(value.Length);
        foreach (var word in words)
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            var elements = new StringInfo(word);
            builder.Append(elements.SubstringByTextElements(0, 1));
            builder.Append(MaskChar, elements.LengthInTextElements - 1);
        }

        return builder.ToString();
    }

    /// <summary>
    /// A date of birth as typed (any format) → <c>**/**/1990</c>: only a four-digit year is kept; text without one is
    /// starred completely, since it may be anything the sender typed.
    /// </summary>
    public static string? MaskDateOfBirth(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return value;
        }

        var year = FindYear(value);
        return year is null ? "**/**/****" : $"**/**/{year}";
    }

    /// <summary>A registry date of birth → <c>**/**/1990</c>.</summary>
    public static string MaskDateOfBirth(DateOnly value) => $"**/**/{value.Year.ToString("D4", CultureInfo.InvariantCulture)}";

    /// <summary>The first run of exactly four digits (the year in dd/MM/yyyy, yyyy-MM-dd or yyyy).</summary>
    private static string? FindYear(string value)
    {
        var run = 0;
        for (var i = 0; i <= value.Length; i++)
        {
            if (i < value.Length && char.IsAsciiDigit(value[i]))
            {
                run++;
                continue;
            }

            if (run == 4)
            {
                return value.Substring(i - 4, 4);
            }

            run = 0;
        }

        return null;
    }
}
