using System.Globalization;

namespace Dakla06.People;

/// <summary>A date of birth as a record gives it: full, or the year only (older records often know no more).</summary>
public readonly record struct PartialDate(int Year, int? Month, int? Day)
{
    public bool IsFull => Month.HasValue && Day.HasValue;

    public DateOnly? ToDateOnly() => IsFull ? new DateOnly(Year, Month!.Value, Day!.Value) : null;

    public static PartialDate From(DateOnly date) => new(date.Year, date.Month, date.Day);

    /// <summary>dd/MM/yyyy, or yyyy for a year only — how Vietnamese pages write it.</summary>
    public override string ToString() => IsFull
        ? string.Create(CultureInfo.InvariantCulture, $"{Day:D2}/{Month:D2}/{Year:D4}")
        : Year.ToString("D4", CultureInfo.InvariantCulture);
}

public static class BirthDates
{
    public const int MinYear = 1800;
    public const int MaxYear = 2399;

    /// <summary>
    /// Accepts dd/MM/yyyy and d/M/yyyy (also with '-' or '.'), yyyy-MM-dd and yyyy; anything else, or a day that does
    /// not exist (31/02/2000), is null.
    /// </summary>
    public static PartialDate? TryParse(string? text) => TryParse(text.AsSpan());

    public static PartialDate? TryParse(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text.Length == 4)
        {
            return ReadNumber(text, out var yearOnly) && yearOnly is >= MinYear and <= MaxYear ? new PartialDate(yearOnly, null, null) : null;
        }

        if (text.Length is < 8 or > 10)
        {
            return null;
        }

        int year, month, day;
        if (text.Length == 10 && text[4] == '-' && text[7] == '-')
        {
            // ISO yyyy-MM-dd
            if (!ReadNumber(text[..4], out year) || !ReadNumber(text.Slice(5, 2), out month) || !ReadNumber(text.Slice(8, 2), out day))
            {
                return null;
            }
        }
        else
        {
            // d/M/yyyy with one separator kind
            var separator = text[^5];
            if (separator is not ('/' or '-' or '.'))
            {
                return null;
            }

            var head = text[..^5];
            var split = head.IndexOf(separator);
            if (split is < 1 or > 2 || head.Length - split - 1 is < 1 or > 2
                || !ReadNumber(head[..split], out day) || !ReadNumber(head[(split + 1)..], out month) || !ReadNumber(text[^4..], out year))
            {
                return null;
            }
        }

        if (year is < MinYear or > MaxYear || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return null;
        }

        return new PartialDate(year, month, day);
    }

    private static bool ReadNumber(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        if (digits.IsEmpty)
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
