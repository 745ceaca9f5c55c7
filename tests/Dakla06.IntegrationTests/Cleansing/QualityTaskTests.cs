using System.Text;
using Dakla06.Cleansing.Jobs;
using Dakla06.Contracts.Cleansing;
using Dakla06.Contracts.Directives;
using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Cleansing;
using Dakla06.Contracts.Http.Directives;
using Dakla06.IntegrationTests.Support;
using Dakla06.People;
using static Dakla06.IntegrationTests.Support.ApiAssert;

namespace Dakla06.IntegrationTests.Cleansing;

/// <summary>
/// Cleansing and directive tracking on one broker virtual host: a registry-quality assignment opens one task per commune
/// with open items, the commune's closed items report its progress, the last one closes it. The items come from an
/// imported list of absent persons, three at Phường Tân Lợi (24136) and one at Phường Tân Lập (24118), both of Buôn Ma Thuột.
/// </summary>
public sealed class QualityTaskFixture : CleansingFixture
{
    public const string Category = QualityCategories.Absent;
    public const string TanLoi = "24136";
    public const string TanLap = "24118";

    public DirectivesAlongside Directives { get; private set; } = null!;

    public IReadOnlyList<RegistryPerson> Persons { get; } =
    [
        Person(9001, "Nguyễn Văn An", "1980-02-03", Gender.Male, TanLoi),
        Person(9002, "Trần Thị Bình", "1985-04-05", Gender.Female, TanLoi),
        Person(9003, "Lê Văn Cường", "1990-06-07", Gender.Male, TanLoi),
        Person(9004, "Phạm Thị Dung", "1975-08-09", Gender.Female, TanLap),
    ];

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Directives = await DirectivesAlongside.StartAsync(Identity, MessagingConnectionString);
        await LoadRegistryAsync(Persons);
        var csv = "so_dinh_danh,ghi_chu\n" + string.Concat(Persons.Select(p => $"{p.IdNumber},Vắng mặt từ tháng 3\n"));
        var province = await ClientForAsync("province.cleanser");
        var imported = await province.ImportWorklistAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "vang-mat.csv", Category,
            TestContext.Current.CancellationToken);
        Assert.Equal(4, imported.Opened);
    }

    protected override Dictionary<string, string> Settings()
    {
        var settings = base.Settings();
        settings[QualityTaskPublisher.PollIntervalKey] = "00:00:00.200";
        return settings;
    }

    protected override void ObserveEvents(EventRecorder recorder) =>
        recorder.Record<RegistryQualityTaskAssigned>().Record<RegistryQualityTaskProgressed>().Record<TaskAssigned>().Record<TaskAccepted>();

    public static Task<PagedResult<TaskSummaryDto>> TasksAsync(DirectivesClient client, Guid assignmentId, string commune) =>
        client.ListTasksAsync(new TaskQuery(SourceId: RegistryQualityTasks.SourceId(assignmentId, commune)), 1, 20, TestContext.Current.CancellationToken);

    public override async ValueTask DisposeAsync()
    {
        if (Directives is not null)
        {
            await Directives.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}

public sealed class QualityTaskTests(QualityTaskFixture fixture) : IClassFixture<QualityTaskFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Assigning_a_category_opens_a_task_per_commune_that_progresses_as_items_close_and_closes_at_zero()
    {
        var bmt = await fixture.ClientForAsync("bmt.officer");
        var due = fixture.Today.AddDays(30);
        var assignment = await bmt.AssignQualityAsync(new AssignQualityRequest(QualityTaskFixture.Category, "643", due), Cancel);
        Assert.Equal([(QualityTaskFixture.TanLap, 1), (QualityTaskFixture.TanLoi, 3)],
            assignment.Communes.Select(c => (c.CommuneCode, c.Open)).Order().ToList());
        Assert.Empty(assignment.AlreadyAssigned);

        var tanloi = await fixture.Directives.ClientForAsync("tanloi.officer");
        var task = Assert.Single((await Eventually.ReturnsAsync(() => QualityTaskFixture.TasksAsync(tanloi, assignment.Id, QualityTaskFixture.TanLoi),
            p => p.Total > 0, because: "the commune's task appears")).Items);
        Assert.Equal((RegistryQualityTasks.SourceType, QualityTaskFixture.TanLoi, "643", "assigned", due),
            (task.SourceType, task.AssigneeUnitCode, task.AssignerUnitCode, task.Status, task.DueOn));
        Assert.Equal("Làm sạch CSDL dân cư: Vắng mặt tại nơi cư trú", task.Title);
        var document = (await tanloi.GetDocumentAsync(task.DocumentId!.Value, Cancel))!;
        Assert.Equal(("registry-quality-assignment", "643", "system:cleansing"), (document.Type, document.IssuingUnitCode, document.CreatedBy));

        // Nobody accepts it by a click: the data closes it.
        var province = await fixture.Directives.ClientForAsync("province.officer");
        var refused = await FailsAsync(ApiFailure.Conflict, () => province.AcceptTaskAsync(task.Id, new AcceptTaskRequest("Xong"), Cancel));
        Assert.Contains("chỉ được đóng khi xã, phường đã xử lý hết", refused.Message);

        // Assigning again while the tasks are open skips both communes: one list of a category at a time.
        var again = await bmt.AssignQualityAsync(new AssignQualityRequest(QualityTaskFixture.Category, "643", due), Cancel);
        Assert.Empty(again.Communes);
        Assert.Equal(2, again.AlreadyAssigned.Count);

        // The commune officer works the list: each closed item is reported on the task, the last one closes it.
        var officer = await fixture.ClientForAsync("tanloi.officer");
        var items = (await officer.ListQualityItemsAsync(new QualityItemQuery(Category: QualityTaskFixture.Category, Status: QualityItemStatuses.Open), 1, 50, Cancel)).Items;
        Assert.Equal(3, items.Count);
        await officer.CloseQualityItemAsync(items[0].Id, new CloseQualityItemRequest(QualityOutcomes.Updated), Cancel);
        var progressed = await Eventually.ReturnsAsync(async () => (await tanloi.GetTaskAsync(task.Id, Cancel))!, t => t.LatestPercent == 33,
            TimeSpan.FromSeconds(60), "one of three closed is reported");
        Assert.Equal("in_progress", progressed.Status);
        Assert.Equal(("Đã làm sạch 1/3 (đạt 33,33%)", "system:cleansing"), (progressed.Reports[^1].Note, progressed.Reports[^1].By));

        await officer.CloseQualityItemAsync(items[1].Id, new CloseQualityItemRequest(QualityOutcomes.CannotUpdate, "not_at_address", "Đã chuyển đi nơi khác"), Cancel);
        await officer.CloseQualityItemAsync(items[2].Id, new CloseQualityItemRequest(QualityOutcomes.Updated), Cancel);
        var closed = await DirectivesAlongside.StatusBecomesAsync(tanloi, task.Id, "accepted");
        Assert.Equal((100, "system:cleansing"), (closed.LatestPercent, closed.History[^1].Actor));
        Assert.Equal("Đã làm sạch 3/3 (đạt 100%)", closed.History[^1].Note);

        // Tân Lập's task is untouched; the list reads the figures of both communes.
        var tanlap = await fixture.Directives.ClientForAsync("tanlap.officer");
        Assert.Equal("assigned", Assert.Single((await QualityTaskFixture.TasksAsync(tanlap, assignment.Id, QualityTaskFixture.TanLap)).Items).Status);
        var shares = (await bmt.ListQualityAssignmentsAsync(new QualityAssignmentQuery(Unit: "643", Category: QualityTaskFixture.Category), 1, 20, Cancel)).Items;
        var tanloiShare = Assert.Single(shares, s => s.CommuneCode == QualityTaskFixture.TanLoi);
        Assert.Equal(("3/3 (100%)", 0), (tanloiShare.Figure, tanloiShare.Open));
        Assert.NotNull(tanloiShare.CompletedAt);
        Assert.Null(Assert.Single(shares, s => s.CommuneCode == QualityTaskFixture.TanLap).CompletedAt);

        // Once per change: the assignment, then one event per changed count, the last with nothing open.
        var events = fixture.Seen<RegistryQualityTaskProgressed>(e => e.AssignmentId == assignment.Id && e.UnitCode == QualityTaskFixture.TanLoi);
        Assert.Equal(0, events[^1].Open);
        Assert.Single(fixture.Seen<TaskAccepted>(e => e.TaskId == task.Id));
    }

    [Fact]
    public async Task Communes_and_units_outside_the_scope_cannot_assign_and_bad_input_names_the_field()
    {
        var tanloi = await fixture.ClientForAsync("tanloi.officer");
        await FailsAsync(ApiFailure.Forbidden, () => tanloi.AssignQualityAsync(
            new AssignQualityRequest(QualityTaskFixture.Category, QualityTaskFixture.TanLoi, fixture.Today.AddDays(7)), Cancel));
        var bmt = await fixture.ClientForAsync("bmt.officer");
        await FailsAsync(ApiFailure.Forbidden, () => bmt.AssignQualityAsync(
            new AssignQualityRequest(QualityTaskFixture.Category, "644", fixture.Today.AddDays(7)), Cancel));
        Assert.Equal(["category", "dueOn", "unitCode"], Fields(await FailsAsync(ApiFailure.Invalid, () => bmt.AssignQualityAsync(
            new AssignQualityRequest("no_such_category", "99999", null), Cancel))));
        Assert.Equal(["dueOn"], Fields(await FailsAsync(ApiFailure.Invalid, () => bmt.AssignQualityAsync(
            new AssignQualityRequest(QualityTaskFixture.Category, "643", fixture.Today.AddDays(-1)), Cancel))));
        await FailsAsync(ApiFailure.NotFound, () => bmt.ListQualityAssignmentsAsync(new QualityAssignmentQuery(Unit: "644"), 1, 20, Cancel));
        Assert.Equal(["category"], Fields(await FailsAsync(ApiFailure.Invalid, () => bmt.ListQualityAssignmentsAsync(
            new QualityAssignmentQuery(Category: "no_such_category"), 1, 20, Cancel))));
    }
}
