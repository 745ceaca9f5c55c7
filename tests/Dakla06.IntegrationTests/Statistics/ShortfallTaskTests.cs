using Dakla06.Contracts.Directives;
using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Directives;
using Dakla06.Contracts.Http.Statistics;
using Dakla06.Contracts.Statistics;
using Dakla06.IntegrationTests.Messaging;
using Dakla06.IntegrationTests.Support;
using Dakla06.Statistics.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Dakla06.IntegrationTests.Statistics;

/// <summary>
/// Statistics and directive tracking on one broker virtual host (each with its own database): statistics' shortfall
/// events, as its outbox relays them, reach directive tracking's consumers. Records both services' events.
/// </summary>
public sealed class ShortfallFixture : StatisticsFixture
{
    public DirectivesAlongside Directives { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Directives = await DirectivesAlongside.StartAsync(Identity, MessagingConnectionString);
        await ImportProceduresAsync("1.001,Đăng ký khai sinh,xa,Hộ tịch,toan_trinh,2023-01-01,12,1");
    }

    protected override void ObserveEvents(EventRecorder recorder) =>
        recorder.Record<IndicatorShortfallDetected>().Record<IndicatorShortfallCleared>().Record<TaskAssigned>().Record<TaskAccepted>();

    public ShortfallScanner Scanner => Api.Services.GetRequiredService<ShortfallScanner>();

    public Task<DirectivesClient> DirectivesClientForAsync(string username) => Directives.ClientForAsync(username);

    /// <summary>Dossier lines of <paramref name="unit"/> resolved in March 2025: <paramref name="onTime"/> on time, <paramref name="late"/> late.</summary>
    public static string[] Resolved(string prefix, string unit, int onTime, int late) =>
    [
        .. Enumerable.Range(1, onTime).Select(i => $"{prefix}-OK{i},1.001,{unit},truc_tuyen,2025-03-01,2025-03-10,2025-03-05,da_giai_quyet,1,1,0,0,0,0"),
        .. Enumerable.Range(1, late).Select(i => $"{prefix}-LATE{i},1.001,{unit},truc_tuyen,2025-03-01,2025-03-10,2025-03-20,da_giai_quyet,1,1,0,0,0,0"),
    ];

    /// <summary>The directive tasks of a unit's on-time share for 2025.</summary>
    public static Task<PagedResult<TaskSummaryDto>> TasksOfAsync(DirectivesClient client, string unit, string indicator = "on_time_share") =>
        DirectivesAlongside.ShortfallTasksAsync(client, "statistics", unit, indicator, Year.From, Year.To);

