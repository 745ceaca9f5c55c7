using System.Net.Http.Json;
using System.Text;
using Dakla06.Cleansing.Domain;
using Dakla06.Contracts.Cleansing;
using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Cleansing;
using Dakla06.People;
using MiniExcelLibs;
using static Dakla06.IntegrationTests.Support.ApiAssert;

namespace Dakla06.IntegrationTests.Cleansing;

/// <summary>A small registry every batch test validates against (loaded once per test class).</summary>
public sealed class BatchTestsFixture : CleansingFixture
{
    public static readonly RegistryPerson An = Person(1, "Nguyễn Văn An", "1990-05-12", Gender.Male);
    public static readonly RegistryPerson Binh = Person(2, "Trần Thị Bình", "1985-03-04", Gender.Female);
    public static readonly RegistryPerson Cuong = Person(3, "Lê Văn Cường", "1950-01-01", Gender.Male, deceased: true);
    public static readonly RegistryPerson Hen = Person(4, "H' Hen Niê", "1995-07-20", Gender.Female, "24118");

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await LoadRegistryAsync([An, Binh, Cuong, Hen]);
    }

    /// <summary>One line per class (line numbers as in the file: the header is line 1), with an extra pass-through column.</summary>
    public static string KnownBatch => string.Join("\n",
        "ho_ten,ngay_sinh,gioi_tinh,so_dinh_danh,ma_xa,ghi_chu",
        $"Nguyễn Văn An,12/05/1990,Nam,{An.IdNumber},24136,dòng 2",                 // 2 matched
        $"Trần Thị Bình,04/03/1985,Nam,{Binh.IdNumber},24136,dòng 3",               // 3 info_mismatch (gender)
        $"Lê Văn Cường,01/01/1950,Nam,{Cuong.IdNumber},24136,dòng 4",                // 4 deceased
        "Phạm Văn Dũng,01/01/1991,Nam,,24136,dòng 5",                                // 5 missing_id
        "Phạm Văn Dũng,01/01/1991,Nam,12345,24136,dòng 6",                           // 6 malformed_id
        $"Hoàng Văn Em,02/02/1992,Nam,{IdNumbers.Compose("066", Gender.Male, 1992, 99999)},24136,dòng 7", // 7 not_found
        $"Đỗ Văn Giang,03/03/1993,Nam,{An.IdNumber},24136,dòng 8",                   // 8 duplicate_in_batch
        "chỉ,hai cột",                                                               // 9 unreadable
        $"H' Hen Niê,20/07/1995,Nữ,{Hen.IdNumber},24118,dòng 10") + "\n";            // 10 matched

    public static readonly Dictionary<int, string> ExpectedClasses = new()
    {
        [2] = "matched", [3] = "info_mismatch", [4] = "deceased", [5] = "missing_id", [6] = "malformed_id",
        [7] = "not_found", [8] = "duplicate_in_batch", [9] = "unreadable", [10] = "matched",
    };
}

public sealed class BatchTests(BatchTestsFixture fixture) : IClassFixture<BatchTestsFixture>
{
    private static async Task<IReadOnlyList<RecordDto>> AllRecordsAsync(CleansingClient client, Guid id) =>
        (await client.ListRecordsAsync(id, new RecordQuery(), 1, 200, TestContext.Current.CancellationToken)).Items;

