using System.Globalization;
using System.Reflection;

namespace Dakla06.People;

public enum IdNumberStatus
{
    Missing,
    Malformed,
    WellFormed,
}

/// <summary>
/// What the 12-digit personal ID number says about itself. For <see cref="IdNumberStatus.WellFormed"/>: the place code
/// (digits 1–3), the gender and the birth year (century from digit 4 + digits 5–6). For
/// <see cref="IdNumberStatus.Malformed"/>: a Vietnamese reason.
/// </summary>
public readonly record struct IdNumberCheck(IdNumberStatus Status, string? Reason, string? PlaceCode, Gender Gender, int BirthYear)
{
    public bool IsWellFormed => Status == IdNumberStatus.WellFormed;

    /// <summary>
    /// Whether a well-formed number agrees with the person it is given for: digit 4 (century and gender) and digits
    /// 5–6 (birth year) against the date of birth and the gender.
    /// </summary>
    public bool AgreesWith(DateOnly dateOfBirth, Gender gender) =>
        IsWellFormed && BirthYear == dateOfBirth.Year && Gender == gender;
}

/// <summary>
/// Rules of the 12-digit personal ID number (Nghị định 137/2015, TT 07/2016 and TT 59/2021; see
/// shared/data/README.md): place code of birth registration, century-and-sex digit, two-digit birth year, 6-digit
/// serial. No check digit exists, so a mistyped digit can only be caught by these rules or by the registry.
/// </summary>
public static class IdNumbers
{
    public const int Length = 12;

    public const string ReasonLength = "Số định danh phải gồm đúng 12 chữ số";
    public const string ReasonPlaceCode = "Mã tỉnh nơi đăng ký khai sinh (3 chữ số đầu) không tồn tại";
    public const string ReasonCentury = "Mã thế kỷ (chữ số thứ 4) cho năm sinh chưa tới";

    private static readonly bool[] KnownPlaceCodes = LoadPlaceCodes();
    private static readonly string[] PlaceCodeTexts = [.. Enumerable.Range(0, 1000).Select(code => code.ToString("D3", CultureInfo.InvariantCulture))];

    /// <summary>The 63 province codes of the embedded <c>cccd-place-codes.csv</c>.</summary>
    public static int PlaceCodeCount { get; } = KnownPlaceCodes.Count(known => known);

    public static bool IsKnownPlaceCode(string? code) =>
        code is { Length: 3 } && AllDigits(code) && KnownPlaceCodes[ThreeDigits(code, 0)];

    /// <summary>
    /// Checks the structure; <paramref name="currentYear"/> is this year in Vietnam (a century digit is impossible
    /// when it puts the birth in the future).
    /// </summary>
    public static IdNumberCheck Check(string? raw, int currentYear)
    {
        var text = raw.AsSpan().Trim();
        if (text.IsEmpty)
        {
            return new IdNumberCheck(IdNumberStatus.Missing, null, null, default, 0);
        }

        if (text.Length != Length || !AllDigits(text))
        {
            return new IdNumberCheck(IdNumberStatus.Malformed, ReasonLength, null, default, 0);
        }

        var place = ThreeDigits(text, 0);
        if (!KnownPlaceCodes[place])
        {
            return new IdNumberCheck(IdNumberStatus.Malformed, ReasonPlaceCode, null, default, 0);
        }

        var centuryDigit = text[3] - '0';
        var year = 1900 + (100 * (centuryDigit / 2)) + ((text[4] - '0') * 10) + (text[5] - '0');
        if (year > currentYear)
        {
            return new IdNumberCheck(IdNumberStatus.Malformed, ReasonCentury, null, default, 0);
        }

        return new IdNumberCheck(IdNumberStatus.WellFormed, null, PlaceCodeText(place), centuryDigit % 2 == 0 ? Gender.Male : Gender.Female, year);
    }

    /// <summary>Builds the number the registry would issue (for the generator and tests).</summary>
    public static string Compose(string placeCode, Gender gender, int birthYear, int serial)
    {
        if (!IsKnownPlaceCode(placeCode))
        {
            throw new ArgumentException($"Unknown place code '{placeCode}'.", nameof(placeCode));
        }

        if (birthYear is < 1900 or > 2399)
        {
            throw new ArgumentOutOfRangeException(nameof(birthYear), birthYear, "The ID number encodes years 1900–2399 only.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(serial);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(serial, 999_999);

        var centuryDigit = (((birthYear - 1900) / 100) * 2) + (gender == Gender.Female ? 1 : 0);
        return string.Create(CultureInfo.InvariantCulture, $"{placeCode}{centuryDigit}{birthYear % 100:D2}{serial:D6}");
    }

    /// <summary>The 12 digits as a number (the snapshot's compact key); false for anything else.</summary>
    public static bool TryGetKey(ReadOnlySpan<char> text, out long key)
    {
        key = 0;
        if (text.Length != Length)
        {
            return false;
        }

        for (var i = 0; i < Length; i++)
        {
            var digit = text[i] - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            key = (key * 10) + digit;
        }

        return true;
    }

    public static string FromKey(long key) => key.ToString("D12", CultureInfo.InvariantCulture);

    /// <summary>Whether 12 digits could be an issued number at all (known place code, a past birth year): prunes the near-number search.</summary>
    public static bool IsPlausible(ReadOnlySpan<char> digits, int currentYear) =>
        KnownPlaceCodes[ThreeDigits(digits, 0)]
        && 1900 + (100 * ((digits[3] - '0') / 2)) + ((digits[4] - '0') * 10) + (digits[5] - '0') <= currentYear;

    public static bool AllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static int ThreeDigits(ReadOnlySpan<char> text, int start) =>
        ((text[start] - '0') * 100) + ((text[start + 1] - '0') * 10) + (text[start + 2] - '0');

    private static string PlaceCodeText(int place) => PlaceCodeTexts[place];

    private static bool[] LoadPlaceCodes()
    {
        var known = new bool[1000];
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Dakla06.People.cccd-place-codes.csv")
            ?? throw new InvalidOperationException("The embedded cccd-place-codes.csv is missing from the Dakla06.People assembly.");
        using var reader = new StreamReader(stream);
        reader.ReadLine(); // header: code,province_name
        while (reader.ReadLine() is { } line)
        {
            var code = line.AsSpan(0, Math.Max(0, line.IndexOf(',', StringComparison.Ordinal)));
            if (code.Length == 3 && AllDigits(code))
            {
                known[ThreeDigits(code, 0)] = true;
            }
        }

        return known;
    }
}
