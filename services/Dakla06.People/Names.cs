using System.Globalization;
using System.Text;

namespace Dakla06.People;

/// <summary>
/// Two ways to compare names. <see cref="Normalize"/> is the exact comparison (Unicode NFC, so "Nguyễn" typed with
/// combining marks equals the precomposed one; trimmed; single spaces; typographic apostrophes as ASCII).
/// <see cref="Fold"/> is the fuzzy one used for suggestions: diacritics removed, đ→d, lower case, apostrophes,
/// hyphens and spaces collapsed to one space ("H’ Hen Niê" and "H'Hen Niê" → "h hen nie").
/// </summary>
public static class Names
{
    /// <summary>Longest name (in characters) the engine folds; longer input is cut (no real name comes near it).</summary>
    public const int MaxLength = 256;

    // One table for the whole BMP range that names use: folded character, or 0 = drop (combining mark),
    // or ' ' = separator. Built once from the framework's own decomposition so no hand-written map can miss a letter.
    private static readonly char[] FoldTable = BuildFoldTable();

    public static string Normalize(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return string.Empty;
        }

        var text = IsPlainlyComposed(name) || name.IsNormalized(NormalizationForm.FormC) ? name : name.Normalize(NormalizationForm.FormC);
        if (IsTidy(text))
        {
            return text; // the common case (registry names, clean records): no copy
        }

        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(IsApostrophe(c) ? '\'' : c);
        }

        return builder.ToString();
    }

    public static string Fold(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return string.Empty;
        }

        Span<char> buffer = stackalloc char[MaxLength];
        var length = Fold(name, buffer);
        return new string(buffer[..length]);
    }

    /// <summary>Folds into <paramref name="destination"/> without allocating; returns the folded length.</summary>
    public static int Fold(ReadOnlySpan<char> name, Span<char> destination)
    {
        var length = 0;
        var pendingSpace = false;
        foreach (var c in name)
        {
            var folded = c < FoldTable.Length ? FoldTable[c] : char.ToLowerInvariant(c);
            if (folded == '\0')
            {
                continue;
            }

            if (folded == ' ')
            {
                pendingSpace = length > 0;
                continue;
            }

            if (pendingSpace)
            {
                if (length >= destination.Length)
                {
                    break;
                }

                destination[length++] = ' ';
                pendingSpace = false;
            }

            if (length >= destination.Length)
            {
                break;
            }

            destination[length++] = folded;
        }

        return length;
    }

    /// <summary>
    /// Without combining marks (U+0300 up) nothing can compose, and the letters below U+0300 and the precomposed
    /// Vietnamese letters (U+1E00–U+1EFF) are already NFC: the usual name skips the normaliser (2.1M at startup).
    /// </summary>
    private static bool IsPlainlyComposed(string text)
    {
        foreach (var c in text)
        {
            if (c >= '\u0300' && c is < '\u1E00' or > '\u1EFF' && !IsApostrophe(c) && c != '\u00A0')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsTidy(string text)
    {
        if (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))
        {
            return false;
        }

        var previousSpace = false;
        foreach (var c in text)
        {
            if (c == ' ')
            {
                if (previousSpace)
                {
                    return false;
                }

                previousSpace = true;
                continue;
            }

            if ((char.IsWhiteSpace(c) || IsApostrophe(c)) && c != '\'')
            {
                return false;
            }

            previousSpace = false;
        }

        return true;
    }

    internal static bool IsApostrophe(char c) => c is '\'' or '\u2019' or '\u2018' or '\u02BC' or '`' or '\u00B4' or '\u2032';

    private static char[] BuildFoldTable()
    {
        var table = new char[0x2100];
        for (var i = 0; i < table.Length; i++)
        {
            var c = (char)i;
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.Format)
            {
                table[i] = '\0';
            }
            else if (char.IsLetterOrDigit(c))
            {
                var decomposed = char.IsSurrogate(c) ? c.ToString() : c.ToString().Normalize(NormalizationForm.FormD);
                table[i] = char.ToLowerInvariant(decomposed[0]);
            }
            else
            {
                // Spaces, apostrophes (’ ' ʼ), hyphens, dots, commas: all one separator.
                table[i] = ' ';
            }
        }

        foreach (var apostrophe in "'\u2019\u2018\u02BC`\u00B4\u2032")
        {
            table[apostrophe] = ' ';
        }

        table['đ'] = 'd';
        table['Đ'] = 'd';
        table['ð'] = 'd';
        table['Ð'] = 'd';
        table['ı'] = 'i';
        return table;
    }
}
