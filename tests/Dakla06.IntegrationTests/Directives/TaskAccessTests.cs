using System.Globalization;
using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Directives;
using MiniExcelLibs;
using static Dakla06.IntegrationTests.Support.ApiAssert;

namespace Dakla06.IntegrationTests.Directives;

/// <summary>Tasks assigned by the province and by two districts, created through the API; then who sees what.</summary>
public sealed class TaskAccessFixture : DirectivesFixture
{
    /// <summary>Task title → (assigning user, assignee unit).</summary>
    public static readonly (string Title, string Assigner, string Unit)[] Seed =
    [
        ("P→643", "province.officer", "643"),
        ("P→24136", "province.officer", "24136"),
        ("P→644", "province.officer", "644"),
        ("643→24136", "bmt.officer", "24136"),
        ("643→24118", "bmt.officer", "24118"),
        ("644→24305", "buonho.officer", "24305"),
    ];

    public Dictionary<string, Guid> Ids { get; } = [];

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var documents = new Dictionary<string, Guid>();
        foreach (var (creator, unit, number) in new[] { ("province.officer", "66", "1/KH-UBND"), ("bmt.officer", "643", "2/KH-UBND"), ("buonho.officer", "644", "3/KH-UBND") })
        {
            documents[creator] = await CreateDocumentAsync(await ClientForAsync(creator), "plan", number, unit, $"Kế hoạch {number}");
        }

        var due = Today.AddDays(7);
        foreach (var (title, assigner, unit) in Seed)
        {
            Ids[title] = (await AssignAsync(await ClientForAsync(assigner), documents[assigner], NewTask(title, due, units: [unit]))).Single();
        }
    }
}

public sealed class TaskAccessTests(TaskAccessFixture fixture) : IClassFixture<TaskAccessFixture>
{
    private static readonly string[] All = TaskAccessFixture.Seed.Select(s => s.Title).ToArray();

    public static TheoryData<string, string[]> Visibility => new()
    {
        { "province.leader", All },
        { "province.officer", All },
        { "province.inspector", All },
        { "province.cleanser", All },
        { "bmt.officer", ["P→643", "P→24136", "643→24136", "643→24118"] },
        { "bmt.inspector", ["P→643", "P→24136", "643→24136", "643→24118"] },
        { "buonho.officer", ["P→644", "644→24305"] },
        { "tanloi.officer", ["P→24136", "643→24136"] },
        { "tanlap.officer", ["643→24118"] },
        { "anlac.officer", ["644→24305"] },
    };

    [Theory]
    [MemberData(nameof(Visibility))]
    public async Task Each_demo_user_lists_the_tasks_assigned_to_or_by_a_unit_in_their_scope(string username, string[] expected)
    {
        var client = await fixture.ClientForAsync(username);
        var page = await client.ListTasksAsync(new TaskQuery(), 1, 100, TestContext.Current.CancellationToken);

        Assert.Equal(expected.Order().ToArray(), page.Items.Select(t => t.Title).Order().ToArray());
        Assert.Equal(expected.Length, page.Total);
    }

    [Theory]
    [MemberData(nameof(Visibility))]
    public async Task Each_demo_user_opens_visible_tasks_and_gets_404_for_the_others(string username, string[] expected)
    {
        var client = await fixture.ClientForAsync(username);
        foreach (var (title, id) in fixture.Ids)
        {
            var task = await client.GetTaskAsync(id, TestContext.Current.CancellationToken);
            Assert.True(expected.Contains(title) == (task is not null), $"{username} opening {title}: {(task is null ? "404" : "found")}");
        }
    }

    [Theory]
    [InlineData("bmt.officer", "assigned", new[] { "P→643" })]
    [InlineData("bmt.officer", "assignedByMe", new[] { "643→24136", "643→24118" })]
    [InlineData("tanloi.officer", "assigned", new[] { "P→24136", "643→24136" })]
    [InlineData("province.officer", "assignedByMe", new[] { "P→643", "P→24136", "P→644" })]
    public async Task Mine_filter_separates_my_tasks_from_those_my_unit_assigned(string username, string mine, string[] expected)
    {
        var client = await fixture.ClientForAsync(username);
        var page = await client.ListTasksAsync(new TaskQuery(Mine: mine), 1, 100, TestContext.Current.CancellationToken);
        Assert.Equal(expected.Order(), page.Items.Select(t => t.Title).Order());
    }

    [Fact]
    public async Task List_item_carries_the_document_number_and_unit_names()
    {
        var client = await fixture.ClientForAsync("tanlap.officer");
        var page = await client.ListTasksAsync(new TaskQuery(Q: "24118"), 1, 20, TestContext.Current.CancellationToken);
        var item = Assert.Single(page.Items);
        Assert.Equal("2/KH-UBND", item.DocumentNumber);
        Assert.Equal("24118", item.AssigneeUnitCode);
        Assert.Equal("Thành phố Buôn Ma Thuột", item.AssignerUnitName);
        Assert.Equal("assigned", item.Status);
        Assert.False(item.Overdue);
        Assert.Null(item.LatestPercent);
        Assert.Equal(fixture.Today.AddDays(7), item.DueOn);
    }

    public static TheoryData<string> InvalidFilters => ["unknown status", "unknown mine", "unknown unit", "inverted due range"];

    [Theory]
    [MemberData(nameof(InvalidFilters))]
    public async Task Invalid_filters_get_400(string filter)
    {
        var query = filter switch
        {
            "unknown status" => new TaskQuery(Status: "done"),
            "unknown mine" => new TaskQuery(Mine: "everything"),
            "unknown unit" => new TaskQuery(AssigneeUnit: "99999"),
            _ => new TaskQuery(DueAfter: new DateOnly(2026, 5, 1), DueBefore: new DateOnly(2026, 4, 1)),
        };
        var client = await fixture.ClientForAsync("province.officer");
        await FailsAsync(ApiFailure.Invalid, () => client.ListTasksAsync(query, 1, 20, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Excel_export_has_the_Vietnamese_headers_and_one_row_per_visible_task()
    {
        var client = await fixture.ClientForAsync("bmt.officer");
        var file = await client.ExportTasksAsync(new TaskQuery(Mine: "assignedByMe"), TestContext.Current.CancellationToken);

        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file.ContentType);
        Assert.Equal($"nhiem-vu-{fixture.Today:yyyyMMdd}.xlsx", file.FileName);

        await using var stream = new MemoryStream(file.Content);
        var rows = stream.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(
            ["Số văn bản", "Nhiệm vụ", "Đơn vị thực hiện", "Đơn vị giao", "Hạn xử lý", "Trạng thái", "Quá hạn", "Tiến độ (%)"],
            rows[0].Values.Select(v => v?.ToString()));
        Assert.Equal(3, rows.Count);   // header + 2 tasks
        var first = rows.Skip(1).Select(r => r.Values.Select(v => v?.ToString()).ToArray()).OrderBy(r => r[1]).First();
        Assert.Equal("2/KH-UBND", first[0]);
        Assert.Equal("643→24118", first[1]);
        Assert.Equal("Thành phố Buôn Ma Thuột", first[3]);
        Assert.Equal(fixture.Today.AddDays(7).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), first[4]);
        Assert.Equal("Đã giao", first[5]);
        Assert.Equal("Không", first[6]);
    }
}