    public static readonly (DateOnly From, DateOnly To) Year = (new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));

    /// <summary>A target of the on-time share of 2025 (at least <paramref name="threshold"/>%) for the unit, set by its district's officer.</summary>
    public async Task<TargetDto> SetOnTimeTargetAsync(string unit, decimal threshold = 90m) =>
        await (await ClientForAsync("bmt.officer")).SetTargetAsync(new SetTargetRequest(
            "on_time_share", unit, null, Year.From, Year.To, threshold, TargetDirections.AtLeast, "1166/QĐ-UBND"), TestContext.Current.CancellationToken);

    public static Task<TaskDetailDto> StatusBecomesAsync(DirectivesClient client, Guid taskId, string status) =>
        DirectivesAlongside.StatusBecomesAsync(client, taskId, status);

    public override async ValueTask DisposeAsync()
    {
        if (Directives is not null)
        {
            await Directives.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}

/// <summary>An import below the target opens one task in directive tracking; re-runs keep it one; a better import closes it.</summary>
public sealed class ShortfallTaskTests(ShortfallFixture fixture) : IClassFixture<ShortfallFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Import_below_target_opens_one_task_that_re_imports_and_the_daily_run_keep_single_and_a_better_import_closes()
    {
        const string unit = "24136";
        await fixture.SetOnTimeTargetAsync(unit);
        var file = ShortfallFixture.Resolved("S1", unit, onTime: 1, late: 1); // 50%
        Assert.Equal(ImportStatuses.Completed, (await fixture.ImportDossiersAsync("province.officer", DossierSources.Igate, file)).Status);

        var detected = Assert.Single(await fixture.AwaitEventsAsync<IndicatorShortfallDetected>(e => e.UnitCode == unit));
        Assert.Equal(("statistics", "on_time_share", "Tỷ lệ giải quyết đúng hạn", 90m, 50m, TargetDirections.AtLeast, "1166/QĐ-UBND", "643"),
            (detected.SourceService, detected.Indicator, detected.IndicatorName, detected.Target, detected.Actual, detected.Direction, detected.Document,
             detected.IssuingUnitCode));
        Assert.Equal(ShortfallFixture.Year, (detected.PeriodFrom, detected.PeriodTo));

        // Directive tracking opened the unit's task under the district's document of that number.
        var tanloi = await fixture.DirectivesClientForAsync("tanloi.officer");
        var page = await Eventually.ReturnsAsync(() => ShortfallFixture.TasksOfAsync(tanloi, unit), p => p.Total > 0, because: "the shortfall task appears");
        var task = Assert.Single(page.Items);
        Assert.Equal((IndicatorShortfalls.SourceType, unit, "643", "assigned", ShortfallFixture.Year.To, "1166/QĐ-UBND"),
            (task.SourceType, task.AssigneeUnitCode, task.AssignerUnitCode, task.Status, task.DueOn, task.DocumentNumber));
        Assert.StartsWith("Chưa đạt chỉ tiêu: Tỷ lệ giải quyết đúng hạn", task.Title, StringComparison.Ordinal);
        var detail = (await tanloi.GetTaskAsync(task.Id, Cancel))!;
        Assert.Contains("là 50, chưa đạt chỉ tiêu ≥ 90 theo 1166/QĐ-UBND", detail.Description, StringComparison.Ordinal);
        var document = (await tanloi.GetDocumentAsync(task.DocumentId!.Value, Cancel))!;
        Assert.Equal(("indicator-targets", "643", "system:statistics"), (document.Type, document.IssuingUnitCode, document.CreatedBy));

        // The unit cannot close it with a click: only data does.
        var bmt = await fixture.DirectivesClientForAsync("bmt.officer");
        await tanloi.ReportTaskAsync(task.Id, new ReportTaskRequest("Đã chấn chỉnh việc trả kết quả đúng hạn", 100, null, true), Cancel);
        var refused = await ApiAssert.FailsAsync(ApiFailure.Conflict, () => bmt.AcceptTaskAsync(task.Id, new AcceptTaskRequest("Đạt"), Cancel));
        Assert.Equal("Nhiệm vụ chưa đạt chỉ tiêu chỉ được đóng khi số liệu mới đạt chỉ tiêu.", refused.Detail);

        // The same file again (a completed import re-evaluates) and the next day's run: still in shortfall, nothing new.
        var again = await fixture.ImportDossiersAsync("province.officer", DossierSources.Igate, file);
        Assert.Equal(2, again.Unchanged);
        Assert.Equal(1, await fixture.ScalarAsync(
            "WITH d AS (UPDATE targets SET evaluated_on = evaluated_on - 1 WHERE unit_code = @unit RETURNING 1) SELECT count(*) FROM d", ("unit", unit)));
        Assert.True(await fixture.Scanner.ScanOnceAsync(Cancel) >= 1);

        // A sentinel shortfall published after those runs arrives after anything they published.
        await fixture.SetOnTimeTargetAsync("24121");
        await fixture.ImportDossiersAsync("province.officer", DossierSources.Igate, ShortfallFixture.Resolved("S1X", "24121", onTime: 0, late: 1));
        await fixture.AwaitEventsAsync<IndicatorShortfallDetected>(e => e.UnitCode == "24121");
        await fixture.AwaitEventsAsync<TaskAssigned>(e => e.UnitCode == "24121");
        Assert.Single(fixture.Seen<IndicatorShortfallDetected>(e => e.UnitCode == unit));
        Assert.Single(fixture.Seen<TaskAssigned>(e => e.UnitCode == unit));
        Assert.Equal(1, (await ShortfallFixture.TasksOfAsync(tanloi, unit)).Total);

        // A better import: 19 on time of 20 (95%) meets the target; the task is accepted by the system.
        await fixture.ImportDossiersAsync("province.officer", DossierSources.Igate, ShortfallFixture.Resolved("S1B", unit, onTime: 18, late: 0));
        var cleared = Assert.Single(await fixture.AwaitEventsAsync<IndicatorShortfallCleared>(e => e.UnitCode == unit));
        Assert.Equal(95m, cleared.Actual);
        var closed = await ShortfallFixture.StatusBecomesAsync(tanloi, task.Id, "accepted");
        Assert.Equal(("accepted", "system:statistics"), (closed.History[^1].Kind, closed.History[^1].Actor));
        Assert.Equal("Số liệu mới đạt chỉ tiêu: 95 (≥ 90)", closed.History[^1].Note);
        Assert.Single(await fixture.AwaitEventsAsync<TaskAccepted>(e => e.TaskId == task.Id));
        Assert.Equal(1, (await ShortfallFixture.TasksOfAsync(tanloi, unit)).Total);
    }

    [Fact]
    public async Task A_shortfall_that_comes_back_reopens_the_same_task()
    {
        const string unit = "24118";
        await fixture.SetOnTimeTargetAsync(unit, threshold: 60m);
        await fixture.ImportDossiersAsync("province.officer", DossierSources.Igate, ShortfallFixture.Resolved("S2", unit, onTime: 1, late: 1)); // 50%
        var bmt = await fixture.DirectivesClientForAsync("bmt.officer");
        var task = Assert.Single((await Eventually.ReturnsAsync(() => ShortfallFixture.TasksOfAsync(bmt, unit), p => p.Total > 0)).Items);

        await fixture.ImportDossiersAsync("province.officer", DossierSources.Igate, ShortfallFixture.Resolved("S2B", unit, onTime: 2, late: 0)); // 75%
        await ShortfallFixture.StatusBecomesAsync(bmt, task.Id, "accepted");

        await fixture.ImportDossiersAsync("province.officer", DossierSources.Igate, ShortfallFixture.Resolved("S2C", unit, onTime: 0, late: 3)); // 3/7
        var reopened = await ShortfallFixture.StatusBecomesAsync(bmt, task.Id, "in_progress");
        Assert.StartsWith("Số liệu mới lại chưa đạt chỉ tiêu: 42,86", reopened.History[^1].Note, StringComparison.Ordinal);
        Assert.Equal(2, fixture.Seen<IndicatorShortfallDetected>(e => e.UnitCode == unit).Count);
        Assert.Equal(1, (await ShortfallFixture.TasksOfAsync(bmt, unit)).Total);
    }

    [Fact]
    public async Task Deleting_the_target_closes_its_open_task_saying_why_and_forgets_the_shortfall()
    {
        const string unit = "24124";
        var target = await fixture.SetOnTimeTargetAsync(unit);
        await fixture.ImportDossiersAsync("province.officer", DossierSources.Igate, ShortfallFixture.Resolved("S4", unit, onTime: 1, late: 3)); // 25%
        var bmt = await fixture.DirectivesClientForAsync("bmt.officer");
        var task = Assert.Single((await Eventually.ReturnsAsync(() => ShortfallFixture.TasksOfAsync(bmt, unit), p => p.Total > 0)).Items);

        await (await fixture.ClientForAsync("bmt.officer")).DeleteTargetAsync(target.Id, Cancel);

        var cleared = Assert.Single(await fixture.AwaitEventsAsync<IndicatorShortfallCleared>(e => e.UnitCode == unit));
        Assert.Equal((true, 25m, 90m), (cleared.TargetWithdrawn, cleared.Actual, cleared.Target));
        var closed = await ShortfallFixture.StatusBecomesAsync(bmt, task.Id, "accepted");
        Assert.Equal(("accepted", "Chỉ tiêu ≥ 90 theo 1166/QĐ-UBND đã bị xoá (số liệu cuối: 25)"), (closed.History[^1].Kind, closed.History[^1].Note));
        // (Another test's level-wide target of another indicator may have a state of this commune: only this one's counts.)
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM shortfalls WHERE unit_code = @unit AND indicator = 'on_time_share'", ("unit", unit)));
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM targets WHERE unit_code = @unit", ("unit", unit)));
    }

    [Fact]
    public async Task A_level_wide_target_of_the_province_opens_tasks_assigned_by_the_province()
    {
        const string unit = "24305"; // An Lạc, in Buôn Hồ
        var province = await fixture.ClientForAsync("province.officer");
        await province.SetTargetAsync(new SetTargetRequest(
            "results_digitised_share", null, TargetLevels.Commune, ShortfallFixture.Year.From, ShortfallFixture.Year.To, 80m,
            TargetDirections.AtLeast, "2000/QĐ-UBND"), Cancel);
        await fixture.ImportDossiersAsync("province.officer", DossierSources.Igate,
            "S3-1,1.001,24305,truc_tuyen,2025-03-01,2025-03-10,2025-03-05,da_giai_quyet,1,0,0,0,0,0");

        var detected = Assert.Single(await fixture.AwaitEventsAsync<IndicatorShortfallDetected>(e => e.UnitCode == unit && e.Indicator == "results_digitised_share"));
        Assert.Equal(("66", 0m), (detected.IssuingUnitCode, detected.Actual));
        var anLac = await fixture.DirectivesClientForAsync("anlac.officer");
        var task = Assert.Single((await Eventually.ReturnsAsync(() => ShortfallFixture.TasksOfAsync(anLac, unit, "results_digitised_share"), p => p.Total > 0)).Items);
        Assert.Equal(("66", "2000/QĐ-UBND"), (task.AssignerUnitCode, task.DocumentNumber));
    }
}

