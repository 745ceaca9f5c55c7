using Dakla06.Contracts.Directives;
using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Directives;
using Dakla06.Contracts.Http.Enrolment;
using Dakla06.Contracts.Http.Statistics;
using Dakla06.Contracts.Statistics;
using Dakla06.IntegrationTests.Messaging;
using Dakla06.IntegrationTests.Support;
using static Dakla06.IntegrationTests.Support.ApiAssert;

namespace Dakla06.IntegrationTests.Enrolment;

/// <summary>
/// Enrolment and directive tracking on one broker virtual host: enrolment's shortfalls (SourceService <c>enrolment</c>)
/// open and close directive tasks exactly as statistics' do. The target: level-2 activation share ≥ 50% this year.
/// </summary>
public sealed class EnrolmentShortfallFixture : EnrolmentFixture
{
    public const string Indicator = FunnelCodes.EidLevel2ActivatedShare;

    public DirectivesAlongside Directives { get; private set; } = null!;

    public (DateOnly From, DateOnly To) Year => (new DateOnly(Today.Year, 1, 1), new DateOnly(Today.Year, 12, 31));

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Directives = await DirectivesAlongside.StartAsync(Identity, MessagingConnectionString);
    }

    protected override void ObserveEvents(EventRecorder recorder) =>
        recorder.Record<IndicatorShortfallDetected>().Record<IndicatorShortfallCleared>().Record<TaskAssigned>().Record<TaskAccepted>();

    /// <summary>The province's enrolment officer sets the activation target of this year for the unit.</summary>
    public async Task<TargetDto> SetActivationTargetAsync(string unit, decimal threshold = 50m) =>
        await (await ClientForAsync("province.enrolment")).SetTargetAsync(new SetTargetRequest(
            Indicator, unit, null, Year.From, Year.To, threshold, TargetDirections.AtLeast, "06/KH-UBND"), TestContext.Current.CancellationToken);

    /// <summary>Level-2 accounts of the unit registered ten days ago, activated yesterday when <paramref name="activated"/>.</summary>
    public Task<EnrolmentImportDto> ImportLevel2Async(string unit, int firstSerial, int count, bool activated) =>
        ImportAsync("province.enrolment", EnrolmentImportKinds.Eid, [.. Enumerable.Range(firstSerial, count).Select(serial => EidAccount(
            IdNumber(serial), unit, 2, "da_co_cccd", Day(-10), activated ? Day(-1) : null))]);

    public Task<PagedResult<TaskSummaryDto>> TasksOfAsync(DirectivesClient client, string unit) =>
        DirectivesAlongside.ShortfallTasksAsync(client, "enrolment", unit, Indicator, Year.From, Year.To);

    private string Day(int offset) => Today.AddDays(offset).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public override async ValueTask DisposeAsync()
    {
        if (Directives is not null)
        {
            await Directives.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}

/// <summary>A unit below its enrolment target gets one directive task, closed by the import that meets it.</summary>
public sealed class EnrolmentShortfallTaskTests(EnrolmentShortfallFixture fixture) : IClassFixture<EnrolmentShortfallFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_import_below_target_opens_one_task_and_the_import_that_meets_it_closes_it()
    {
        const string unit = "24136";
        await fixture.SetActivationTargetAsync(unit);
        Assert.Equal(ImportStatuses.Completed, (await fixture.ImportLevel2Async(unit, 100, 2, activated: false)).Status);

        var detected = Assert.Single(await fixture.AwaitEventsAsync<IndicatorShortfallDetected>(e => e.UnitCode == unit));
        Assert.Equal(("enrolment", EnrolmentShortfallFixture.Indicator, "Tỷ lệ kích hoạt tài khoản mức 2", 50m, 0m, "66", "06/KH-UBND"),
            (detected.SourceService, detected.Indicator, detected.IndicatorName, detected.Target, detected.Actual, detected.IssuingUnitCode, detected.Document));
        Assert.Equal(fixture.Year, (detected.PeriodFrom, detected.PeriodTo));

        var tanloi = await fixture.Directives.ClientForAsync("tanloi.officer");
        var task = Assert.Single((await Eventually.ReturnsAsync(() => fixture.TasksOfAsync(tanloi, unit), p => p.Total > 0,
            because: "the shortfall task appears")).Items);
        Assert.Equal((IndicatorShortfalls.SourceType, unit, "66", "assigned"), (task.SourceType, task.AssigneeUnitCode, task.AssignerUnitCode, task.Status));
        var document = (await tanloi.GetDocumentAsync(task.DocumentId!.Value, Cancel))!;
        Assert.Equal("system:enrolment", document.CreatedBy);

        // Activating one of two (50%) meets the target: the system closes the task.
        await fixture.ImportLevel2Async(unit, 100, 1, activated: true);
        var cleared = Assert.Single(await fixture.AwaitEventsAsync<IndicatorShortfallCleared>(e => e.UnitCode == unit));
        Assert.Equal(("enrolment", 50m), (cleared.SourceService, cleared.Actual));
        var closed = await DirectivesAlongside.StatusBecomesAsync(tanloi, task.Id, "accepted");
        Assert.Equal("system:enrolment", closed.History[^1].Actor);
        Assert.Single(fixture.Seen<IndicatorShortfallDetected>(e => e.UnitCode == unit));
        Assert.Equal(1, (await fixture.TasksOfAsync(tanloi, unit)).Total);
    }

    [Fact]
    public async Task Targets_are_set_by_enrolment_officers_above_the_unit_and_checked_against_the_funnel()
    {
        var tanloi = await fixture.ClientForAsync("tanloi.officer");
        await FailsAsync(ApiFailure.Forbidden, () => tanloi.SetTargetAsync(new SetTargetRequest(
            FunnelCodes.CoverageShare, "24136", null, fixture.Year.From, fixture.Year.To, 100m, TargetDirections.AtLeast, "1/KH"), Cancel));
        var bmt = await fixture.ClientForAsync("bmt.officer");
        await FailsAsync(ApiFailure.Forbidden, () => bmt.SetTargetAsync(new SetTargetRequest(
            FunnelCodes.CoverageShare, "24136", null, fixture.Year.From, fixture.Year.To, 100m, TargetDirections.AtLeast, "1/KH"), Cancel));

        var province = await fixture.ClientForAsync("province.enrolment");
        Assert.Equal(["indicator"], Fields(await FailsAsync(ApiFailure.Invalid, () => province.SetTargetAsync(new SetTargetRequest(
            "on_time_share", "24136", null, fixture.Year.From, fixture.Year.To, 90m, TargetDirections.AtLeast, "1/KH"), Cancel))));
        Assert.Equal(["threshold"], Fields(await FailsAsync(ApiFailure.Invalid, () => province.SetTargetAsync(new SetTargetRequest(
            FunnelCodes.CoverageShare, "24136", null, fixture.Year.From, fixture.Year.To, 101m, TargetDirections.AtLeast, "1/KH"), Cancel))));

        var coverage = await province.SetTargetAsync(new SetTargetRequest(
            FunnelCodes.CoverageShare, null, TargetLevels.Commune, fixture.Year.From, fixture.Year.To, 100m, TargetDirections.AtLeast, "2/KH"), Cancel);
        Assert.Equal(("Tỷ lệ bao phủ (người đã thu nhận / dân số từ 14 tuổi)", "66"), (coverage.IndicatorName, coverage.SetByUnitCode));
        var seen = await tanloi.ListTargetsAsync(new TargetQuery(Indicator: FunnelCodes.CoverageShare), 1, 20, Cancel);
        Assert.Contains(seen.Items, t => t.Id == coverage.Id);

        // The funnel carries the target that applies: to a commune and to each commune of a district by child, not to the district.
        var inYear = fixture.Year.From.AddDays(10);
        var commune = (await tanloi.GetFunnelAsync(new FunnelQuery("24136", inYear), Cancel)).Indicators;
        Assert.Equal((100m, "2/KH"), commune.Single(i => i.Code == FunnelCodes.CoverageShare).Target is { } t ? (t.Threshold, t.Document) : default);
        Assert.Null(commune.Single(i => i.Code == FunnelCodes.Applications).Target);
        var district = await province.GetFunnelAsync(new FunnelQuery("643", inYear, FunnelBreakdowns.Child), Cancel);
        Assert.Null(district.Indicators.Single(i => i.Code == FunnelCodes.CoverageShare).Target);
        Assert.All(district.Groups, g => Assert.Equal(100m, g.Indicators.Single(i => i.Code == FunnelCodes.CoverageShare).Target?.Threshold));
        Assert.Equal(coverage.Id, (await province.DeleteTargetAsync(coverage.Id, Cancel)).Id);
    }
}

