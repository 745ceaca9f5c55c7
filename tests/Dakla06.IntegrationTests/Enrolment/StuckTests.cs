using Dakla06.Contracts.Enrolment;
using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Enrolment;
using Dakla06.Enrolment.Jobs;
using Dakla06.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Dakla06.IntegrationTests.Support.ApiAssert;

namespace Dakla06.IntegrationTests.Enrolment;

/// <summary>
/// Stuck applications on the service's (fake) clock, 20 days to the card and 10 to the handover. Data, relative to the
/// day the class starts: Tân Lợi (24136) S1 received 21 days ago without a card (stuck), S2 20 days ago (stuck from
/// tomorrow), S3 card received 11 days ago and not handed over (stuck), S4 handed over (S3 and S4 received 40 days
/// ago, their cards imported after the applications); Tân Lập (24118) S5 received 30
/// days ago without a card (stuck).
/// </summary>
public sealed class StuckTests(StuckTests.Data fixture) : IClassFixture<StuckTests.Data>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public sealed class Data : EnrolmentFixture
    {
        protected override bool UsesFakeClock => true;

        protected override Dictionary<string, string> Settings() => new(base.Settings())
        {
            ["Enrolment:Stuck:ApplicationToCardDays"] = "20",
            ["Enrolment:Stuck:CardToHandoverDays"] = "10",
            ["Enrolment:StuckScanInterval"] = "7.00:00:00",
        };

        protected override void ObserveEvents(EventRecorder recorder) => recorder.Record<EnrolmentStuck>();

        public StuckScanner Scanner => Api.Services.GetRequiredService<StuckScanner>();

        public DateOnly Started { get; private set; }

        public string DaysAgo(int days) => Started.AddDays(-days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            Started = Today;
            await ImportAsync("province.enrolment", EnrolmentImportKinds.Applications,
                Application("S1", IdNumber(1), "24136", DaysAgo(21)),
                Application("S2", IdNumber(2), "24136", DaysAgo(20)),
                Application("S3", IdNumber(3), "24136", DaysAgo(40)),
                Application("S4", IdNumber(4), "24136", DaysAgo(40)),
                Application("S5", IdNumber(5), "24118", DaysAgo(30)));
            await ImportAsync("province.enrolment", EnrolmentImportKinds.Cards,
                CardEvent("S3", "nhan_tu_c06", DaysAgo(11)),
                CardEvent("S4", "nhan_tu_c06", DaysAgo(15)),
                CardEvent("S4", "tra_cong_dan", DaysAgo(3)));
        }
    }

    [Fact]
    public async Task Each_application_is_announced_once_per_stage_when_it_crosses_the_line()
    {
        // The scan after each import announced what was stuck then: S1, S5, and S3 and S4 awaiting their card (received
        // 40 days ago, their cards came with the second import), then S3 awaiting its handover.
        var s1 = Assert.Single(await fixture.AwaitEventsAsync<EnrolmentStuck>(e => e.ApplicationCode == "S1"));
        Assert.Equal(("24136", EnrolmentStages.ApplicationToCard, fixture.Started.AddDays(-21), 21, 20),
            (s1.UnitCode, s1.Stage, s1.Since, s1.DaysWaited, s1.ThresholdDays));
        var s3 = Assert.Single(await fixture.AwaitEventsAsync<EnrolmentStuck>(e => e.ApplicationCode == "S3" && e.Stage == EnrolmentStages.CardToHandover));
        Assert.Equal(40, Assert.Single(await fixture.AwaitEventsAsync<EnrolmentStuck>(e => e.ApplicationCode == "S4")).DaysWaited);
        Assert.Equal((EnrolmentStages.CardToHandover, 11, 10), (s3.Stage, s3.DaysWaited, s3.ThresholdDays));
        Assert.Equal("24118", Assert.Single(await fixture.AwaitEventsAsync<EnrolmentStuck>(e => e.ApplicationCode == "S5")).UnitCode);

        // Another scan the same day announces nothing again.
        Assert.Equal(0, await fixture.Scanner.ScanOnceAsync(Cancel));
        Assert.Equal(5, await fixture.ScalarAsync("SELECT count(*) FROM stuck_notices"));

        // A day later S2 crosses the line; the others are not announced again.
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        await fixture.Scanner.ScanOnceAsync(Cancel);
        var s2 = Assert.Single(await fixture.AwaitEventsAsync<EnrolmentStuck>(e => e.ApplicationCode == "S2"));
        Assert.Equal((EnrolmentStages.ApplicationToCard, 21), (s2.Stage, s2.DaysWaited));
        Assert.Equal(6, await fixture.ScalarAsync("SELECT count(*) FROM stuck_notices"));
        Assert.Single(fixture.Seen<EnrolmentStuck>(e => e.ApplicationCode == "S1"));
        Assert.Equal(2, fixture.Seen<EnrolmentStuck>(e => e.ApplicationCode == "S3").Count);
        Assert.Single(fixture.Seen<EnrolmentStuck>(e => e.ApplicationCode == "S4"));
    }

    [Fact]
    public async Task The_list_shows_the_days_waited_masked_for_a_commune_officer_and_unmasked_audited_for_a_pii_reader()
    {
        var tanloi = await fixture.ClientForAsync("tanloi.officer");
        var page = await tanloi.ListStuckAsync(new StuckQuery(), 1, 50, Cancel);
        Assert.Contains(page.Items, i => i.ApplicationCode == "S1");
        Assert.DoesNotContain(page.Items, i => i.ApplicationCode is "S4" or "S5");
        Assert.All(page.Items, i =>
        {
            Assert.Equal(("24136", "Phường Tân Lợi", true), (i.CommuneCode, i.CommuneName, i.Masked));
            Assert.Equal(fixture.Today.DayNumber - i.Since.DayNumber, i.DaysWaited);
            Assert.Contains('*', i.IdNumber);
            Assert.DoesNotContain(i.IdNumber, new[] { EnrolmentFixture.IdNumber(1), EnrolmentFixture.IdNumber(2), EnrolmentFixture.IdNumber(3) });
        });
        Assert.Equal([.. page.Items.Select(i => i.DaysWaited).OrderDescending()], page.Items.Select(i => i.DaysWaited));
        var handover = Assert.Single((await tanloi.ListStuckAsync(new StuckQuery(Stage: EnrolmentStages.CardToHandover), 1, 50, Cancel)).Items);
        Assert.Equal("S3", handover.ApplicationCode);

        const string audited = "SELECT count(*) FROM audit_log WHERE action = 'enrolment.stuck.read'";
        var before = await fixture.ScalarAsync(audited);
        var leader = await fixture.ClientForAsync("province.leader");
        var district = await leader.ListStuckAsync(new StuckQuery("643"), 1, 50, Cancel);
        var s5 = Assert.Single(district.Items, i => i.ApplicationCode == "S5");
        Assert.Equal((EnrolmentFixture.IdNumber(5), "Nguyễn Văn An", false), (s5.IdNumber, s5.FullName, s5.Masked));
        Assert.Equal(["24118", .. Enumerable.Repeat("24136", district.Items.Count - 1)], district.Items.Select(i => i.CommuneCode));
        Assert.Equal(before + 1, await fixture.ScalarAsync(audited));

        // A commune officer's masked read writes no audit.
        await tanloi.ListStuckAsync(new StuckQuery(), 1, 50, Cancel);
        Assert.Equal(before + 1, await fixture.ScalarAsync(audited));
    }

    [Fact]
    public async Task Out_of_scope_is_not_found_and_a_bad_stage_names_the_field()
    {
        var tanloi = await fixture.ClientForAsync("tanloi.officer");
        await FailsAsync(ApiFailure.NotFound, () => tanloi.ListStuckAsync(new StuckQuery("24118"), 1, 20, Cancel));
        await FailsAsync(ApiFailure.NotFound, () => tanloi.GetStuckSummaryAsync(new StuckSummaryQuery("643"), Cancel));
        Assert.Equal(["stage"], Fields(await FailsAsync(ApiFailure.Invalid, () => tanloi.ListStuckAsync(new StuckQuery(Stage: "cho_the"), 1, 20, Cancel))));
        Assert.Equal(["unit"], Fields(await FailsAsync(ApiFailure.Invalid, () => tanloi.ListStuckAsync(new StuckQuery("99999"), 1, 20, Cancel))));
    }

    [Fact]
    public async Task The_summary_counts_each_child_with_zeros_and_the_thresholds()
    {
        var bmt = await fixture.ClientForAsync("bmt.officer");
        var summary = await bmt.GetStuckSummaryAsync(new StuckSummaryQuery(), Cancel);
        Assert.Equal([new StuckThresholdDto(EnrolmentStages.ApplicationToCard, 20), new StuckThresholdDto(EnrolmentStages.CardToHandover, 10)], summary.Thresholds);
        var tanLoi = Assert.Single(summary.Children, c => c.UnitCode == "24136");
        var tanLap = Assert.Single(summary.Children, c => c.UnitCode == "24118");
        Assert.Equal((1L, 0L), (tanLap.AwaitingCard, tanLap.AwaitingHandover));
        Assert.Equal(1, tanLoi.AwaitingHandover);
        Assert.Equal(("643", tanLoi.AwaitingCard + 1, 1L), (summary.Unit.UnitCode, summary.Unit.AwaitingCard, summary.Unit.AwaitingHandover));
        Assert.True(summary.Children.Count > 2);
        Assert.All(summary.Children.Where(c => c.UnitCode is not ("24136" or "24118")), c => Assert.Equal((0L, 0L), (c.AwaitingCard, c.AwaitingHandover)));
    }
}
