using Dakla06.Inspections.Domain;

namespace Dakla06.UnitTests.Inspections;

public class ReadinessTests
{
    private static readonly DateOnly May = new(2022, 5, 15);
    private static readonly DateOnly September = new(2022, 9, 20);

    /// <summary>(latest completed inspection, it failed a critical item, unresolved high/critical findings) → (cleared, reason, kind).</summary>
    public static TheoryData<DateOnly?, bool, int, bool, string, string> Table => new()
    {
        // LGSP, registered: nothing inspected yet.
        { null, false, 0, false, "Chưa có đợt kiểm tra hoàn thành", ReadinessKinds.NoInspection },
        // Findings raised before any inspection completed (e.g. on the inspection in progress) still mean "not inspected".
        { null, false, 2, false, "Chưa có đợt kiểm tra hoàn thành", ReadinessKinds.NoInspection },
        // LGSP, May: critical items failed (and their automatic findings are open).
        { May, true, 3, false, "Đợt kiểm tra ngày 15/05/2022 có hạng mục trọng yếu không đạt", ReadinessKinds.FailedCriticalItem },
        // A failed critical item decides even when every finding was verified or its risk accepted.
        { May, true, 0, false, "Đợt kiểm tra ngày 15/05/2022 có hạng mục trọng yếu không đạt", ReadinessKinds.FailedCriticalItem },
        // LGSP, September: the re-inspection passed, findings reported but not yet verified.
        { September, false, 3, false, "Còn 3 phát hiện mức cao/nghiêm trọng chưa được xác minh khắc phục", ReadinessKinds.UnresolvedFindings },
        { September, false, 1, false, "Còn 1 phát hiện mức cao/nghiêm trọng chưa được xác minh khắc phục", ReadinessKinds.UnresolvedFindings },
        // LGSP, all verified: cleared to connect.
        { September, false, 0, true, "Đủ điều kiện kết nối", ReadinessKinds.Cleared },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Cleared_only_after_a_completed_inspection_without_failed_critical_items_and_without_unresolved_serious_findings(
        DateOnly? latestCompletedOn, bool failedCritical, int unresolved, bool cleared, string reason, string kind)
    {
        var verdict = Readiness.Evaluate(new ReadinessFacts(latestCompletedOn, failedCritical, unresolved));

        Assert.Equal(new ReadinessVerdict(cleared, reason, kind), verdict);
    }

    [Fact]
    public void History_records_changes_of_clearance_and_of_the_deciding_condition_but_not_a_mere_count_of_findings()
    {
        var registered = Readiness.Evaluate(new ReadinessFacts(null, false, 0));
        var failedMay = Readiness.Evaluate(new ReadinessFacts(May, true, 2));
        var failedAgain = Readiness.Evaluate(new ReadinessFacts(September, true, 2));
        var threeLeft = Readiness.Evaluate(new ReadinessFacts(September, false, 3));
        var twoLeft = Readiness.Evaluate(new ReadinessFacts(September, false, 2));
        var cleared = Readiness.Evaluate(new ReadinessFacts(September, false, 0));

        Assert.True(Readiness.IsRecordedChange(registered, failedMay));
        Assert.True(Readiness.IsRecordedChange(failedMay, failedAgain)); // a later inspection failed too
        Assert.True(Readiness.IsRecordedChange(failedMay, threeLeft));
        Assert.False(Readiness.IsRecordedChange(threeLeft, twoLeft));
        Assert.True(Readiness.IsRecordedChange(twoLeft, cleared));
        Assert.True(Readiness.IsRecordedChange(cleared, threeLeft)); // a finding reopened
        Assert.False(Readiness.IsRecordedChange(cleared, cleared));
    }
}
