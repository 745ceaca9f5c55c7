using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dakla06.IntegrationTests.Support;
using Npgsql;

namespace Dakla06.IntegrationTests.Directives;

public sealed class DocumentCommandTests(DirectivesFixture fixture) : IClassFixture<DirectivesFixture>
{
    [Fact]
    public async Task Created_document_answers_201_with_its_location_and_writes_DirectiveIssued_to_the_outbox_in_the_same_transaction()
    {
        using var client = await fixture.ClientForAsync("bmt.officer");
        using var response = await client.PostAsJsonAsync("/api/directives/documents", new
        {
            type = "decision", number = "15/qđ-ubnd", issuingUnitCode = "643", issuedOn = "2026-02-10",
            subject = "Thành lập Tổ công tác Đề án 06 thành phố", summary = "",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal($"/api/directives/documents/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("15/QĐ-UBND", created.GetProperty("number").GetString());
        Assert.Equal("Thành phố Buôn Ma Thuột", created.GetProperty("issuingUnitName").GetString());

        // The relay may already have published and deleted the row; either the row is there or it was relayed.
        await using var connection = new NpgsqlConnection(fixture.DatabaseConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var unit = new NpgsqlCommand("SELECT unit_path::text FROM documents WHERE id = @id", connection);
        unit.Parameters.AddWithValue("id", id);
        Assert.Equal("66.643", await unit.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Invalid_fields_get_400_naming_each_field()
    {
        using var client = await fixture.ClientForAsync("bmt.officer");
        using var response = await client.PostAsJsonAsync("/api/directives/documents", new
        {
            type = "memo", number = "abc", issuingUnitCode = "643", issuedOn = "2099-01-01", subject = "",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("type", out _));
        Assert.True(errors.TryGetProperty("issuedOn", out _));
        Assert.True(errors.TryGetProperty("subject", out _));
    }

    [Fact]
    public async Task Malformed_json_value_gets_400_naming_the_field_not_500()
    {
        using var client = await fixture.ClientForAsync("bmt.officer");
        using var content = new StringContent(
            """{"type":"plan","number":"8/KH-UBND","issuingUnitCode":"643","issuedOn":"31/12/2026","subject":"x"}""",
            Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/api/directives/documents", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("issuedOn", out _), errors.ToString());
    }

    [Fact]
    public async Task Same_number_at_the_same_unit_in_the_same_year_is_a_409_conflict()
    {
        using var client = await fixture.ClientForAsync("tanloi.officer");
        await DirectivesFixture.CreateDocumentAsync(client, "report", "11/BC-UBND", "24136", "Báo cáo tháng 1", new DateOnly(2026, 1, 31));

        using var again = await client.PostAsJsonAsync("/api/directives/documents", new
        {
            type = "report", number = "11/BC-UBND", issuingUnitCode = "24136", issuedOn = "2026-02-28", subject = "Báo cáo tháng 2",
        });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        // Next year the sequence starts again.
        await DirectivesFixture.CreateDocumentAsync(client, "report", "11/BC-UBND", "24136", "Báo cáo năm sau", new DateOnly(2025, 1, 31));
    }

    [Fact]
    public async Task Repeating_a_create_with_the_same_Idempotency_Key_returns_the_first_document()
    {
        using var client = await fixture.ClientForAsync("tanlap.officer");
        async Task<Guid> PostAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/directives/documents")
            {
                Content = JsonContent.Create(new { type = "notice", number = "3/TB-UBND", issuingUnitCode = "24118", issuedOn = "2026-04-01", subject = "Thông báo lịch tiếp dân" }),
            };
            request.Headers.Add("Idempotency-Key", "create-3-TB-2026");
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }

        Assert.Equal(await PostAsync(), await PostAsync());
    }

    [Fact]
    public async Task Filters_by_type_and_date_range_and_rejects_an_inverted_range()
    {
        using var client = await fixture.ClientForAsync("anlac.officer");
        await DirectivesFixture.CreateDocumentAsync(client, "plan", "20/KH-UBND", "24305", "Kế hoạch quý 2", new DateOnly(2026, 4, 2));
        await DirectivesFixture.CreateDocumentAsync(client, "official-letter", "21/UBND-VP", "24305", "Công văn đôn đốc", new DateOnly(2026, 6, 2));

        var plans = await client.GetFromJsonAsync<JsonElement>("/api/directives/documents?type=plan&from=2026-04-01&to=2026-04-30");
        Assert.Equal(["20/KH-UBND"], plans.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("number").GetString()).ToArray());

        using var inverted = await client.GetAsync("/api/directives/documents?from=2026-05-01&to=2026-04-01");
        Assert.Equal(HttpStatusCode.BadRequest, inverted.StatusCode);
        using var hugePage = await client.GetAsync("/api/directives/documents?pageSize=100000");
        Assert.Equal(HttpStatusCode.BadRequest, hugePage.StatusCode);
    }
}
