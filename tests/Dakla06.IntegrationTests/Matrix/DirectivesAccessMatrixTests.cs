using Dakla06.Contracts.Http.Directives;
using Dakla06.IntegrationTests.Directives;
using static Dakla06.IntegrationTests.Matrix.MatrixSeeds;
using R = Dakla06.Contracts.Http.Directives.DirectivesRoutes;

namespace Dakla06.IntegrationTests.Matrix;

/// <summary>
/// Directive tracking's access matrix. Objects at a unit: a document issued by it; a task assigned to it by the unit
/// above (so a district or commune officer is on the assignee side of their "inside" task, the province on the
/// assigner side of a district's).
/// </summary>
public sealed class DirectivesAccessMatrixTests(DirectivesFixture fixture) : AccessMatrixTests, IClassFixture<DirectivesFixture>
{
    private static int _numbers;
    private readonly SeedCache<Guid> _documents = new();
    private readonly SeedCache<(Guid Id, Guid DocumentId, string Title)> _tasks = new();

    protected override string Service => "directives";

    protected override string Root => R.Root;

    protected override async Task<HttpClient> ClientAsync(string? username) =>
        username is null ? fixture.HttpClientWithToken(null) : await fixture.HttpClientForAsync(username);

    protected override IReadOnlyList<AccessRow> Rows() =>
    [
        //                                                                   pl  po  pi  pc  pe  bi  bo  ho  tl  tn  al  mm  uu
        new("GET", R.Documents, async unit => new($"{R.Documents}?pageSize=200", Marker: (await DocumentAtAsync(unit)).ToString()),
            Inside:                                                         "L   L   L   L   L   L   L   L   L   L   L  403 403",
            Outside:                                                        "-   -   -   -   -   H   H   H   H   H   H   -   -"),
        new("GET", R.Document, async unit => new(R.Path(R.Document, await DocumentAtAsync(unit))[R.Root.Length..]),
            Inside:                                                         "200 200 200 200 200 200 200 200 200 200 200 403 403",
            Outside:                                                        "-   -   -   -   -  404 404 404 404 404 404  -   -"),
        new("POST", R.Documents, unit => Task.FromResult(new AccessRequest(R.Documents, Json(NewDocument(unit)))),
            Inside:                                                         "403 201 403 403 403 403 201 201 201 201 201 403 403",
            Outside:                                                        "-   -   -   -   -  403 403 403 403 403 403  -   -"),
        new("POST", R.DocumentTasks, async unit => new(Sub(R.Path(R.DocumentTasks, await DocumentAtAsync(unit))), Json(NewTask(Unique("T"), ChildOf(unit)))),
            Inside:                                                         "403 201 403 403 403 403 201 201 403 403 403 403 403",
            Outside:                                                        "-   -   -   -   -  403 403 403 403 403 403  -   -"),
        new("GET", R.Tasks, async unit => { var t = await TaskAtAsync(unit); return new AccessRequest($"{R.Tasks}?pageSize=200&documentId={t.DocumentId}", Marker: t.Title); },
            Inside:                                                         "L   L   L   L   L   L   L   L   L   L   L  403 403",
            Outside:                                                        "-   -   -   -   -   H   H   H   H   H   H   -   -"),
        new("GET", R.TasksExport, async unit => { var t = await TaskAtAsync(unit); return new AccessRequest($"{R.TasksExport}?documentId={t.DocumentId}", Marker: t.Title); },
            Inside:                                                         "L   L   L   L   L   L   L   L   L   L   L  403 403",
            Outside:                                                        "-   -   -   -   -   H   H   H   H   H   H   -   -"),
        new("GET", R.Task, async unit => new(Sub(R.Path(R.Task, (await TaskAtAsync(unit)).Id))),
            Inside:                                                         "200 200 200 200 200 200 200 200 200 200 200 403 403",
            Outside:                                                        "-   -   -   -   -  404 404 404 404 404 404  -   -"),
        new("POST", R.TaskStart, async unit => new(Sub(R.Path(R.TaskStart, await NewTaskAtAsync(unit)))),
            Inside:                                                         "403 403 403 403 403 403 200 200 200 200 200 403 403",
            Outside:                                                        "-   -   -   -   -  403 404 404 404 404 404  -   -"),
        new("POST", R.TaskReports, async unit => new(Sub(R.Path(R.TaskReports, await NewTaskAtAsync(unit))), Json(new ReportTaskRequest("Đã triển khai", 50, null, false))),
            Inside:                                                         "403 403 403 403 403 403 200 200 200 200 200 403 403",
            Outside:                                                        "-   -   -   -   -  403 404 404 404 404 404  -   -"),
        new("POST", R.TaskAccept, async unit => new(Sub(R.Path(R.TaskAccept, await ReportedTaskAtAsync(unit))), Json(new AcceptTaskRequest("Đạt"))),
            Inside:                                                         "403 200 403 403 403 403 403 403 403 403 403 403 403",
            Outside:                                                        "-   -   -   -   -  403 404 404 404 404 404  -   -"),
        new("POST", R.TaskReturn, async unit => new(Sub(R.Path(R.TaskReturn, await ReportedTaskAtAsync(unit))), Json(new ReturnTaskRequest("Chưa đủ"))),
            Inside:                                                         "403 200 403 403 403 403 403 403 403 403 403 403 403",
            Outside:                                                        "-   -   -   -   -  403 404 404 404 404 404  -   -"),
        new("POST", R.TaskRemind, async unit => new(Sub(R.Path(R.TaskRemind, await NewTaskAtAsync(unit))), Json(new RemindTaskRequest("Đề nghị khẩn trương"))),
            Inside:                                                         "403 200 403 403 403 403 403 403 403 403 403 403 403",
            Outside:                                                        "-   -   -   -   -  403 404 404 404 404 404  -   -"),
        new("GET", R.Summary, unit => Task.FromResult(new AccessRequest($"{R.Summary}?unit={unit}")),
            Inside:                                                         "200 200 200 200 200 200 200 200 200 200 200 403 403",
            Outside:                                                        "-   -   -   -   -  404 404 404 404 404 404  -   -"),
        new("GET", R.WorkingGroups, unit => Task.FromResult(new AccessRequest($"{R.WorkingGroups}?unit={unit}")),
            Inside:                                                         "200 200 200 200 200 200 200 200 200 200 200 403 403",
            Outside:                                                        "-   -   -   -   -  404 404 404 404 404 404  -   -"),
        new("GET", R.WorkingGroupCoverage, unit => Task.FromResult(new AccessRequest($"{R.WorkingGroupCoverage}?unit={unit}")),
            Inside:                                                         "200 200 200 200 200 200 200 200 200 200 200 403 403",
            Outside:                                                        "-   -   -   -   -  404 404 404 404 404 404  -   -"),
        new("PUT", R.WorkingGroup, unit => Task.FromResult(new AccessRequest(Sub(R.Path(R.WorkingGroup, unit)), Json(new UpdateWorkingGroupRequest(true, null, null, true, null, null)))),
            Inside:                                                         "403 200 403 403 403 403 200 200 200 200 200 403 403",
            Outside:                                                        "-   -   -   -   -  403 403 403 403 403 403  -   -"),
    ];

