using Dakla06.Cleansing.Domain;
using Dakla06.People;
using static Dakla06.UnitTests.Cleansing.CleansingTestRegistry;

namespace Dakla06.UnitTests.Cleansing;

public class SuggestionRankingTests
{
    private static readonly BatchColumns Columns = BatchColumns.Canonical;

    private static RecordResult Validate(BatchRow row) => new BatchValidator(Snapshot).Validate(row, Columns);

    // One row per recoverable corruption: the right person must be first, and confident (the only strong candidate)
    // unless the corruption leaves too little (a misspelt name without an ID number).
    public static TheoryData<string, BatchRow, string, string> Corruptions => new()
    {
        { "diacritics dropped", Row(Hoa, name: "Dang Thi Hoa"), Hoa.IdNumber, "Trùng họ tên (bỏ dấu)" },
        { "diacritics dropped, no ID", Row(Hoa, id: "", name: "Dang Thi Hoa"), Hoa.IdNumber, "Trùng họ tên (bỏ dấu)" },
        { "one typo", Row(Duc, name: "Phạm Minh Đước"), Duc.IdNumber, "họ tên sai 1 ký tự" },
        { "one typo, no ID", Row(Duc, id: "", name: "Phạm Mnh Đức"), Duc.IdNumber, "họ tên sai 1 ký tự" },
        { "two letters swapped, no ID", Row(Hoa, id: "", name: "Đặng Thị Hao"), Hoa.IdNumber, "họ tên sai 1 ký tự" },
        { "one diacritic wrong", Row(Hoa, name: "Đặng Thị Hòa"), Hoa.IdNumber, "họ tên sai dấu" },
        { "swapped name order", Row(Duc, id: "", name: "Minh Đức Phạm"), Duc.IdNumber, "Trùng họ tên (đảo thứ tự)" },
        { "Ê Đê name order", Row(Hen, id: "", name: "Niê H' Hen"), Hen.IdNumber, "Trùng họ tên (đảo thứ tự)" },
        { "ethnic prefix dropped", Row(Hen, id: "", name: "Hen Niê"), Hen.IdNumber, "khác tiền tố Y/H'" },
        { "ethnic prefix glued", Row(Moan, id: "", name: "Y-Moan Ênuôl"), Moan.IdNumber, "Trùng họ tên (khác cách viết)" },
        { "other case and apostrophe", Row(Hen, id: "", name: "h’hen NIÊ"), Hen.IdNumber, "Trùng họ tên (khác cách viết)" },
        { "apostrophe and diacritics", Row(Hen, id: "", name: "H’Hen Nie"), Hen.IdNumber, "Trùng họ tên (bỏ dấu)" },
        { "day and month swapped", Row(Duc, dob: "10/11/2001"), Duc.IdNumber, "ngày sinh đảo ngày/tháng" },
        { "day and month swapped, no ID", Row(Duc, id: "", dob: "10/11/2001"), Duc.IdNumber, "ngày sinh đảo ngày/tháng" },
        { "month/day/year, no ID", Row(Binh, id: "", dob: "12/25/1985"), Binh.IdNumber, "ngày sinh đảo ngày/tháng" },
        { "year only", Row(Moan, dob: "1965"), Moan.IdNumber, "cùng năm sinh (hồ sơ chỉ có năm)" },
        { "year only, no ID", Row(Duc, id: "", dob: "2001"), Duc.IdNumber, "cùng năm sinh (hồ sơ chỉ có năm)" },
        { "wrong gender", Row(Binh, gender: "Nam"), Binh.IdNumber, "khác giới tính" },
        { "wrong gender, no ID", Row(Hoa, id: "", gender: "Nam"), Hoa.IdNumber, "khác giới tính" },
        { "missing ID", Row(Moan, id: ""), Moan.IdNumber, "Trùng họ tên, trùng ngày sinh" },
        { "missing ID, no commune", Row(Duc, id: "", commune: ""), Duc.IdNumber, "Trùng họ tên, trùng ngày sinh" },
        { "malformed ID (a digit dropped)", Row(Binh, id: "06618500002"), Binh.IdNumber, "số định danh gần giống" },
        { "malformed ID (letter O)", Row(Binh, id: "O66185000002"), Binh.IdNumber, "Trùng họ tên" },
        { "one digit wrong (not found)", Row(Moan, id: "066065000009"), Moan.IdNumber, "số định danh gần giống" },
        { "digits swapped (not found)", Row(Moan, id: "066065000040"), Moan.IdNumber, "số định danh gần giống" },
        { "someone else's ID", Row(Hoa, id: Duc.IdNumber), Hoa.IdNumber, "Trùng họ tên, trùng ngày sinh" },
        { "a deceased person's record", Row(Cuong), Cuong.IdNumber, "đã mất" },
    };

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void The_right_person_comes_first_and_confident(string why, BatchRow row, string expected, string reasonPart)
    {
        var result = Validate(row);
        Assert.NotEqual(RecordClasses.Matched, result.Class);
        Assert.True(result.Suggestions.Count is >= 1 and <= Suggestion.MaxSuggestions, why);
        var best = result.Suggestions[0];
        Assert.True(expected == best.IdNumber, $"{why}: got {best.FullName} {best.DateOfBirth} ({best.Score}, {best.Reason})");
        var confidentExpected = !why.Contains("no ID", StringComparison.Ordinal) || !reasonPart.Contains("sai", StringComparison.Ordinal);
        Assert.True(confidentExpected == best.Confident, $"{why}: confident {best.Confident} ({best.Score}, {best.Reason})");
        Assert.InRange(best.Score, confidentExpected ? Suggestion.ConfidentScore : 60, 100);
        Assert.Contains(reasonPart, best.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.All(result.Suggestions.Skip(1), other =>
        {
            Assert.False(other.Confident);
            Assert.True(other.Score <= best.Score);
        });
    }

    [Fact]
    public void A_suggestion_carries_the_registry_values()
    {
        var best = Validate(Row(Hen, id: "", name: "Hen Nie")).Suggestions[0];
        Assert.Equal((Hen.IdNumber, "H' Hen Niê", Hen.DateOfBirth, Gender.Female, "24133", false),
            (best.IdNumber, best.FullName, best.DateOfBirth, best.Gender, best.CommuneCode, best.Deceased));
        Assert.True(Validate(Row(Cuong, id: "")).Suggestions[0].Deceased);
    }

    [Fact]
    public void Twins_are_both_strong_so_neither_is_confident()
    {
        var result = Validate(Row(Twin1, id: ""));
        Assert.Equal([Twin1.IdNumber, Twin2.IdNumber], result.Suggestions.Take(2).Select(s => s.IdNumber).Order());
        Assert.All(result.Suggestions, s => Assert.False(s.Confident));
        Assert.Equal(result.Suggestions[0].Score, result.Suggestions[1].Score);
    }

    [Fact]
    public void Without_diacritics_two_namesakes_are_equally_likely()
    {
        // "Nguyen Van An" is Nguyễn Văn An or Nguyễn Văn Ân, both born that day in that commune.
        var result = Validate(Row(An, id: "", name: "Nguyen Van An"));
        Assert.Contains(An.IdNumber, result.Suggestions.Take(2).Select(s => s.IdNumber));
        Assert.False(result.Suggestions[0].Confident);
        // with the diacritics the exact name wins
        var exact = Validate(Row(An, id: ""));
        Assert.Equal(An.IdNumber, exact.Suggestions[0].IdNumber);
        Assert.True(exact.Suggestions[0].Confident);
    }

    [Fact]
    public void Nobody_close_means_no_suggestions()
    {
        Assert.Empty(Validate(BatchRow.FromFields(2, "", "Zzz Qqq", "01/01/1901", "Nam", null)).Suggestions);
        Assert.Empty(Validate(BatchRow.FromFields(2, "", "", "", "", null)).Suggestions);
    }

    [Fact]
    public void Scores_fall_with_the_damage()
    {
        var perfect = Validate(Row(Duc, id: "")).Suggestions[0].Score;
        var folded = Validate(Row(Duc, id: "", name: "Pham Minh Duc")).Suggestions[0].Score;
        var typo = Validate(Row(Duc, id: "", name: "Pham Minh Dux")).Suggestions[0].Score;
        var swapped = Validate(Row(Duc, id: "", dob: "10/11/2001")).Suggestions[0].Score;
        Assert.True(perfect > folded && folded > typo, $"{perfect} {folded} {typo}");
        Assert.True(perfect > swapped);
    }

    [Fact]
    public void Suggestions_are_the_same_from_many_threads()
    {
        var rows = Enumerable.Range(0, 400).Select(i => (i % 4) switch
        {
            0 => Row(Hoa, id: "", name: "Dang Thi Hoa"),
            1 => Row(Duc, id: "", dob: "10/11/2001"),
            2 => Row(Hen, id: "", name: "Hen Niê"),
            _ => Row(Moan, id: "066065000009"),
        }).ToArray();
        var validator = new BatchValidator(Snapshot);
        var classified = rows.Select(row => validator.Validate(row, Columns, withSuggestions: false)).ToArray();
        var sequential = rows.Select((row, i) => validator.Suggest(row, Columns, classified[i])[0].IdNumber).ToArray();
        var parallel = new string[rows.Length];
        Parallel.For(0, rows.Length, i => parallel[i] = validator.Suggest(rows[i], Columns, classified[i])[0].IdNumber);
        Assert.Equal(sequential, parallel);
    }
}
