using System.Text;
using Dakla06.Cleansing.Domain;
using Dakla06.ServiceDefaults.Security;

namespace Dakla06.UnitTests.Cleansing;

public sealed class PersonalDataTests
{
    [Theory]
    [InlineData("066190001234", "066******234")]
    [InlineData(" 066190001234 ", "066******234")]
    [InlineData("123456789", "123***789")]
    [InlineData("12345", "*****")]
    [InlineData("123456", "******")] // six characters would be shown whole by keeping three at each end
    [InlineData("1234567", "123*567")]
    [InlineData("", "")]
    [InlineData(null, null)]
    public void Id_numbers_keep_the_first_and_last_three(string? value, string? expected) =>
        Assert.Equal(expected, PersonalData.MaskIdNumber(value));

    [Theory]
    [InlineData("Nguyễn Văn An", "N***** V** A*")]
    [InlineData("Trần  Thị Bình ", "T*** T** B***")]
    [InlineData("H' Hen Niê", "H* H** N**")]
    [InlineData("Y Moan Ênuôl", "Y M*** Ê****")]
    [InlineData("   ", "   ")]
    [InlineData(null, null)]
    public void Names_keep_the_first_letter_of_each_word(string? value, string? expected) =>
        Assert.Equal(expected, PersonalData.MaskName(value));

    [Fact]
    public void A_name_typed_with_combining_marks_masks_like_its_composed_form()
    {
        var decomposed = "Nguyễn Văn An".Normalize(NormalizationForm.FormD);
        Assert.NotEqual("Nguyễn Văn An", decomposed);
        Assert.Equal("N***** V** A*", PersonalData.MaskName(decomposed));
        Assert.Equal("Ê****", PersonalData.MaskName("Ênuôl".Normalize(NormalizationForm.FormD)));
    }

    [Theory]
    [InlineData("12/05/1990", "**/**/1990")]
    [InlineData("1990-05-12", "**/**/1990")]
    [InlineData("1990", "**/**/1990")]
    [InlineData("5/1/1990", "**/**/1990")]
    [InlineData("12/05/90", "**/**/****")]
    [InlineData("không rõ", "**/**/****")]
    [InlineData("123456789", "**/**/****")]
    [InlineData(null, null)]
    public void Dates_of_birth_keep_only_the_year(string? value, string? expected) =>
        Assert.Equal(expected, PersonalData.MaskDateOfBirth(value));

    [Fact]
    public void Registry_dates_keep_the_year() =>
        Assert.Equal("**/**/1950", PersonalData.MaskDateOfBirth(new DateOnly(1950, 1, 1)));
}
