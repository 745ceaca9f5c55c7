using System.Globalization;
using System.Text;

namespace Dakla06.Cleansing.Domain;

/// <summary>
/// Masking of personal data for callers without <c>pii-reader</c> (issue 5, "Personal data"): the one helper every
/// endpoint uses for ID numbers, names and dates of birth in records, suggestions, downloads and the duplicate list.
/// </summary>
public static class PersonalData
{
    public const char MaskChar = '*';

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