/// <summary>RabbitMQ stopped between the import and the delivery: the shortfall is delivered once it is back, and so is its recovery.</summary>
[Collection(typeof(BrokerOutageCollection))]
public sealed class ShortfallBrokerOutageTests(ShortfallFixture fixture) : IClassFixture<ShortfallFixture>
{
    [Fact]
    public async Task Shortfall_and_recovery_imported_while_RabbitMQ_is_down_open_and_close_one_task_after_it_comes_back()
    {
        const string unit = "24136";
        await fixture.SetOnTimeTargetAsync(unit);
        var tanloi = await fixture.DirectivesClientForAsync("tanloi.officer");

        await TestEnvironment.StopBrokerAsync();
        try
        {
            // The import completes without the broker; the shortfall waits in statistics' outbox.
            await fixture.ImportDossiersAsync("province.officer", DossierSources.Igate, ShortfallFixture.Resolved("B1", unit, onTime: 0, late: 2));
            await Eventually.ReturnsAsync(() => fixture.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE attempts > 0"), n => n > 0,
                because: "the relay tries and keeps the event");
            Assert.Empty(fixture.Seen<IndicatorShortfallDetected>(e => e.UnitCode == unit));
        }
        finally
        {
            await TestEnvironment.StartBrokerAsync();
        }

        var page = await Eventually.ReturnsAsync(() => ShortfallFixture.TasksOfAsync(tanloi, unit), p => p.Total > 0, TimeSpan.FromSeconds(90),
            "the shortfall published after the outage opens the task");
        var task = Assert.Single(page.Items);

        await TestEnvironment.StopBrokerAsync();
        try
        {
            await fixture.ImportDossiersAsync("province.officer", DossierSources.Igate, ShortfallFixture.Resolved("B1B", unit, onTime: 20, late: 0));
            await Eventually.ReturnsAsync(() => fixture.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE attempts > 0"), n => n > 0,
                because: "the relay tries and keeps the recovery");
        }
        finally
        {
            await TestEnvironment.StartBrokerAsync();
        }

        await Eventually.ReturnsAsync(async () => (await tanloi.GetTaskAsync(task.Id, TestContext.Current.CancellationToken))!.Status,
            s => s == "accepted", TimeSpan.FromSeconds(90), "the recovery published after the outage closes the task");
        Assert.Equal(1, (await ShortfallFixture.TasksOfAsync(tanloi, unit)).Total);
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM outbox_messages"));
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM shortfalls WHERE unit_code = @unit AND NOT in_shortfall", ("unit", unit)));
    }
}
