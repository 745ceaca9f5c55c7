using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dakla06.Cleansing.Api;
using Dakla06.Cleansing.Data;
using Dakla06.Cleansing.Domain;
using Dakla06.IntegrationTests.Support;
using Dakla06.People;

namespace Dakla06.IntegrationTests.Cleansing;

/// <summary>The cleansing API with a re-validation allowance of three corrections a minute per user.</summary>
public sealed class RevalidationFixture : CleansingFixture
{
    public const int PerMinute = 3;

    protected override Dictionary<string, string> Settings()
    {
        var settings = base.Settings();
        settings[RevalidationLimiter.PerMinuteKey] = PerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return settings;
    }
}

/// <summary>
/// A correction re-validated against the registry is a registry read: audited with the ID number it checked, and
/// limited per user (429 beyond the allowance), so that repeated corrections cannot read birth dates out of the registry.
/// </summary>
public sealed class RevalidationTests(RevalidationFixture fixture) : IClassFixture<RevalidationFixture>
{
    [Fact]
    public async Task Every_correction_is_audited_as_a_registry_read_and_a_user_gets_429_beyond_the_allowance()
    {
        var officer = await SignedIn.ClientAsync(fixture.Api, fixture.Identity, "bmt.officer");
        var batch = await UploadAsync(officer);
        var probes = Enumerable.Range(1, RevalidationFixture.PerMinute + 1)
            .Select(serial => IdNumbers.Compose("066", Gender.Female, 1985, serial)).ToList();

        for (var i = 0; i < RevalidationFixture.PerMinute; i++)
        {
            await CorrectAsync(officer, batch, probes[i], HttpStatusCode.OK);
        }

        var refused = await CorrectAsync(officer, batch, probes[^1], HttpStatusCode.TooManyRequests);
        Assert.Contains($"{RevalidationFixture.PerMinute}", JsonDocument.Parse(refused).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Each re-validation that ran is in the audit log with who, which record and which ID; the refused one is not.
        var audited = await fixture.ScalarAsync(
            "SELECT count(*) FROM audit_log WHERE username = 'bmt.officer' AND action = @action AND subject_id = @batch AND line_no = 2",
            ("action", CleansingAudit.RevalidateRecord), ("batch", batch));
        Assert.Equal(RevalidationFixture.PerMinute, audited);
        foreach (var probe in probes.Take(RevalidationFixture.PerMinute))
        {
            Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM audit_log WHERE action = @action AND detail = @detail",
                ("action", CleansingAudit.RevalidateRecord), ("detail", $"id={probe}")));
        }

        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM audit_log WHERE detail = @detail", ("detail", $"id={probes[^1]}")));

        // The allowance is per user: another officer still gets an answer.
        var cleanser = await SignedIn.ClientAsync(fixture.Api, fixture.Identity, "province.cleanser");
        await CorrectAsync(cleanser, batch, probes[^1], HttpStatusCode.OK);
    }

    private static async Task<string> CorrectAsync(HttpClient client, Guid batch, string idNumber, HttpStatusCode expected)
    {
        var cancel = TestContext.Current.CancellationToken;
        using var response = await client.PostAsJsonAsync($"/api/cleansing/batches/{batch}/records/2/resolve", new { action = "correct", idNumber }, cancel);
        var body = await response.Content.ReadAsStringAsync(cancel);
        Assert.True(response.StatusCode == expected, $"correct {idNumber}: expected {(int)expected}, got {(int)response.StatusCode} {body}");
        return body;
    }

    private static async Task<Guid> UploadAsync(HttpClient client)
    {
        var cancel = TestContext.Current.CancellationToken;
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes("ho_ten,ngay_sinh,gioi_tinh,so_dinh_danh\r\nTrần Thị Bình,04/03/1985,Nữ,\r\n")), "file", "batch.csv");
        form.Add(new StringContent("vaccination"), "dataset");
        form.Add(new StringContent("643"), "unitCode");
        using var response = await client.PostAsync("/api/cleansing/batches", form, cancel);
        var body = await response.Content.ReadAsStringAsync(cancel);
        Assert.True(response.IsSuccessStatusCode, $"upload: {(int)response.StatusCode} {body}");
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
        await Eventually.ReturnsAsync(
            () => client.GetFromJsonAsync<JsonElement>($"/api/cleansing/batches/{id}", cancel),
            b => b.GetProperty("status").GetString() == "completed", because: "batch completed");
        return id;
    }
}