/// <summary>RabbitMQ stopped between the import and the delivery: enrolment's shortfall and its recovery arrive once it is back.</summary>
[Collection(typeof(BrokerOutageCollection))]
public sealed class EnrolmentShortfallBrokerOutageTests(EnrolmentShortfallFixture fixture) : IClassFixture<EnrolmentShortfallFixture>
{
    [Fact]
    public async Task Shortfall_and_recovery_imported_while_RabbitMQ_is_down_open_and_close_one_task_after_it_comes_back()
    {
        const string unit = "24118";
        await fixture.SetActivationTargetAsync(unit);
        var bmt = await fixture.Directives.ClientForAsync("bmt.officer");

        await TestEnvironment.StopBrokerAsync();
        try
        {
            await fixture.ImportLevel2Async(unit, 200, 2, activated: false);
            await Eventually.ReturnsAsync(() => fixture.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE attempts > 0"), n => n > 0,
                because: "the relay tries and keeps the event");
        }
        finally
        {
            await TestEnvironment.StartBrokerAsync();
        }

        var task = Assert.Single((await Eventually.ReturnsAsync(() => fixture.TasksOfAsync(bmt, unit), p => p.Total > 0, TimeSpan.FromSeconds(90),
            "the shortfall published after the outage opens the task")).Items);

        await TestEnvironment.StopBrokerAsync();
        try
        {
            await fixture.ImportLevel2Async(unit, 200, 2, activated: true);
            await Eventually.ReturnsAsync(() => fixture.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE attempts > 0"), n => n > 0,
                because: "the relay tries and keeps the recovery");
        }
        finally
        {
            await TestEnvironment.StartBrokerAsync();
        }

        await Eventually.ReturnsAsync(async () => (await bmt.GetTaskAsync(task.Id, TestContext.Current.CancellationToken))!.Status,
            s => s == "accepted", TimeSpan.FromSeconds(90), "the recovery published after the outage closes the task");
        Assert.Equal(1, (await fixture.TasksOfAsync(bmt, unit)).Total);
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM shortfalls WHERE unit_code = @unit AND NOT in_shortfall", ("unit", unit)));
    }
}
