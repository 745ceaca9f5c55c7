using Dakla06.People;

namespace Dakla06.UnitTests.People;

public class IdNumbersTests
{
    private const int CurrentYear = 2026;

    [Theory]
    [InlineData('0', IdNumberStatus.WellFormed, Gender.Male, 1990)]
    [InlineData('1', IdNumberStatus.WellFormed, Gender.Female, 1990)]
    [InlineData('2', IdNumberStatus.Malformed, Gender.Male, 0)] // 2090: not born yet
    [InlineData('3', IdNumberStatus.Malformed, Gender.Female, 0)]
    [InlineData('4', IdNumberStatus.Malformed, Gender.Male, 0)] // 2190
    [InlineData('5', IdNumberStatus.Malformed, Gender.Male, 0)]
    [InlineData('6', IdNumberStatus.Malformed, Gender.Male, 0)] // 2290
    [InlineData('7', IdNumberStatus.Malformed, Gender.Male, 0)]
    [InlineData('8', IdNumberStatus.Malformed, Gender.Male, 0)] // 2390
    [InlineData('9', IdNumberStatus.Malformed, Gender.Male, 0)]
    public void Every_century_digit_with_year_90(char centuryDigit, IdNumberStatus status, Gender gender, int year)
    {
        var check = IdNumbers.Check($"066{centuryDigit}90001234", CurrentYear);
        Assert.Equal(status, check.Status);
        if (status == IdNumberStatus.WellFormed)
        {
            Assert.Equal(gender, check.Gender);
            Assert.Equal(year, check.BirthYear);
            Assert.Equal("066", check.PlaceCode);
        }
        else
        {
            Assert.Equal(IdNumbers.ReasonCentury, check.Reason);
        }
    }

    [Theory]
    [InlineData("066090001234", "1990-05-17", Gender.Male, true)]
    [InlineData("066190001234", "1990-05-17", Gender.Female, true)]
    [InlineData("066090001234", "1991-05-17", Gender.Male, false)] // digits 5–6 say 1990
    [InlineData("066090001234", "1990-05-17", Gender.Female, false)] // digit 4 says a man born 1900–1999
    [InlineData("066290001234", "1990-05-17", Gender.Male, false)] // digit 4 says born 2000–2099: not yet born, malformed
    [InlineData("066204001234", "1904-05-17", Gender.Male, false)] // digit 4 says 2004, not 1904
    [InlineData("06609000123", "1990-05-17", Gender.Male, false)] // malformed never agrees
    public void A_number_agrees_with_the_birth_year_and_gender_it_encodes(string raw, string dateOfBirth, Gender gender, bool agrees) =>
        Assert.Equal(agrees, IdNumbers.Check(raw, CurrentYear).AgreesWith(DateOnly.Parse(dateOfBirth, System.Globalization.CultureInfo.InvariantCulture), gender));

    [Theory]
    [InlineData("066200001234", Gender.Male, 2000)]
    [InlineData("066326001234", Gender.Female, 2026)] // born this year
    [InlineData("001099000001", Gender.Male, 1999)]
    [InlineData("096100000001", Gender.Female, 1900)] // Cà Mau, the last code
    public void Well_formed_numbers_tell_place_gender_and_year(string raw, Gender gender, int year)
    {
        var check = IdNumbers.Check(raw, CurrentYear);
        Assert.True(check.IsWellFormed);
        Assert.Equal(gender, check.Gender);
        Assert.Equal(year, check.BirthYear);
        Assert.Equal(raw[..3], check.PlaceCode);
    }

    [Theory]
    [InlineData("066227001234")] // 2027
    [InlineData("066399001234")] // 2099
    [InlineData("066400001234")] // 2100
    [InlineData("066900001234")] // 2300
    public void A_birth_year_after_this_year_is_an_impossible_century(string raw) =>
        Assert.Equal(IdNumbers.ReasonCentury, IdNumbers.Check(raw, CurrentYear).Reason);