    [Fact]
    public async Task Each_class_end_to_end_with_counts_records_and_one_event()
    {
        var cancel = TestContext.Current.CancellationToken;
        var officer = await fixture.ClientForAsync("province.cleanser");
        var created = await CleansingFixture.UploadCsvAsync(officer, BatchTestsFixture.KnownBatch);
        var id = created.Id;
        Assert.Equal("queued", created.Status);

        var batch = await CleansingFixture.AwaitBatchAsync(officer, id);
        Assert.Equal(9, batch.Total);
        Assert.Equal(9, batch.Processed);
        Assert.Equal(100, batch.ProgressPercent);
        Assert.True(batch.RecordsPerSecond > 0);
        Assert.Equal(new CleansingClassCounts(2, 1, 1, 1, 1, 1, 1, 1), batch.Counts);

        var records = await AllRecordsAsync(officer, id);
        Assert.Equal(BatchTestsFixture.ExpectedClasses, records.ToDictionary(r => r.LineNo, r => r.Class));
        var mismatch = records.Single(r => r.LineNo == 3);
        Assert.Contains("gender", mismatch.MismatchedFields);
        Assert.Equal(BatchTestsFixture.Binh.IdNumber, mismatch.MatchedIdNumber);
        // The pass-through column is kept, in header order.
        Assert.Equal("dòng 3", mismatch.Values![5]);
        // A record that did not match gets suggestions; the registry person is the top one.
        Assert.Equal(BatchTestsFixture.Binh.IdNumber, mismatch.Suggestions[0].IdNumber);
        var unreadable = records.Single(r => r.LineNo == 9);
        Assert.False(string.IsNullOrEmpty(unreadable.Reason));
        Assert.Contains("hai cột", unreadable.RawText);

        var filtered = await officer.ListRecordsAsync(id, new RecordQuery("not_found"), 1, 20, cancel);
        Assert.Equal(1, filtered.Total);
        Assert.Equal(7, filtered.Items[0].LineNo);

        var one = await CleansingFixture.RecordAsync(officer, id, 8);
        Assert.Equal("duplicate_in_batch", one.Class);
        Assert.Null(await officer.GetRecordAsync(id, 99, cancel));

        var events = await fixture.AwaitEventsAsync<CleansingBatchValidated>(e => e.BatchId == id);
        var validated = Assert.Single(events);
        Assert.Equal(9, validated.Total);
        Assert.Equal(new CleansingClassCounts(2, 1, 1, 1, 1, 1, 1, 1), validated.Counts);
        Assert.Equal("643", validated.UnitCode);
        Assert.Equal("vaccination", validated.Dataset);

        var list = await officer.ListBatchesAsync(new BatchQuery(Status: "completed"), 1, 20, cancel);
        Assert.Contains(list.Items, b => b.Id == id);
    }

