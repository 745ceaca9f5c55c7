using System.Text.Json;
using Dakla06.IntegrationTests.Support;

namespace Dakla06.IntegrationTests.Cleansing;

/// <summary>Personal data is masked unless the caller has pii-reader; every unmasked read is in the audit log, which leaders read.</summary>
public sealed class MaskingTests(BatchTestsFixture fixture) : IClassFixture<BatchTestsFixture>
{
    private static readonly string BinhId = BatchTestsFixture.Binh.IdNumber;

    private Task<long> AuditCountAsync(string username, Guid batchId) =>
        fixture.ScalarAsync("SELECT count(*) FROM audit_log WHERE username = @username AND batch_id = @batchId", ("username", username), ("batchId", batchId));

    private async Task<Guid> CompletedBatchAsync()
    {
        var cleanser = await fixture.ClientForAsync("province.cleanser");
        var id = (await CleansingFixture.UploadCsvAsync(cleanser, BatchTestsFixture.KnownBatch)).GetProperty("id").GetGuid();
        await CleansingFixture.AwaitBatchAsync(cleanser, id);
        return id;
    }

    [Fact]
    public async Task Without_pii_reader_ids_names_and_dates_are_masked_everywhere_and_nothing_is_audited()
    {
        var id = await CompletedBatchAsync();
        var officer = await fixture.ClientForAsync("bmt.officer"); // cleansing-officer of 643, no pii-reader

        var record = await CleansingFixture.GetAsync(officer, $"/api/cleansing/batches/{id}/records/3");
        Assert.True(record.GetProperty("masked").GetBoolean());
        Assert.Equal($"{BinhId[..3]}******{BinhId[^3..]}", record.GetProperty("idNumber").GetString());
        Assert.Equal("T*** T** B***", record.GetProperty("fullName").GetString());
        Assert.Equal("**/**/1985", record.GetProperty("dateOfBirth").GetString());
        Assert.Equal("Nam", record.GetProperty("gender").GetString());
        var values = record.GetProperty("values");
        Assert.Equal("T*** T** B***", values[0].GetString());
        Assert.Equal("**/**/1985", values[1].GetString());
        Assert.Equal($"{BinhId[..3]}******{BinhId[^3..]}", values[3].GetString());
        Assert.Equal("dòng 3", values[5].GetString());
        Assert.Equal($"{BinhId[..3]}******{BinhId[^3..]}", record.GetProperty("matchedIdNumber").GetString());
        var suggestion = record.GetProperty("suggestions")[0];
        Assert.Equal($"{BinhId[..3]}******{BinhId[^3..]}", suggestion.GetProperty("idNumber").GetString());
        Assert.Equal("**/**/1985", suggestion.GetProperty("dateOfBirth").GetString());
        Assert.Equal("T*** T** B***", suggestion.GetProperty("fullName").GetString());

        var unreadable = await CleansingFixture.GetAsync(officer, $"/api/cleansing/batches/{id}/records/9");
        Assert.Equal(JsonValueKind.Null, unreadable.GetProperty("rawText").ValueKind);

        // Decoded values: the raw JSON text writes "Bình" as "B\u00ECnh", where a search for the name finds nothing even when it leaks.
        var page = JsonStrings.Of(await CleansingFixture.GetAsync(officer, $"/api/cleansing/batches/{id}/records?pageSize=200")).ToList();
        Assert.Contains("dòng 3", page);
        Assert.DoesNotContain(page, s => s.Contains(BinhId, StringComparison.Ordinal) || s.Contains("Bình", StringComparison.Ordinal));
        var csv = await officer.GetStringAsync($"/api/cleansing/batches/{id}/results.csv", TestContext.Current.CancellationToken);
        Assert.DoesNotContain(BinhId, csv);
        Assert.DoesNotContain("Bình", csv);
        Assert.DoesNotContain("Nguyễn Văn An", csv);
        Assert.Contains("dòng 3", csv);

        Assert.Equal(0, await AuditCountAsync("bmt.officer", id));
    }

    [Fact]
    public async Task A_pii_reader_sees_everything_and_each_read_is_audited_for_leaders()
    {
        var id = await CompletedBatchAsync();
        var cleanser = await fixture.ClientForAsync("province.cleanser"); // pii-reader
        var before = await AuditCountAsync("province.cleanser", id);

        var page = await CleansingFixture.GetAsync(cleanser, $"/api/cleansing/batches/{id}/records?class=info_mismatch");
        var record = page.GetProperty("items")[0];
        Assert.False(record.GetProperty("masked").GetBoolean());
        Assert.Equal(BinhId, record.GetProperty("idNumber").GetString());
        Assert.Equal("Trần Thị Bình", record.GetProperty("fullName").GetString());
        await CleansingFixture.GetAsync(cleanser, $"/api/cleansing/batches/{id}/records/3");
        var csv = await cleanser.GetStringAsync($"/api/cleansing/batches/{id}/results.csv", TestContext.Current.CancellationToken);
        Assert.Contains(BinhId, csv);
        Assert.Equal(before + 3, await AuditCountAsync("province.cleanser", id));

        var leader = await fixture.ClientForAsync("province.leader");
        var audit = await CleansingFixture.GetAsync(leader, $"/api/cleansing/audit?batchId={id}&username=province.cleanser");
        var entries = audit.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(entries, e => e.GetProperty("action").GetString() == "read-records");
        Assert.Contains(entries, e => e.GetProperty("action").GetString() == "read-record" && e.GetProperty("lineNo").GetInt32() == 3);
        Assert.Contains(entries, e => e.GetProperty("action").GetString() == "download-results" && e.GetProperty("detail").GetString() == "csv");
        Assert.All(entries, e => Assert.Equal(id, e.GetProperty("batchId").GetGuid()));

        // Only leaders read the audit log.
        await CleansingFixture.GetAsync(cleanser, "/api/cleansing/audit", 403);
        await CleansingFixture.GetAsync(await fixture.ClientForAsync("bmt.officer"), "/api/cleansing/audit", 403);
        await CleansingFixture.GetAsync(leader, "/api/cleansing/audit?pageSize=0", 400);
    }
}