    private static string Sub(string path) => path[R.Root.Length..];

    private static CreateDocumentRequest NewDocument(string unit) =>
        new("plan", $"{Interlocked.Increment(ref _numbers)}/KH-UBND", unit, new DateOnly(2026, 3, 1), "Kế hoạch triển khai Đề án 06", "Triển khai");

    private static CreateTasksRequest NewTask(string title, string unit) =>
        new(title, "Triển khai theo kế hoạch", "Báo cáo kết quả", DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30), "high", Units: [unit]);

    private Task<DirectivesClient> ClientOfAsync(string username) => fixture.ClientForAsync(username);

    /// <summary>A document issued by <paramref name="unit"/> (registered by the province officer).</summary>
    private Task<Guid> DocumentAtAsync(string unit) => _documents.GetAsync(unit, async () =>
        (await (await ClientOfAsync("province.officer")).CreateDocumentAsync(NewDocument(unit), Guid.NewGuid().ToString(), TestContext.Current.CancellationToken)).Id);

    /// <summary>A new task assigned to <paramref name="unit"/> by the unit above it, under a document of that unit.</summary>
    private async Task<(Guid Id, Guid DocumentId, string Title)> AssignAsync(string unit)
    {
        var assigner = ParentOf(unit);
        var document = await (await ClientOfAsync("province.officer")).CreateDocumentAsync(NewDocument(assigner), Guid.NewGuid().ToString(), TestContext.Current.CancellationToken);
        var title = Unique("Nhiệm vụ ");
        var created = await (await ClientOfAsync(DirectiveOfficerAt(assigner))).CreateTasksAsync(document.Id, NewTask(title, unit), Guid.NewGuid().ToString(), TestContext.Current.CancellationToken);
        return (created.TaskIds.Single(), document.Id, title);
    }

    private Task<(Guid Id, Guid DocumentId, string Title)> TaskAtAsync(string unit) => _tasks.GetAsync(unit, () => AssignAsync(unit));

    private async Task<Guid> NewTaskAtAsync(string unit) => (await AssignAsync(unit)).Id;

    /// <summary>A new task of <paramref name="unit"/> that its officer has started and reported done.</summary>
    private async Task<Guid> ReportedTaskAtAsync(string unit)
    {
        var id = await NewTaskAtAsync(unit);
        var assignee = await ClientOfAsync(DirectiveOfficerAt(unit));
        await assignee.StartTaskAsync(id, TestContext.Current.CancellationToken);
        await assignee.ReportTaskAsync(id, new ReportTaskRequest("Hoàn thành", 100, "Đạt", true), TestContext.Current.CancellationToken);
        return id;
    }
}
