using System.Text;
using Dakla06.People;

namespace Dakla06.UnitTests.People;

public class NamesTests
{
    [Theory]
    [InlineData("Nguyễn Văn An", "nguyen van an")]
    [InlineData("NGUYỄN VĂN AN", "nguyen van an")]
    [InlineData("Đặng Thị Đào", "dang thi dao")]
    [InlineData("đỗ đức độ", "do duc do")]
    [InlineData("Trần   Thị\tHằng ", "tran thi hang")]
    [InlineData("Huỳnh Ngọc Ánh", "huynh ngoc anh")]
    [InlineData("Phạm Thị Mỹ Ưng", "pham thi my ung")]
    [InlineData("Hồ Sĩ Dũng", "ho si dung")]
    [InlineData("Ông Ích Khiêm", "ong ich khiem")]
    [InlineData("H' Hen Niê", "h hen nie")]
    [InlineData("H’ Hen Niê", "h hen nie")] // typographic apostrophe
    [InlineData("H'Hen Niê", "h hen nie")]
    [InlineData("H ' Hen  Niê", "h hen nie")]
    [InlineData("Y Moan Ênuôl", "y moan enuol")]
    [InlineData("Y-Moan Ênuôl", "y moan enuol")]
    [InlineData("Ksơr H' Ban", "ksor h ban")]
    [InlineData("M'nông", "m nong")]
    [InlineData("Buôn Yă", "buon ya")]
    [InlineData("Adrơng", "adrong")]
    [InlineData("", "")]
    [InlineData("   ", "")]
    public void Fold_removes_diacritics_case_and_separators(string name, string folded) =>
        Assert.Equal(folded, Names.Fold(name));

    [Theory]
    [InlineData("Nguyễn Văn An")]
    [InlineData("Đặng Thị Đào")]
    [InlineData("H' Hen Niê")]
    [InlineData("Y Moan Ênuôl")]
    [InlineData("Ksơr Thị Ứng")]
    public void Decomposed_input_folds_and_normalises_like_the_precomposed_name(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormD);
        Assert.NotEqual(name, decomposed); // really typed with combining marks
        Assert.Equal(Names.Fold(name), Names.Fold(decomposed));
        Assert.Equal(name, Names.Normalize(decomposed));
    }

    [Theory]
    [InlineData("  Nguyễn   Văn  An ", "Nguyễn Văn An")]
    [InlineData("H’ Hen Niê", "H' Hen Niê")]
    [InlineData("H\u02BC Hen Niê", "H' Hen Niê")]
    [InlineData("Lê\u00A0Văn\tTám", "Lê Văn Tám")]
    [InlineData("Nguyễn Văn An", "Nguyễn Văn An")]
    public void Normalize_keeps_diacritics_and_case_but_tidies_spacing_and_apostrophes(string name, string normalized) =>
        Assert.Equal(normalized, Names.Normalize(name));

    [Theory]
    [InlineData("Nguyễn Văn An", "Nguyen Van An")]
    [InlineData("Nguyễn Văn An", "Nguyễn Văn Ân")]
    [InlineData("Nguyễn Văn An", "nguyễn văn an")]
    public void Normalize_is_exact_so_diacritics_and_case_still_differ(string a, string b) =>
        Assert.NotEqual(Names.Normalize(a), Names.Normalize(b));

    [Fact]
    public void Fold_into_a_span_does_not_need_a_string()
    {
        Span<char> buffer = stackalloc char[32];
        var length = Names.Fold("Đinh Thị Ánh", buffer);
        Assert.Equal("dinh thi anh", buffer[..length].ToString());
    }
}

public class BirthDatesTests
{
    [Theory]
    [InlineData("25/12/1990", 1990, 12, 25)]
    [InlineData("5/3/1990", 1990, 3, 5)]
    [InlineData("05/3/1990", 1990, 3, 5)]
    [InlineData("5/03/1990", 1990, 3, 5)]
    [InlineData("1990-12-25", 1990, 12, 25)]
    [InlineData("25-12-1990", 1990, 12, 25)]
    [InlineData("25.12.1990", 1990, 12, 25)]
    [InlineData(" 29/02/2000 ", 2000, 2, 29)]
    [InlineData("01/01/1900", 1900, 1, 1)]
    public void Full_dates(string text, int year, int month, int day) =>
        Assert.Equal(new PartialDate(year, month, day), BirthDates.TryParse(text));

    [Theory]
    [InlineData("1990", 1990)]
    [InlineData(" 1955 ", 1955)]
    public void Year_only(string text, int year)
    {
        var date = BirthDates.TryParse(text);
        Assert.Equal(new PartialDate(year, null, null), date);
        Assert.False(date!.Value.IsFull);
        Assert.Null(date.Value.ToDateOnly());
    }

    [Theory]
    [InlineData("31/02/2000")]
    [InlineData("29/02/1900")] // 1900 was not a leap year
    [InlineData("29/02/2001")]
    [InlineData("31/04/1990")]
    [InlineData("00/01/1990")]
    [InlineData("01/00/1990")]
    [InlineData("01/13/1990")]
    [InlineData("32/01/1990")]
    [InlineData("1990-02-30")]
    [InlineData("1990/12/25")]
    [InlineData("25/12/90")]
    [InlineData("25121990")]
    [InlineData("25/12-1990")]
    [InlineData("25 tháng 12 1990")]
    [InlineData("abcd")]
    [InlineData("199")]
    [InlineData("0999")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_not_a_date(string? text) => Assert.Null(BirthDates.TryParse(text));

    [Fact]
    public void Written_the_Vietnamese_way()
    {
        Assert.Equal("05/03/1990", new PartialDate(1990, 3, 5).ToString());
        Assert.Equal("1990", new PartialDate(1990, null, null).ToString());
    }
}

public class GendersTests
{
    [Theory]
    [InlineData("Nam", Gender.Male)]
    [InlineData("nam", Gender.Male)]
    [InlineData("NAM", Gender.Male)]
    [InlineData(" Nam ", Gender.Male)]
    [InlineData("male", Gender.Male)]
    [InlineData("Male", Gender.Male)]
    [InlineData("M", Gender.Male)]
    [InlineData("m", Gender.Male)]
    [InlineData("Nữ", Gender.Female)]
    [InlineData("nữ", Gender.Female)]
    [InlineData("NỮ", Gender.Female)]
    [InlineData("nu", Gender.Female)]
    [InlineData("Nu", Gender.Female)]
    [InlineData("female", Gender.Female)]
    [InlineData("F", Gender.Female)]
    [InlineData("f", Gender.Female)]
    public void Parses(string text, Gender gender)
    {
        Assert.True(Genders.TryParse(text, out var parsed));
        Assert.Equal(gender, parsed);
        Assert.Equal(gender, Genders.TryParse(text.Normalize(NormalizationForm.FormD)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("1")]
    [InlineData("Nam Nữ")]
    [InlineData("không rõ")]
    public void Rejects(string? text) => Assert.Null(Genders.TryParse(text));

    [Fact]
    public void Codes() => Assert.Equal(("male", "female", "Nam", "Nữ"),
        (Gender.Male.ToCode(), Gender.Female.ToCode(), Gender.Male.ToVietnamese(), Gender.Female.ToVietnamese()));
}