    [Theory]
    [InlineData("000190001234")]
    [InlineData("003190001234")] // gaps in the list: 003, 005, 007, 009 …
    [InlineData("005190001234")]
    [InlineData("013190001234")]
    [InlineData("097190001234")] // after 096
    [InlineData("100190001234")]
    [InlineData("999190001234")]
    public void Unknown_place_codes_are_malformed(string raw)
    {
        var check = IdNumbers.Check(raw, CurrentYear);
        Assert.Equal(IdNumberStatus.Malformed, check.Status);
        Assert.Equal(IdNumbers.ReasonPlaceCode, check.Reason);
    }

    [Theory]
    [InlineData("06619000123")] // 11 digits
    [InlineData("0661900012345")] // 13 digits
    [InlineData("066190001")]
    [InlineData("241234567")] // an old 9-digit CMND
    [InlineData("06619000123A")]
    [InlineData("066 19000123")]
    [InlineData("066-190-001-234")]
    [InlineData("０６６１９０００１２３４")] // full-width digits
    [InlineData("066190001234.0")]
    public void Not_twelve_ascii_digits_is_malformed(string raw)
    {
        var check = IdNumbers.Check(raw, CurrentYear);
        Assert.Equal(IdNumberStatus.Malformed, check.Status);
        Assert.Equal(IdNumbers.ReasonLength, check.Reason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t")]
    public void Blank_is_missing(string? raw) => Assert.Equal(IdNumberStatus.Missing, IdNumbers.Check(raw, CurrentYear).Status);

    [Fact]
    public void Surrounding_spaces_are_ignored() => Assert.True(IdNumbers.Check(" 066190001234 ", CurrentYear).IsWellFormed);

    [Fact]
    public void The_sixty_three_place_codes_are_embedded() => Assert.Equal(63, IdNumbers.PlaceCodeCount);

    [Theory]
    [InlineData("066", Gender.Male, 1990, 1234, "066090001234")]
    [InlineData("066", Gender.Female, 1990, 1234, "066190001234")]
    [InlineData("001", Gender.Male, 2005, 999999, "001205999999")]
    [InlineData("079", Gender.Female, 2001, 0, "079301000000")]
    [InlineData("038", Gender.Male, 2100, 7, "038400000007")]
    [InlineData("038", Gender.Female, 2399, 7, "038999000007")]
    public void Compose_writes_what_Check_reads(string place, Gender gender, int year, int serial, string expected)
    {
        var number = IdNumbers.Compose(place, gender, year, serial);
        Assert.Equal(expected, number);
        var check = IdNumbers.Check(number, 2400);
        Assert.True(check.IsWellFormed);
        Assert.Equal((place, gender, year), (check.PlaceCode, check.Gender, check.BirthYear));
    }

    [Fact]
    public void Compose_refuses_what_cannot_be_issued()
    {
        Assert.Throws<ArgumentException>(() => IdNumbers.Compose("003", Gender.Male, 1990, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => IdNumbers.Compose("066", Gender.Male, 1899, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => IdNumbers.Compose("066", Gender.Male, 1990, 1_000_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => IdNumbers.Compose("066", Gender.Male, 1990, -1));
    }

    [Theory]
    [InlineData("066", true)]
    [InlineData("001", true)]
    [InlineData("003", false)]
    [InlineData("66", false)]
    [InlineData("0066", false)]
    [InlineData("06a", false)]
    [InlineData(null, false)]
    public void Place_codes_are_three_digits_from_the_list(string? code, bool known) =>
        Assert.Equal(known, IdNumbers.IsKnownPlaceCode(code));

    [Fact]
    public void Twelve_digits_make_a_numeric_key_and_back()
    {
        Assert.True(IdNumbers.TryGetKey("066190001234", out var key));
        Assert.Equal(66_190_001_234L, key);
        Assert.Equal("066190001234", IdNumbers.FromKey(key));
        Assert.True(IdNumbers.TryGetKey("999999999999", out var largest));
        Assert.Equal(999_999_999_999L, largest);
    }

    [Theory]
    [InlineData("06619000123")]
    [InlineData("0661900012345")]
    [InlineData("06619000123A")]
    [InlineData("066/90001234")] // '/' is just below '0'
    [InlineData("066:90001234")] // ':' is just above '9'
    public void Anything_but_twelve_ascii_digits_has_no_key(string text) =>
        Assert.False(IdNumbers.TryGetKey(text, out _));
}
