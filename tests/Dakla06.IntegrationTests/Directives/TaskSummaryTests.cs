using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dakla06.IntegrationTests.Directives;

/// <summary>
/// A known data set: the province assigns to all 15 districts (due in 10 days) and to the 21 communes of Buôn Ma Thuột
/// (due yesterday: overdue); Buôn Ma Thuột assigns four tasks to its communes: one accepted on time (24136), one
/// accepted late (24118), one in progress (24121), one reported done (24124).
/// </summary>
public sealed class TaskSummaryFixture : TasksFixture
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        using var province = await ClientForAsync("province.officer");
        using var bmt = await ClientForAsync("bmt.officer");
        var provincePlan = await CreateDocumentAsync(province, "plan", "1/KH-UBND", "66", "Kế hoạch năm");
        var cityPlan = await CreateDocumentAsync(bmt, "plan", "2/KH-UBND", "643", "Kế hoạch thành phố");

        await AssignAsync(province, provincePlan, Task("Báo cáo quý", Today.AddDays(10), allDistricts: true));
        await AssignAsync(province, provincePlan, Task("Thành lập tổ công tác", Today.AddDays(-1), allCommunesOf: "643"));

        async Task ActAsync(string unit, DateOnly due, params (string Path, object Body, string? User)[] steps)
        {
            var id = (await AssignAsync(bmt, cityPlan, Task($"Nhiệm vụ {unit}", due, units: [unit]))).Single();
            using var assignee = ClientWithToken(await Identity.ForgeAsync(unit, ["commune-user", "directive-officer"]));
            foreach (var (path, body, user) in steps)
            {
                var client = user is null ? assignee : bmt;
                using var response = await client.PostAsJsonAsync($"/api/directives/tasks/{id}/{path}", body);
                Assert.True(response.IsSuccessStatusCode, $"{path} on {unit}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        var done = new { note = "Xong", percent = 100, done = true };
        await ActAsync("24136", Today.AddDays(5), ("reports", done, null), ("accept", new { }, "bmt"));
        await ActAsync("24118", Today.AddDays(-2), ("reports", done, null), ("accept", new { }, "bmt"));
        await ActAsync("24121", Today.AddDays(5), ("reports", new { note = "Đang làm", percent = 40, done = false }, null));
        await ActAsync("24124", Today.AddDays(5), ("reports", done, null));
    }
}

public sealed class TaskSummaryTests(TaskSummaryFixture fixture) : IClassFixture<TaskSummaryFixture>
{
    private static int[] Counts(JsonElement summary)
    {
        var c = summary.GetProperty("counts");
        return [c.GetProperty("assigned").GetInt32(), c.GetProperty("in_progress").GetInt32(), c.GetProperty("reported_done").GetInt32(),
            c.GetProperty("accepted").GetInt32(), c.GetProperty("total").GetInt32(), summary.GetProperty("overdue").GetInt32()];
    }

    private static double? Rate(JsonElement summary) =>
        summary.GetProperty("onTimeRate").ValueKind == JsonValueKind.Null ? null : summary.GetProperty("onTimeRate").GetDouble();

    private static JsonElement Child(JsonElement summary, string code) =>
        summary.GetProperty("children").EnumerateArray().Single(c => c.GetProperty("unitCode").GetString() == code);

    [Fact]
    public async Task Province_summary_counts_the_whole_province_and_each_district_with_its_communes()
    {
        using var client = await fixture.ClientForAsync("province.leader");
        var summary = await client.GetFromJsonAsync<JsonElement>("/api/directives/summary", TestContext.Current.CancellationToken);

        Assert.Equal("66", summary.GetProperty("unitCode").GetString());
        Assert.Equal("Tỉnh Đắk Lắk", summary.GetProperty("unitName").GetString());
        Assert.Equal([36, 1, 1, 2, 40, 21], Counts(summary));
        Assert.Equal(0.5, Rate(summary));
        Assert.Equal(15, summary.GetProperty("children").GetArrayLength());

        var city = Child(summary, "643");
        Assert.Equal("Thành phố Buôn Ma Thuột", city.GetProperty("unitName").GetString());
        Assert.Equal([22, 1, 1, 2, 26, 21], Counts(city));
        Assert.Equal(0.5, Rate(city));
        var buonHo = Child(summary, "644");
        Assert.Equal([1, 0, 0, 0, 1, 0], Counts(buonHo));
        Assert.Null(Rate(buonHo));
    }

    [Fact]
    public async Task District_summary_defaults_to_the_callers_unit_and_lists_every_commune_including_those_without_tasks()
    {
        using var client = await fixture.ClientForAsync("bmt.officer");
        var summary = await client.GetFromJsonAsync<JsonElement>("/api/directives/summary", TestContext.Current.CancellationToken);

        Assert.Equal("643", summary.GetProperty("unitCode").GetString());
        Assert.Equal([22, 1, 1, 2, 26, 21], Counts(summary));
        Assert.Equal(21, summary.GetProperty("children").GetArrayLength());
        Assert.Equal([1, 0, 0, 1, 2, 1], Counts(Child(summary, "24136")));
        Assert.Equal(1.0, Rate(Child(summary, "24136")));
        Assert.Equal(0.0, Rate(Child(summary, "24118")));
        Assert.Equal([1, 1, 0, 0, 2, 1], Counts(Child(summary, "24121")));
        Assert.Equal([1, 0, 1, 0, 2, 1], Counts(Child(summary, "24124")));
        Assert.Equal([1, 0, 0, 0, 1, 1], Counts(Child(summary, "24127")));

        using var province = await fixture.ClientForAsync("province.officer");
        var quiet = await province.GetFromJsonAsync<JsonElement>("/api/directives/summary?unit=645", TestContext.Current.CancellationToken);
        Assert.Equal([1, 0, 0, 0, 1, 0], Counts(quiet));
        Assert.Equal(12, quiet.GetProperty("children").GetArrayLength());
        Assert.All(quiet.GetProperty("children").EnumerateArray(), c => Assert.Equal([0, 0, 0, 0, 0, 0], Counts(c)));
    }

    [Fact]
    public async Task Commune_summary_has_no_children_and_units_outside_scope_are_404()
    {
        using var tanLoi = await fixture.ClientForAsync("tanloi.officer");
        var summary = await tanLoi.GetFromJsonAsync<JsonElement>("/api/directives/summary", TestContext.Current.CancellationToken);
        Assert.Equal([1, 0, 0, 1, 2, 1], Counts(summary));
        Assert.Empty(summary.GetProperty("children").EnumerateArray());

        using var bmt = await fixture.ClientForAsync("bmt.officer");
        foreach (var unit in new[] { "66", "644", "24305", "99999" })
        {
            using var response = await bmt.GetAsync($"/api/directives/summary?unit={unit}", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }
}
