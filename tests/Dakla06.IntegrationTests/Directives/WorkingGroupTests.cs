using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dakla06.IntegrationTests.Directives;

public sealed class WorkingGroupTests(DirectivesFixture fixture) : IClassFixture<DirectivesFixture>
{
    private static async Task<JsonElement> PutAsync(HttpClient client, string unit, object body, HttpStatusCode expected)
    {
        using var response = await client.PutAsJsonAsync($"/api/directives/working-groups/{unit}", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"PUT {unit}: expected {(int)expected}, got {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private static (long Established, long Total) Level(JsonElement coverage, string level) =>
        (coverage.GetProperty(level).GetProperty("established").GetInt64(), coverage.GetProperty(level).GetProperty("total").GetInt64());

    [Fact]
    public async Task Coverage_counts_districts_communes_and_villages_of_the_subtree()
    {
        using var province = await fixture.ClientForAsync("province.officer");
        using var bmt = await fixture.ClientForAsync("bmt.officer");
        using var buonHo = await fixture.ClientForAsync("buonho.officer");
        using var tanLoi = await fixture.ClientForAsync("tanloi.officer");

        var city = await PutAsync(bmt, "643", new { established = true, decisionNumber = "15/QĐ-UBND", decisionDate = "2022-03-10", regulationIssued = true }, HttpStatusCode.OK);
        Assert.Equal("Thành phố Buôn Ma Thuột", city.GetProperty("unitName").GetString());
        Assert.Equal("2022-03-10", city.GetProperty("decisionDate").GetString());
        await PutAsync(buonHo, "644", new { established = false, regulationIssued = false }, HttpStatusCode.OK);
        await PutAsync(tanLoi, "24136", new { established = true, regulationIssued = true, villageCount = 12, villagesEstablished = 12 }, HttpStatusCode.OK);
        await PutAsync(bmt, "24118", new { established = true, regulationIssued = false, villageCount = 9, villagesEstablished = 5 }, HttpStatusCode.OK);
        await PutAsync(buonHo, "24305", new { established = true, regulationIssued = true, villageCount = 7, villagesEstablished = 7 }, HttpStatusCode.OK);
        // Updating replaces the record.
        await PutAsync(bmt, "24118", new { established = true, regulationIssued = true, villageCount = 9, villagesEstablished = 6 }, HttpStatusCode.OK);

        var all = await province.GetFromJsonAsync<JsonElement>("/api/directives/working-groups/coverage", TestContext.Current.CancellationToken);
        Assert.Equal((1L, 15L), Level(all, "districts"));
        Assert.Equal((3L, 184L), Level(all, "communes"));
        Assert.Equal((25L, 28L), Level(all, "villages"));

        var cityCoverage = await bmt.GetFromJsonAsync<JsonElement>("/api/directives/working-groups/coverage", TestContext.Current.CancellationToken);
        Assert.Equal((1L, 1L), Level(cityCoverage, "districts"));
        Assert.Equal((2L, 21L), Level(cityCoverage, "communes"));
        Assert.Equal((18L, 21L), Level(cityCoverage, "villages"));

        var list = await bmt.GetFromJsonAsync<JsonElement>("/api/directives/working-groups?pageSize=100", TestContext.Current.CancellationToken);
        Assert.Equal(22, list.GetProperty("total").GetInt32());
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal("643", items[0].GetProperty("unitCode").GetString());
        var tanLap = items.Single(i => i.GetProperty("unitCode").GetString() == "24118");
        Assert.Equal(6, tanLap.GetProperty("villagesEstablished").GetInt32());
        var unrecorded = items.Single(i => i.GetProperty("unitCode").GetString() == "24121");
        Assert.False(unrecorded.GetProperty("established").GetBoolean());
        Assert.Equal(JsonValueKind.Null, unrecorded.GetProperty("updatedAt").ValueKind);
    }

    [Fact]
    public async Task Updates_are_validated_and_limited_to_the_callers_scope_and_role()
    {
        using var bmt = await fixture.ClientForAsync("bmt.officer");
        using var tanLoi = await fixture.ClientForAsync("tanloi.officer");
        using var leader = await fixture.ClientForAsync("province.leader");

        var tooMany = await PutAsync(tanLoi, "24136", new { established = true, regulationIssued = true, villageCount = 3, villagesEstablished = 4 }, HttpStatusCode.BadRequest);
        Assert.True(tooMany.GetProperty("errors").TryGetProperty("villagesEstablished", out _));
        var villagesForDistrict = await PutAsync(bmt, "643", new { established = true, regulationIssued = true, villageCount = 3 }, HttpStatusCode.BadRequest);
        Assert.True(villagesForDistrict.GetProperty("errors").TryGetProperty("villageCount", out _));
        var missing = await PutAsync(bmt, "643", new { }, HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("established", out _));

        await PutAsync(tanLoi, "643", new { established = true, regulationIssued = true }, HttpStatusCode.Forbidden);
        await PutAsync(bmt, "24305", new { established = true, regulationIssued = true }, HttpStatusCode.Forbidden);
        await PutAsync(leader, "66", new { established = true, regulationIssued = true }, HttpStatusCode.Forbidden);
        await PutAsync(bmt, "99999", new { established = true, regulationIssued = true }, HttpStatusCode.NotFound);

        using var outside = await bmt.GetAsync("/api/directives/working-groups/coverage?unit=644", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
    }
}
