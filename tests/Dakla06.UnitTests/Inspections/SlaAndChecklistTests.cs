using Dakla06.Inspections.Domain;

namespace Dakla06.UnitTests.Inspections;

public class SlaTests
{
    [Theory]
    [InlineData("critical", "2022-05-15", "2022-05-22")]
    [InlineData("high", "2022-05-15", "2022-06-14")]
    [InlineData("medium", "2022-05-15", "2022-07-14")]
    [InlineData("low", "2022-05-15", "2022-08-13")]
    [InlineData("critical", "2022-12-28", "2023-01-04")] // across the year
    [InlineData("high", "2024-02-01", "2024-03-02")]     // leap February
    public void Default_deadlines_are_7_30_60_90_days_after_the_day_raised(string severity, string raisedOn, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            new SlaOptions().Deadline(severity, DateOnly.Parse(raisedOn, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Configured_days_replace_the_defaults()
    {
        var sla = new SlaOptions { Critical = 3, High = 14, Medium = 45, Low = 120 };
        var raised = new DateOnly(2026, 3, 1);

        Assert.Equal(new DateOnly(2026, 3, 4), sla.Deadline(Severities.Critical, raised));
        Assert.Equal(new DateOnly(2026, 3, 15), sla.Deadline(Severities.High, raised));
        Assert.Equal(new DateOnly(2026, 4, 15), sla.Deadline(Severities.Medium, raised));
        Assert.Equal(new DateOnly(2026, 6, 29), sla.Deadline(Severities.Low, raised));
        Assert.Empty(sla.Problems());
    }

    [Fact]
    public void Zero_or_negative_days_are_named_as_problems()
    {
        var sla = new SlaOptions { Critical = 0, Low = -1 };

        Assert.Equal(["Inspections:Sla:Critical must be at least 1 day (is 0).", "Inspections:Sla:Low must be at least 1 day (is -1)."], sla.Problems());
        Assert.Throws<ArgumentOutOfRangeException>(() => sla.Deadline("urgent", new DateOnly(2026, 1, 1)));
    }
}

public class ChecklistRulesTests
{
    private static readonly IReadOnlyList<ChecklistItem> Items =
    [
        new(1, "Phần mềm phòng, chống mã độc", Critical: true, Weight: 3),
        new(2, "Hệ điều hành có bản quyền", Critical: false, Weight: 2),
        new(3, "Cấu hình tối thiểu", Critical: true, Weight: 3),
        new(4, "Camera phòng máy", Critical: false, Weight: 1),
    ];

    [Fact]
    public void Score_is_the_weighted_share_of_applicable_items_that_passed()
    {
        ItemResult[] results = [new(1, "pass", null), new(2, "fail", null), new(3, "pass", null), new(4, "not_applicable", null)];

        // passed 3 + 3 of applicable 3 + 2 + 3
        Assert.Equal(75.0m, ChecklistRules.Score(Items, results));
    }

    [Fact]
    public void Score_is_null_when_nothing_is_applicable_and_rounds_to_one_decimal()
    {
        Assert.Null(ChecklistRules.Score(Items, [new(4, "not_applicable", null)]));
        Assert.Null(ChecklistRules.Score(Items, []));
        Assert.Equal(33.3m, ChecklistRules.Score(Items, [new(4, "pass", null), new(2, "fail", null)])); // 1 of 3
        Assert.Equal(50.0m, ChecklistRules.Score(Items, [new(1, "pass", null), new(3, "fail", null)]));
    }

    [Fact]
    public void Failed_critical_items_raise_one_automatic_finding_each_and_others_none()
    {
        ItemResult[] results = [new(1, "fail", "Hết hạn bản quyền"), new(2, "fail", null), new(3, "fail", null), new(4, "pass", null)];

        var findings = ChecklistRules.AutoFindings(Items, results);

        Assert.Equal([new AutoFinding(1, "Không đạt: Phần mềm phòng, chống mã độc"), new AutoFinding(3, "Không đạt: Cấu hình tối thiểu")], findings);
        Assert.True(ChecklistRules.HasFailedCriticalItem(Items, results));
        Assert.Empty(ChecklistRules.AutoFindings(Items, [new(1, "not_applicable", null), new(2, "fail", null)]));
    }

    [Fact]
    public void Missing_names_the_items_without_a_result()
    {
        Assert.Equal([2, 4], ChecklistRules.Missing(Items, [new(1, "pass", null), new(3, "fail", null)]));
        Assert.Empty(ChecklistRules.Missing(Items, Items.Select(i => new ItemResult(i.No, "pass", null)).ToList()));
    }

    [Fact]
    public void Long_item_texts_make_titles_of_at_most_the_title_limit()
    {
        var item = new ChecklistItem(1, new string('x', 400), Critical: true, Weight: 1);

        var title = Assert.Single(ChecklistRules.AutoFindings([item], [new(1, "fail", null)])).Title;

        Assert.Equal(ChecklistRules.MaxTitleLength, title.Length);
        Assert.EndsWith("…", title, StringComparison.Ordinal);
    }
}
