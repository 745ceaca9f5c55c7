using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Cleansing;
using Dakla06.IntegrationTests.Support;
using Dakla06.People;
using static Dakla06.IntegrationTests.Support.ApiAssert;

namespace Dakla06.IntegrationTests.Cleansing;

/// <summary>Personal data is masked unless the caller has pii-reader; every unmasked read is in the audit log, which leaders read.</summary>
public sealed class MaskingTests(BatchTestsFixture fixture) : IClassFixture<BatchTestsFixture>
{
    private static readonly string BinhId = BatchTestsFixture.Binh.IdNumber;

    private Task<long> AuditCountAsync(string username, Guid batchId) =>
        fixture.ScalarAsync("SELECT count(*) FROM audit_log WHERE username = @username AND subject_id = @batchId", ("username", username), ("batchId", batchId));

    private async Task<Guid> CompletedBatchAsync()
    {
        var cleanser = await fixture.ClientForAsync("province.cleanser");
        var id = (await CleansingFixture.UploadCsvAsync(cleanser, BatchTestsFixture.KnownBatch)).Id;
        await CleansingFixture.AwaitBatchAsync(cleanser, id);
        return id;
    }

    [Fact]
    public async Task Without_pii_reader_ids_names_and_dates_are_masked_everywhere_and_nothing_is_audited()
    {
        var id = await CompletedBatchAsync();
        var officer = await fixture.ClientForAsync("bmt.officer"); // cleansing-officer of 643, no pii-reader
        var maskedId = $"{BinhId[..3]}******{BinhId[^3..]}";

        var record = await CleansingFixture.RecordAsync(officer, id, 3);
        Assert.True(record.Masked);
        Assert.Equal(maskedId, record.IdNumber);
        Assert.Equal("T*** T** B***", record.FullName);
        Assert.Equal("**/**/1985", record.DateOfBirth);
        Assert.Equal("Nam", record.Gender);
        Assert.Equal(["T*** T** B***", "**/**/1985", "Nam", maskedId, "24136", "dòng 3"], record.Values!);
        Assert.Equal(maskedId, record.MatchedIdNumber);
        var suggestion = record.Suggestions[0];
        Assert.Equal(maskedId, suggestion.IdNumber);
        Assert.Equal("**/**/1985", suggestion.DateOfBirth);
        Assert.Equal("T*** T** B***", suggestion.FullName);

        var unreadable = await CleansingFixture.RecordAsync(officer, id, 9);
        Assert.Null(unreadable.RawText);

        // Decoded values: the raw JSON text writes "Bình" as "B\u00ECnh", where a search for the name finds nothing even when it leaks.
        var page = JsonStrings.Of(await (await fixture.HttpClientForAsync("bmt.officer")).GetStringAsync(
            $"{CleansingRoutes.Path(CleansingRoutes.BatchRecords, id)}?pageSize=200", TestContext.Current.CancellationToken));
        Assert.Contains("dòng 3", page);
        Assert.DoesNotContain(page, s => s.Contains(BinhId, StringComparison.Ordinal) || s.Contains("Bình", StringComparison.Ordinal));
        var csv = await CleansingFixture.ResultsCsvAsync(officer, id);
        Assert.DoesNotContain(BinhId, csv);
        Assert.DoesNotContain("Bình", csv);
        Assert.DoesNotContain("Nguyễn Văn An", csv);
        Assert.Contains("dòng 3", csv);

        Assert.Equal(0, await AuditCountAsync("bmt.officer", id));
    }

    [Fact]
    public async Task A_pii_reader_sees_everything_and_each_read_is_audited_for_leaders()
    {
        var cancel = TestContext.Current.CancellationToken;
        var id = await CompletedBatchAsync();
        var cleanser = await fixture.ClientForAsync("province.cleanser"); // pii-reader
        var before = await AuditCountAsync("province.cleanser", id);

        var page = await cleanser.ListRecordsAsync(id, new RecordQuery("info_mismatch"), 1, 20, cancel);
        var record = page.Items[0];
        Assert.False(record.Masked);
        Assert.Equal(BinhId, record.IdNumber);
        Assert.Equal("Trần Thị Bình", record.FullName);
        await CleansingFixture.RecordAsync(cleanser, id, 3);
        var csv = await CleansingFixture.ResultsCsvAsync(cleanser, id);
        Assert.Contains(BinhId, csv);
        Assert.Equal(before + 3, await AuditCountAsync("province.cleanser", id));

        var leader = await fixture.ClientForAsync("province.leader");
        var entries = (await leader.ListAuditAsync(new AuditQuery("province.cleanser", id), 1, 20, cancel)).Items;
        Assert.Contains(entries, e => e.Action == "read-records");
        Assert.Contains(entries, e => e.Action == "read-record" && e.LineNo == 3);
        Assert.Contains(entries, e => e.Action == "download-results" && e.Detail == "csv");
        Assert.All(entries, e => Assert.Equal(id, e.BatchId));

        // Only leaders read the audit log.
        await FailsAsync(ApiFailure.Forbidden, () => cleanser.ListAuditAsync(new AuditQuery(), 1, 20, cancel));
        var bmt = await fixture.ClientForAsync("bmt.officer");
        await FailsAsync(ApiFailure.Forbidden, () => bmt.ListAuditAsync(new AuditQuery(), 1, 20, cancel));
        var pageSize = await FailsAsync(ApiFailure.Invalid, () => leader.ListAuditAsync(new AuditQuery(), 1, 0, cancel));
        Assert.Equal(["pageSize"], Fields(pageSize));
    }
}
