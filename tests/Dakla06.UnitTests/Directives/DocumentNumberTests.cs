using Dakla06.Directives.Domain;

namespace Dakla06.UnitTests.Directives;

public class DocumentNumberTests
{
    [Theory]
    [InlineData("plan", "42/KH-UBND")]
    [InlineData("decision", "1234/QĐ-UBND")]
    [InlineData("notice", "06/TB-UBND")]
    [InlineData("report", "15/BC-BCĐ")]
    [InlineData("official-letter", "3456/UBND-NC")]
    [InlineData("official-letter", "789/CAT-PC06")]
    [InlineData("telegram", "12/ĐM-CAT")]
    public void Accepts_numbers_written_the_official_way(string type, string number) =>
        Assert.Null(DocumentNumber.Validate(DocumentType.Find(type)!, number));

    [Theory]
    [InlineData("plan", "42/QĐ-UBND")]    // a plan's symbol starts with KH
    [InlineData("decision", "42/KH-UBND")]
    [InlineData("official-letter", "42/KH-UBND")] // a letter carries no type abbreviation
    [InlineData("plan", "42KH-UBND")]     // no slash
    [InlineData("plan", "42/KH")]         // no issuer
    [InlineData("plan", "0/KH-UBND")]     // sequence must be positive
    [InlineData("plan", "/KH-UBND")]
    [InlineData("plan", "42/KH-UBND-")]
    public void Rejects_numbers_that_break_the_rules(string type, string number) =>
        Assert.NotNull(DocumentNumber.Validate(DocumentType.Find(type)!, number));

    [Theory]
    [InlineData(" 42 / kh - ubnd ", "42/KH-UBND")]
    [InlineData("15/qđ-ubnd", "15/QĐ-UBND")]
    public void Normalises_spacing_and_case_before_validating(string typed, string expected) =>
        Assert.Equal(expected, DocumentNumber.Normalize(typed));

    [Fact]
    public void Normalises_decomposed_unicode_so_the_same_number_is_one_number()
    {
        var decomposed = "15/QĐ-UBND".Normalize(System.Text.NormalizationForm.FormD);
        Assert.Equal("15/QĐ-UBND", DocumentNumber.Normalize(decomposed));
    }
}
