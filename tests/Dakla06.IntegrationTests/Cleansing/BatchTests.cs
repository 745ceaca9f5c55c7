using System.Text;
using System.Text.Json;
using Dakla06.Cleansing.Domain;
using Dakla06.Contracts.Cleansing;
using MiniExcelLibs;

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
    private static async Task<IReadOnlyList<JsonElement>> AllRecordsAsync(HttpClient client, Guid id)
    {
        var page = await CleansingFixture.GetAsync(client, $"/api/cleansing/batches/{id}/records?pageSize=200");
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    [Fact]
    public async Task Each_class_end_to_end_with_counts_records_and_one_event()
    {
        var officer = await fixture.ClientForAsync("province.cleanser");
        var created = await CleansingFixture.UploadCsvAsync(officer, BatchTestsFixture.KnownBatch);
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal("queued", created.GetProperty("status").GetString());

        var batch = await CleansingFixture.AwaitBatchAsync(officer, id);
        Assert.Equal(9, batch.GetProperty("total").GetInt32());
        Assert.Equal(9, batch.GetProperty("processed").GetInt32());
        Assert.Equal(100, batch.GetProperty("progressPercent").GetInt32());
        Assert.True(batch.GetProperty("recordsPerSecond").GetDouble() > 0);
        var counts = batch.GetProperty("counts");
        Assert.Equal(2, counts.GetProperty("matched").GetInt32());
        foreach (var name in new[] { "missingId", "malformedId", "notFound", "infoMismatch", "duplicateInBatch", "deceased", "unreadable" })
        {
            Assert.True(counts.GetProperty(name).GetInt32() == 1, $"{name} = {counts.GetProperty(name)}");
        }

        var records = await AllRecordsAsync(officer, id);
        Assert.Equal(BatchTestsFixture.ExpectedClasses, records.ToDictionary(r => r.GetProperty("lineNo").GetInt32(), r => r.GetProperty("class").GetString()!));
        var mismatch = records.Single(r => r.GetProperty("lineNo").GetInt32() == 3);
        Assert.Contains("gender", mismatch.GetProperty("mismatchedFields").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(BatchTestsFixture.Binh.IdNumber, mismatch.GetProperty("matchedIdNumber").GetString());
        // The pass-through column is kept, in header order.
        Assert.Equal("dòng 3", mismatch.GetProperty("values")[5].GetString());
        // A record that did not match gets suggestions; the registry person is the top one.
        Assert.Equal(BatchTestsFixture.Binh.IdNumber, mismatch.GetProperty("suggestions")[0].GetProperty("idNumber").GetString());
        var unreadable = records.Single(r => r.GetProperty("lineNo").GetInt32() == 9);
        Assert.False(string.IsNullOrEmpty(unreadable.GetProperty("reason").GetString()));
        Assert.Contains("hai cột", unreadable.GetProperty("rawText").GetString());

        var filtered = await CleansingFixture.GetAsync(officer, $"/api/cleansing/batches/{id}/records?class=not_found");
        Assert.Equal(1, filtered.GetProperty("total").GetInt32());
        Assert.Equal(7, filtered.GetProperty("items")[0].GetProperty("lineNo").GetInt32());

        var one = await CleansingFixture.GetAsync(officer, $"/api/cleansing/batches/{id}/records/8");
        Assert.Equal("duplicate_in_batch", one.GetProperty("class").GetString());
        await CleansingFixture.GetAsync(officer, $"/api/cleansing/batches/{id}/records/99", 404);

        var events = await fixture.AwaitEventsAsync<CleansingBatchValidated>(e => e.BatchId == id);
        var validated = Assert.Single(events);
        Assert.Equal(9, validated.Total);
        Assert.Equal(new CleansingClassCounts(2, 1, 1, 1, 1, 1, 1, 1), validated.Counts);
        Assert.Equal("643", validated.UnitCode);
        Assert.Equal("vaccination", validated.Dataset);

        var list = await CleansingFixture.GetAsync(officer, "/api/cleansing/batches?status=completed");
        Assert.Contains(list.GetProperty("items").EnumerateArray(), b => b.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task Results_csv_has_every_input_column_plus_class_and_best_suggestion()
    {
        var officer = await fixture.ClientForAsync("province.cleanser");
        var id = (await CleansingFixture.UploadCsvAsync(officer, BatchTestsFixture.KnownBatch)).GetProperty("id").GetGuid();
        await CleansingFixture.AwaitBatchAsync(officer, id);

        var csv = await officer.GetStringAsync($"/api/cleansing/batches/{id}/results.csv", TestContext.Current.CancellationToken);
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(10, lines.Length);
        Assert.StartsWith("ho_ten,ngay_sinh,gioi_tinh,so_dinh_danh,ma_xa,ghi_chu,ket_qua,ly_do,truong_sai_lech,goi_y_so_dinh_danh", lines[0]);
        Assert.Contains($"Trần Thị Bình,04/03/1985,Nam,{BatchTestsFixture.Binh.IdNumber},24136,dòng 3,info_mismatch,,gender,{BatchTestsFixture.Binh.IdNumber}", lines[2]);

        var bytes = await officer.GetByteArrayAsync($"/api/cleansing/batches/{id}/results.xlsx", TestContext.Current.CancellationToken);
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
        var id = (await CleansingFixture.UploadAsync(officer, stream.ToArray(), "tiem-chung.xlsx")).GetProperty("id").GetGuid();

        var batch = await CleansingFixture.AwaitBatchAsync(officer, id);
        Assert.Equal(2, batch.GetProperty("total").GetInt32());
        Assert.Equal(1, batch.GetProperty("counts").GetProperty("matched").GetInt32());
        Assert.Equal(1, batch.GetProperty("counts").GetProperty("missingId").GetInt32());
    }

    [Fact]
    public async Task Missing_columns_empty_files_and_bad_fields_are_400_naming_them()
    {
        var officer = await fixture.ClientForAsync("bmt.officer");
        var missing = await CleansingFixture.UploadCsvAsync(officer, "ho_ten,gioi_tinh\nA,Nam\n", expectedStatus: 400);
        var message = missing.GetProperty("errors").GetProperty("file")[0].GetString()!;
        Assert.Contains("date_of_birth", message);
        Assert.Contains("id_number", message);
        Assert.DoesNotContain("full_name", message);

        var empty = await CleansingFixture.UploadAsync(officer, [], expectedStatus: 400);
        Assert.True(empty.GetProperty("errors").TryGetProperty("file", out _));
        var headerOnly = await CleansingFixture.UploadCsvAsync(officer, "ho_ten,ngay_sinh,gioi_tinh,cccd\n", expectedStatus: 400);
        Assert.True(headerOnly.GetProperty("errors").TryGetProperty("file", out _));

        var dataset = await CleansingFixture.UploadCsvAsync(officer, BatchTestsFixture.KnownBatch, dataset: "tax", expectedStatus: 400);
        Assert.True(dataset.GetProperty("errors").TryGetProperty("dataset", out _));
        var unit = await CleansingFixture.UploadCsvAsync(officer, BatchTestsFixture.KnownBatch, unitCode: "99999", expectedStatus: 400);
        Assert.True(unit.GetProperty("errors").TryGetProperty("unitCode", out _));
        var campaign = await CleansingFixture.UploadAsync(officer, Encoding.UTF8.GetBytes(BatchTestsFixture.KnownBatch), campaignId: Guid.NewGuid(), expectedStatus: 400);
        Assert.True(campaign.GetProperty("errors").TryGetProperty("campaignId", out _));

        // Buôn Hồ (644) is outside Buôn Ma Thuột's scope; a user without cleansing-officer cannot upload at all.
        await CleansingFixture.UploadCsvAsync(officer, BatchTestsFixture.KnownBatch, unitCode: "644", expectedStatus: 403);
        var leader = await fixture.ClientForAsync("province.leader");
        await CleansingFixture.UploadCsvAsync(leader, BatchTestsFixture.KnownBatch, expectedStatus: 403);

        await CleansingFixture.GetAsync(officer, "/api/cleansing/batches?status=done", 400);
        Assert.Empty(Directory.Exists(fixture.StorageDirectory)
            ? Directory.GetFiles(fixture.StorageDirectory).Where(f => File.GetLastWriteTimeUtc(f) > DateTime.UtcNow.AddSeconds(-5) && new FileInfo(f).Length == 0)
            : []);
    }

    [Fact]
    public async Task Batches_of_other_units_are_not_visible()
    {
        var province = await fixture.ClientForAsync("province.cleanser");
        var id = (await CleansingFixture.UploadCsvAsync(province, BatchTestsFixture.KnownBatch, unitCode: "644")).GetProperty("id").GetGuid();
        var bmt = await fixture.ClientForAsync("bmt.officer");
        await CleansingFixture.GetAsync(bmt, $"/api/cleansing/batches/{id}", 404);
        await CleansingFixture.GetAsync(bmt, $"/api/cleansing/batches/{id}/records", 404);
        var list = await CleansingFixture.GetAsync(bmt, "/api/cleansing/batches?pageSize=200");
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), b => b.GetProperty("id").GetGuid() == id);
        await CleansingFixture.AwaitBatchAsync(province, id);
    }

    [Fact]
    public async Task Cancelling_a_finished_batch_is_409_and_a_queued_one_is_cancelled()
    {
        var officer = await fixture.ClientForAsync("bmt.officer");
        var id = (await CleansingFixture.UploadCsvAsync(officer, BatchTestsFixture.KnownBatch)).GetProperty("id").GetGuid();
        await CleansingFixture.AwaitBatchAsync(officer, id);
        await CleansingFixture.PostAsync(officer, $"/api/cleansing/batches/{id}/cancel", null, 409);
        await CleansingFixture.PostAsync(officer, $"/api/cleansing/batches/{Guid.NewGuid()}/cancel", null, 404);
    }
}
