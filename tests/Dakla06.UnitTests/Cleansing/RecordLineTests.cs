using Dakla06.Cleansing.Domain;

namespace Dakla06.UnitTests.Cleansing;

/// <summary>The stored form of a record's values: whatever a file held must come back value for value.</summary>
public sealed class RecordLineTests
{
    public static TheoryData<string[], string> Lines => new()
    {
        { ["Nguyễn Văn A", "01/02/1990", "Nam", "066090000001"], "Nguyễn Văn A,01/02/1990,Nam,066090000001" },
        { ["", "", ""], ",," },
        { ["H' Hen Niê", "1990"], "H' Hen Niê,1990" },
        { ["Lê, Thị B", "x"], "\"Lê, Thị B\",x" },
        { ["nói \"xin chào\"", "y"], "\"nói \"\"xin chào\"\"\",y" },
        { ["dòng 1\ndòng 2", "z"], "\"dòng 1\ndòng 2\",z" },
        { ["\"", ","], "\"\"\"\",\",\"" },
        { ["chỉ một giá trị"], "chỉ một giá trị" },
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void Joins_as_RFC_4180_and_splits_back(string[] values, string line)
    {
        Assert.Equal(line, RecordLine.Join(values));
        Assert.Equal(values, RecordLine.Split(line));
    }

    [Fact]
    public void A_missing_value_reads_back_as_empty()
    {
        var line = RecordLine.Join(["a", null, "c"]);

        Assert.Equal("a,,c", line);
        Assert.Equal(["a", "", "c"], RecordLine.Split(line));
    }
}
