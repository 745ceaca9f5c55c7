using Dakla06.Contracts.Http.Statistics;
using Dakla06.Contracts.Statistics;
using Dakla06.Directives.Domain;

namespace Dakla06.UnitTests.Directives;

public class ShortfallTests
{
    private static IndicatorShortfallDetected Detected(decimal actual = 87.5m, string direction = TargetDirections.AtLeast, string source = "statistics") => new(
        Guid.NewGuid(), DateTimeOffset.UtcNow, "24136", source, "on_time_share", "Tỷ lệ giải quyết đúng hạn",
        new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), 95m, actual, direction, "1166/QĐ-UBND", "66");

    [Fact]
    public void The_source_id_is_one_per_unit_source_indicator_and_period()
    {
        var detected = Detected();
        Assert.Equal("statistics:24136:on_time_share:2025-01-01:2025-12-31", Shortfall.SourceId(detected));
        Assert.Equal(Shortfall.SourceId(detected), Shortfall.SourceId(Detected(actual: 10m)));
        Assert.NotEqual(Shortfall.SourceId(detected), Shortfall.SourceId(Detected(source: "enrolment")));
        Assert.NotEqual(Shortfall.SourceId(detected), Shortfall.SourceId(detected with { PeriodTo = new DateOnly(2025, 6, 30) }));
        var cleared = new IndicatorShortfallCleared(Guid.NewGuid(), DateTimeOffset.UtcNow, "24136", "statistics", "on_time_share", "Tỷ lệ giải quyết đúng hạn",
            new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), 95m, 96m, TargetDirections.AtLeast, "1166/QĐ-UBND", "66");
        Assert.Equal(Shortfall.SourceId(detected), Shortfall.SourceId(cleared));
    }

    [Fact]
    public void Texts_name_the_indicator_period_value_target_and_document_in_Vietnamese_formats()
    {
        var detected = Detected(actual: 1254631.5m, direction: TargetDirections.AtMost);
        Assert.Equal("Chưa đạt chỉ tiêu: Tỷ lệ giải quyết đúng hạn (01/01/2025–31/12/2025)", Shortfall.Title(detected));
        Assert.Equal(
            "Tỷ lệ giải quyết đúng hạn của Phường Tân Lợi trong kỳ 01/01/2025–31/12/2025 là 1.254.631,5, chưa đạt chỉ tiêu ≤ 95 theo 1166/QĐ-UBND. " +
            "Nhiệm vụ được đóng tự động khi số liệu mới đạt chỉ tiêu.",
            Shortfall.Description(detected, "Phường Tân Lợi"));
        Assert.Equal("Số liệu 87,5, chỉ tiêu ≥ 95", Shortfall.DetectedNote(Detected()));
    }

    [Fact]
    public void Shortfall_tasks_are_recognised_by_their_source_type_and_named_after_their_service()
    {
        Assert.True(Shortfall.IsShortfall("statistics-shortfall"));
        Assert.False(Shortfall.IsShortfall("inspection-finding"));
        Assert.False(Shortfall.IsShortfall(null));
        Assert.Equal(("system:statistics", "Hệ thống thống kê dịch vụ công"), (Shortfall.SystemUser("statistics"), Shortfall.SystemUserName("statistics")));
        Assert.Equal("Hệ thống cấp định danh điện tử", Shortfall.SystemUserName("enrolment"));
    }

    [Theory]
    [InlineData(TargetDirections.AtLeast, 95, 95, true)]
    [InlineData(TargetDirections.AtLeast, 95, 94.99, false)]
    [InlineData(TargetDirections.AtMost, 10, 10, true)]
    [InlineData(TargetDirections.AtMost, 10, 10.01, false)]
    public void A_target_is_met_at_its_threshold_in_its_direction(string direction, double threshold, double value, bool met) =>
        Assert.Equal(met, TargetDirections.Met(direction, (decimal)threshold, (decimal)value));

    [Fact]
    public void A_share_of_nothing_meets_no_target() =>
        Assert.False(TargetDirections.Met(TargetDirections.AtMost, 100m, null));
}