    [Fact]
    public async Task An_upload_is_accepted_with_the_batch_s_address()
    {
        // The raw answer: 202 and a Location the typed client does not surface.
        var officer = await fixture.HttpClientForAsync("province.cleanser");
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(BatchTestsFixture.KnownBatch)), "file", "batch.csv" } };
        form.Add(new StringContent("vaccination"), "dataset");
        form.Add(new StringContent("643"), "unitCode");
        using var response = await officer.PostAsync(CleansingRoutes.Path(CleansingRoutes.Batches), form, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<BatchCreatedDto>(TestContext.Current.CancellationToken);
        Assert.Equal($"/api/cleansing/batches/{created!.Id}", response.Headers.Location?.OriginalString);
        await CleansingFixture.AwaitBatchAsync(await fixture.ClientForAsync("province.cleanser"), created.Id);
    }

    [Fact]
    public async Task Results_csv_has_every_input_column_plus_class_and_best_suggestion()
    {
        var officer = await fixture.ClientForAsync("province.cleanser");
        var id = (await CleansingFixture.UploadCsvAsync(officer, BatchTestsFixture.KnownBatch)).Id;
        await CleansingFixture.AwaitBatchAsync(officer, id);

        var csv = await CleansingFixture.ResultsCsvAsync(officer, id);
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(10, lines.Length);
        Assert.StartsWith("ho_ten,ngay_sinh,gioi_tinh,so_dinh_danh,ma_xa,ghi_chu,ket_qua,ly_do,truong_sai_lech,goi_y_so_dinh_danh", lines[0]);
        Assert.Contains($"Trần Thị Bình,04/03/1985,Nam,{BatchTestsFixture.Binh.IdNumber},24136,dòng 3,info_mismatch,,gender,{BatchTestsFixture.Binh.IdNumber}", lines[2]);

        var bytes = await CleansingFixture.ResultsAsync(officer, id, "xlsx");
        using var stream = new MemoryStream(bytes);
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(9, rows.Count);
        Assert.Equal("matched", rows[0]["ket_qua"]);
    }

    [Fact]
    public async Task Xlsx_upload_is_validated_like_csv()
    {
        var rows = new[]
        {
            new Dictionary<string, object> { ["full_name"] = "Nguyễn Văn An", ["date_of_birth"] = "1990-05-12", ["gender"] = "male", ["id_number"] = BatchTestsFixture.An.IdNumber },
            new Dictionary<string, object> { ["full_name"] = "Nguyen Van An", ["date_of_birth"] = "1990-05-12", ["gender"] = "male", ["id_number"] = "" },
        };
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(rows, cancellationToken: TestContext.Current.CancellationToken);
        var officer = await fixture.ClientForAsync("bmt.officer");
        var id = (await CleansingFixture.UploadAsync(officer, stream.ToArray(), "tiem-chung.xlsx")).Id;

        var batch = await CleansingFixture.AwaitBatchAsync(officer, id);
        Assert.Equal(2, batch.Total);
        Assert.Equal(1, batch.Counts.Matched);
        Assert.Equal(1, batch.Counts.MissingId);
    }

    [Fact]
    public async Task Missing_columns_empty_files_and_bad_fields_are_400_naming_them()
    {
        var cancel = TestContext.Current.CancellationToken;
        var officer = await fixture.ClientForAsync("bmt.officer");
        var missing = await FailsAsync(ApiFailure.Invalid, () => CleansingFixture.UploadCsvAsync(officer, "ho_ten,gioi_tinh\nA,Nam\n"));
        var message = missing.ErrorFor("file")!;
        Assert.Contains("date_of_birth", message);
        Assert.Contains("id_number", message);
        Assert.DoesNotContain("full_name", message);

        var empty = await FailsAsync(ApiFailure.Invalid, () => CleansingFixture.UploadAsync(officer, []));
        Assert.Equal(["file"], Fields(empty));
        var headerOnly = await FailsAsync(ApiFailure.Invalid, () => CleansingFixture.UploadCsvAsync(officer, "ho_ten,ngay_sinh,gioi_tinh,cccd\n"));
        Assert.Equal(["file"], Fields(headerOnly));

        var dataset = await FailsAsync(ApiFailure.Invalid, () => CleansingFixture.UploadCsvAsync(officer, BatchTestsFixture.KnownBatch, dataset: "tax"));
        Assert.Equal(["dataset"], Fields(dataset));
        var unit = await FailsAsync(ApiFailure.Invalid, () => CleansingFixture.UploadCsvAsync(officer, BatchTestsFixture.KnownBatch, unitCode: "99999"));
        Assert.Equal(["unitCode"], Fields(unit));
        var campaign = await FailsAsync(ApiFailure.Invalid,
            () => CleansingFixture.UploadAsync(officer, Encoding.UTF8.GetBytes(BatchTestsFixture.KnownBatch), campaignId: Guid.NewGuid()));
        Assert.Equal(["campaignId"], Fields(campaign));
        var absent = await FailsAsync(ApiFailure.Invalid, () => CleansingFixture.UploadCsvAsync(officer, BatchTestsFixture.KnownBatch, dataset: null, unitCode: null));
        Assert.Equal(["dataset", "unitCode"], Fields(absent));

        // Buôn Hồ (644) is outside Buôn Ma Thuột's scope; a user without cleansing-officer cannot upload at all.
        await FailsAsync(ApiFailure.Forbidden, () => CleansingFixture.UploadCsvAsync(officer, BatchTestsFixture.KnownBatch, unitCode: "644"));
        var leader = await fixture.ClientForAsync("province.leader");
        await FailsAsync(ApiFailure.Forbidden, () => CleansingFixture.UploadCsvAsync(leader, BatchTestsFixture.KnownBatch));

        var status = await FailsAsync(ApiFailure.Invalid, () => officer.ListBatchesAsync(new BatchQuery(Status: "done"), 1, 20, cancel));
        Assert.Equal(["status"], Fields(status));
        Assert.Empty(Directory.Exists(fixture.StorageDirectory)
            ? Directory.GetFiles(fixture.StorageDirectory).Where(f => File.GetLastWriteTimeUtc(f) > DateTime.UtcNow.AddSeconds(-5) && new FileInfo(f).Length == 0)
            : []);
    }

    [Fact]
    public async Task Batches_of_other_units_are_not_visible()
    {
        var cancel = TestContext.Current.CancellationToken;
        var province = await fixture.ClientForAsync("province.cleanser");
        var id = (await CleansingFixture.UploadCsvAsync(province, BatchTestsFixture.KnownBatch, unitCode: "644")).Id;
        var bmt = await fixture.ClientForAsync("bmt.officer");
        Assert.Null(await bmt.GetBatchAsync(id, cancel));
        await FailsAsync(ApiFailure.NotFound, () => bmt.ListRecordsAsync(id, new RecordQuery(), 1, 20, cancel));
        var list = await bmt.ListBatchesAsync(new BatchQuery(), 1, 200, cancel);
        Assert.DoesNotContain(list.Items, b => b.Id == id);
        await CleansingFixture.AwaitBatchAsync(province, id);
    }

    [Fact]
    public async Task Cancelling_a_finished_batch_is_409_and_a_queued_one_is_cancelled()
    {
        var cancel = TestContext.Current.CancellationToken;
        var officer = await fixture.ClientForAsync("bmt.officer");
        var id = (await CleansingFixture.UploadCsvAsync(officer, BatchTestsFixture.KnownBatch)).Id;
        await CleansingFixture.AwaitBatchAsync(officer, id);
        await FailsAsync(ApiFailure.Conflict, () => officer.CancelBatchAsync(id, cancel));
        await FailsAsync(ApiFailure.NotFound, () => officer.CancelBatchAsync(Guid.NewGuid(), cancel));
    }
}
