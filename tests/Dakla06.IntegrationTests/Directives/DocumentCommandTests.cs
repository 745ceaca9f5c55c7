using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dakla06.Contracts.Directives;
using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Directives;
using static Dakla06.IntegrationTests.Support.ApiAssert;

namespace Dakla06.IntegrationTests.Directives;

public sealed class DocumentCommandTests(DirectivesFixture fixture) : IClassFixture<DirectivesFixture>
{
    [Fact]
    public async Task Created_document_answers_201_with_its_location_stores_its_unit_path_and_publishes_DirectiveIssued()
    {
        // Raw HTTP for the status and the Location header, which the typed client does not expose; the body is the contract's.
        using var http = await fixture.HttpClientForAsync("bmt.officer");
        using var response = await http.PostAsJsonAsync(DirectivesRoutes.Path(DirectivesRoutes.Documents), new CreateDocumentRequest(
            "decision", "15/qđ-ubnd", "643", new DateOnly(2026, 2, 10), "Thành lập Tổ công tác Đề án 06 thành phố", ""), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<DocumentDto>(TestContext.Current.CancellationToken);
        Assert.NotNull(created);
        Assert.Equal(DirectivesRoutes.Path(DirectivesRoutes.Document, created.Id), response.Headers.Location?.OriginalString);
        Assert.Equal("15/QĐ-UBND", created.Number);
        Assert.Equal("Thành phố Buôn Ma Thuột", created.IssuingUnitName);
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM documents WHERE id = @id AND unit_path::text = '66.643'", ("id", created.Id)));
        var issued = Assert.Single(await fixture.AwaitEventsAsync<DirectiveIssued>(e => e.DocumentId == created.Id));
        Assert.Equal(("643", "15/QĐ-UBND"), (issued.UnitCode, issued.Number));
    }

    [Fact]
    public async Task Invalid_fields_get_400_naming_each_field()
    {
        var client = await fixture.ClientForAsync("bmt.officer");
        var invalid = await FailsAsync(ApiFailure.Invalid, () => client.CreateDocumentAsync(
            new CreateDocumentRequest("memo", "abc", "643", new DateOnly(2099, 1, 1), "", null), Guid.NewGuid().ToString(), TestContext.Current.CancellationToken));

        Assert.Contains("type", Fields(invalid));
        Assert.Contains("issuedOn", Fields(invalid));
        Assert.Contains("subject", Fields(invalid));
    }

    [Fact]
    public async Task Malformed_json_value_gets_400_problem_naming_the_field_not_500()
    {
        // Deliberately outside the contract: a date the typed client could not send.
        using var client = await fixture.HttpClientForAsync("bmt.officer");
        using var content = new StringContent(
            """{"type":"plan","number":"8/KH-UBND","issuingUnitCode":"643","issuedOn":"31/12/2026","subject":"x"}""",
            Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(DirectivesRoutes.Path(DirectivesRoutes.Documents), content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("issuedOn", out _), errors.ToString());
    }

    [Fact]
    public async Task Same_number_at_the_same_unit_in_the_same_year_is_a_409_conflict()
    {
        var client = await fixture.ClientForAsync("tanloi.officer");
        await DirectivesFixture.CreateDocumentAsync(client, "report", "11/BC-UBND", "24136", "Báo cáo tháng 1", new DateOnly(2026, 1, 31));

        await FailsAsync(ApiFailure.Conflict, () => DirectivesFixture.CreateDocumentAsync(client, "report", "11/BC-UBND", "24136", "Báo cáo tháng 2", new DateOnly(2026, 2, 28)));

        // Next year the sequence starts again.
        await DirectivesFixture.CreateDocumentAsync(client, "report", "11/BC-UBND", "24136", "Báo cáo năm sau", new DateOnly(2025, 1, 31));
    }

    [Fact]
    public async Task Repeating_a_create_with_the_same_Idempotency_Key_returns_the_first_document()
    {
        var client = await fixture.ClientForAsync("tanlap.officer");
        var notice = new CreateDocumentRequest("notice", "3/TB-UBND", "24118", new DateOnly(2026, 4, 1), "Thông báo lịch tiếp dân", null);

        var first = await client.CreateDocumentAsync(notice, "create-3-TB-2026", TestContext.Current.CancellationToken);
        var again = await client.CreateDocumentAsync(notice, "create-3-TB-2026", TestContext.Current.CancellationToken);

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM documents WHERE number = '3/TB-UBND'"));
    }

    [Fact]
    public async Task Filters_by_type_and_date_range_and_rejects_an_inverted_range()
    {
        var client = await fixture.ClientForAsync("anlac.officer");
        var cancel = TestContext.Current.CancellationToken;
        await DirectivesFixture.CreateDocumentAsync(client, "plan", "20/KH-UBND", "24305", "Kế hoạch quý 2", new DateOnly(2026, 4, 2));
        await DirectivesFixture.CreateDocumentAsync(client, "official-letter", "21/UBND-VP", "24305", "Công văn đôn đốc", new DateOnly(2026, 6, 2));

        var plans = await client.ListDocumentsAsync(new DocumentQuery("plan", new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30)), 1, 20, cancel);
        Assert.Equal(["20/KH-UBND"], plans.Items.Select(d => d.Number));

        await FailsAsync(ApiFailure.Invalid, () => client.ListDocumentsAsync(new DocumentQuery(From: new DateOnly(2026, 5, 1), To: new DateOnly(2026, 4, 1)), 1, 20, cancel));
        await FailsAsync(ApiFailure.Invalid, () => client.ListDocumentsAsync(new DocumentQuery(), 1, 100_000, cancel));
    }
}
