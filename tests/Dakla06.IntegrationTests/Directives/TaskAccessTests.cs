using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MiniExcelLibs;

namespace Dakla06.IntegrationTests.Directives;

/// <summary>Tasks assigned by the province and by two districts, created through the API; then who sees what.</summary>
public sealed class TaskAccessFixture : TasksFixture
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
            using var client = await ClientForAsync(creator);
            documents[creator] = await CreateDocumentAsync(client, "plan", number, unit, $"Kế hoạch {number}");
        }

        var due = Today.AddDays(7);
        foreach (var (title, assigner, unit) in Seed)
        {
            using var client = await ClientForAsync(assigner);
            Ids[title] = (await AssignAsync(client, documents[assigner], Task(title, due, units: [unit]))).Single();
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
        using var client = await fixture.ClientForAsync(username);
        var page = await client.GetFromJsonAsync<JsonElement>("/api/directives/tasks?pageSize=100", TestContext.Current.CancellationToken);

        var titles = page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("title").GetString()).Order().ToArray();
        Assert.Equal(expected.Order().ToArray(), titles);
        Assert.Equal(expected.Length, page.GetProperty("total").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Visibility))]
    public async Task Each_demo_user_opens_visible_tasks_and_gets_404_for_the_others(string username, string[] expected)
    {
        using var client = await fixture.ClientForAsync(username);
        foreach (var (title, id) in fixture.Ids)
        {
            using var response = await client.GetAsync($"/api/directives/tasks/{id}", TestContext.Current.CancellationToken);
            Assert.True(
                (expected.Contains(title) ? HttpStatusCode.OK : HttpStatusCode.NotFound) == response.StatusCode,
                $"{username} opening {title}: {(int)response.StatusCode}");
        }
    }

    [Theory]
    [InlineData("bmt.officer", "assigned", new[] { "P→643" })]
    [InlineData("bmt.officer", "assignedByMe", new[] { "643→24136", "643→24118" })]
    [InlineData("tanloi.officer", "assigned", new[] { "P→24136", "643→24136" })]
    [InlineData("province.officer", "assignedByMe", new[] { "P→643", "P→24136", "P→644" })]
    public async Task Mine_filter_separates_my_tasks_from_those_my_unit_assigned(string username, string mine, string[] expected)
    {
        using var client = await fixture.ClientForAsync(username);
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/directives/tasks?mine={mine}", TestContext.Current.CancellationToken);
        Assert.Equal(expected.Order(), page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("title").GetString()).Order());
    }

    [Fact]
    public async Task List_item_carries_the_document_number_and_unit_names()
    {
        using var client = await fixture.ClientForAsync("tanlap.officer");
        var page = await client.GetFromJsonAsync<JsonElement>("/api/directives/tasks?q=24118", TestContext.Current.CancellationToken);
        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal("2/KH-UBND", item.GetProperty("documentNumber").GetString());
        Assert.Equal("24118", item.GetProperty("assigneeUnitCode").GetString());
        Assert.Equal("Thành phố Buôn Ma Thuột", item.GetProperty("assignerUnitName").GetString());
        Assert.Equal("assigned", item.GetProperty("status").GetString());
        Assert.False(item.GetProperty("overdue").GetBoolean());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("latestPercent").ValueKind);
        Assert.Equal(TasksFixture.Iso(fixture.Today.AddDays(7)), item.GetProperty("dueOn").GetString());
    }

    [Theory]
    [InlineData("status=done")]
    [InlineData("mine=everything")]
    [InlineData("assigneeUnit=99999")]
    [InlineData("dueAfter=2026-05-01&dueBefore=2026-04-01")]
    public async Task Invalid_filters_get_400(string query)
    {
        using var client = await fixture.ClientForAsync("province.officer");
        using var response = await client.GetAsync($"/api/directives/tasks?{query}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Excel_export_has_the_Vietnamese_headers_and_one_row_per_visible_task()
    {
        using var client = await fixture.ClientForAsync("bmt.officer");
        using var response = await client.GetAsync("/api/directives/tasks/export.xlsx?mine=assignedByMe", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"nhiem-vu-{fixture.Today:yyyyMMdd}.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);

        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        var rows = stream.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(
            ["Số văn bản", "Nhiệm vụ", "Đơn vị thực hiện", "Đơn vị giao", "Hạn xử lý", "Trạng thái", "Quá hạn", "Tiến độ (%)"],
            rows[0].Values.Select(v => v?.ToString()));
        Assert.Equal(3, rows.Count);   // header + 2 tasks
        var first = rows.Skip(1).Select(r => r.Values.Select(v => v?.ToString()).ToArray()).OrderBy(r => r[1]).First();
        Assert.Equal("2/KH-UBND", first[0]);
        Assert.Equal("643→24118", first[1]);
        Assert.Equal("Thành phố Buôn Ma Thuột", first[3]);
        Assert.Equal(fixture.Today.AddDays(7).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), first[4]);
        Assert.Equal("Đã giao", first[5]);
        Assert.Equal("Không", first[6]);
    }
}
