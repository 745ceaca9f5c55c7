using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using Dakla06.Cleansing.Domain;
using Dakla06.Contracts.Http.Cleansing;
using Dakla06.IntegrationTests.Cleansing;
using Dakla06.IntegrationTests.Support;
using Dakla06.People;
using static Dakla06.IntegrationTests.Matrix.MatrixSeeds;

namespace Dakla06.IntegrationTests.Matrix;

/// <summary>
/// Data cleansing's access matrix: cases in plain HTTP, objects seeded through the typed client. Objects at a unit: a batch
/// of that unit (every line not found in the registry, so each can be resolved once), a campaign created there, a
/// duplicate pair of persons of a commune there. Campaigns are created with a forged token of a cleansing officer at
/// the unit (the realm has none in Buôn Hồ or An Lạc), everything else as province.cleanser. Cancelled batches are
/// uploaded through a second host without the batch worker, so they are still queued when cancelled.
/// </summary>
/// <summary>The cleansing API whose worker runs when an upload on this host wakes it, never by polling in the middle of a case.</summary>
public sealed class CleansingMatrixFixture : CleansingFixture
{
    protected override Dictionary<string, string> Settings()
    {
        var settings = base.Settings();
        settings[Dakla06.Cleansing.Jobs.BatchWorker.PollIntervalKey] = "01:00:00";
        return settings;
    }
}

public sealed class CleansingAccessMatrixTests(CleansingMatrixFixture fixture) : AccessMatrixTests, IClassFixture<CleansingMatrixFixture>
{
    private const int LinesPerBatch = 40;
    private static int _serial = 100_000;
    private readonly SeedCache<Guid> _batches = new();
    private readonly SeedCache<Guid> _campaigns = new();
    private readonly SeedCache<Guid> _pairs = new();
    private readonly SeedCache<Guid> _assignments = new();
    private readonly ConcurrentDictionary<Guid, int> _nextLine = new();
    private ServiceFactory<Dakla06.Cleansing.CleansingMarker>? _queueOnly;

    protected override string Service => "cleansing";

    protected override string Root => "/api/cleansing";

    protected override async Task<HttpClient> ClientAsync(string? username)
    {
        if (username is null)
        {
            return fixture.HttpClientWithToken(null);
        }

        return await fixture.HttpClientForAsync(username);
    }

    protected override IReadOnlyList<AccessRow> Rows() =>
    [
        //                                                                   pl  po  pi  pc  pe  bi  bo  ho  tl  tn  al  mm  uu
        new("POST", "/batches", unit => Task.FromResult(new AccessRequest("/batches", BatchForm(unit, 1))),
            Inside:                                                         "403 403 403 202 403 403 202 403 202 403 403 403 403",
            Outside:                                                        "-   -   -   -   -  403 403 403 403 403 403  -   -"),
        new("GET", "/batches", async unit => new("/batches?pageSize=200", Marker: (await BatchAtAsync(unit)).ToString()),
            Inside:                                                         "L   L   L   L   L   L   L   L   L   L   L  403 403",
            Outside:                                                        "-   -   -   -   -   H   H   H   H   H   H   -   -"),
        new("GET", "/batches/{id:guid}", async unit => new($"/batches/{await BatchAtAsync(unit)}"),
            Inside:                                                         "200 200 200 200 200 200 200 200 200 200 200 403 403",
            Outside:                                                        "-   -   -   -   -  404 404 404 404 404 404  -   -"),
        new("POST", "/batches/{id:guid}/cancel", async unit => new($"/batches/{await QueuedBatchAtAsync(unit)}/cancel"),
            Inside:                                                         "403 403 403 200 403 403 200 403 200 403 403 403 403",
            Outside:                                                        "-   -   -   -   -  403 404 403 404 403 403  -   -"),
        new("GET", "/batches/{id:guid}/records", async unit => new($"/batches/{await BatchAtAsync(unit)}/records"),
            Inside:                                                         "200 200 200 200 200 200 200 200 200 200 200 403 403",
            Outside:                                                        "-   -   -   -   -  404 404 404 404 404 404  -   -"),
        new("GET", "/batches/{id:guid}/records/{line:int}", async unit => new($"/batches/{await BatchAtAsync(unit)}/records/2"),
            Inside:                                                         "200 200 200 200 200 200 200 200 200 200 200 403 403",
            Outside:                                                        "-   -   -   -   -  404 404 404 404 404 404  -   -"),
        new("POST", "/batches/{id:guid}/records/{line:int}/resolve", async unit => new(await NextRecordAtAsync(unit) + "/resolve", Json(new { action = "unfixable", reason = "Người dân đã chuyển đi" })),
            Inside:                                                         "403 403 403 200 403 403 200 403 200 403 403 403 403",
            Outside:                                                        "-   -   -   -   -  403 404 403 404 403 403  -   -"),
        new("GET", "/batches/{id:guid}/results.csv", async unit => new($"/batches/{await BatchAtAsync(unit)}/results.csv"),
            Inside:                                                         "200 200 200 200 200 200 200 200 200 200 200 403 403",
            Outside:                                                        "-   -   -   -   -  404 404 404 404 404 404  -   -"),
        new("GET", "/batches/{id:guid}/results.xlsx", async unit => new($"/batches/{await BatchAtAsync(unit)}/results.xlsx"),
            Inside:                                                         "200 200 200 200 200 200 200 200 200 200 200 403 403",
            Outside:                                                        "-   -   -   -   -  404 404 404 404 404 404  -   -"),
        new("GET", "/campaigns", async unit => new("/campaigns", Marker: (await CampaignAtAsync(unit)).ToString()),
            Inside:                                                         "L   L   L   L   L   L   L   L   L   L   L  403 403",
            Outside:                                                        "-   -   -   -   -   H   H   H   H   H   H   -   -"),
        new("GET", "/campaigns/{id:guid}", async unit => new($"/campaigns/{await CampaignAtAsync(unit)}"),
            Inside:                                                         "200 200 200 200 200 200 200 200 200 200 200 403 403",
            Outside:                                                        "-   -   -   -   -  404 404 404 404 404 404  -   -"),
        new("POST", "/campaigns", unit => Task.FromResult(new AccessRequest("/campaigns", Json(NewCampaign(unit)))),
            Inside:                                                         "403 403 403 201 403 403 201 403 201 403 403 403 403",
            Outside:                                                        "-   -   -   -   -  403 403 403 403 403 403  -   -"),
        new("GET", "/campaigns/{id:guid}/progress", async unit => new($"/campaigns/{await CampaignAtAsync(unit)}/progress?unit={unit}"),
            Inside:                                                         "200 200 200 200 200 200 200 200 200 200 200 403 403",
            Outside:                                                        "-   -   -   -   -  404 404 404 404 404 404  -   -"),
        new("POST", "/duplicates/scan", _ => Task.FromResult(new AccessRequest("/duplicates/scan")),
            Inside:                                                         "403 403 403 200 403 403 403 403 403 403 403 403 403",
            Outside:                                                        "-   -   -   -   -   -   -   -   -   -   -   -   -"),
        new("GET", "/duplicates", async unit => new("/duplicates?pageSize=200", Marker: (await PairAtAsync(unit)).ToString()),
            Inside:                                                         "L   L   L   L   L   L   L   L   L   L   L  403 403",
            Outside:                                                        "-   -   -   -   -   H   H   H   H   H   H   -   -"),
        new("POST", "/duplicates/{id:guid}/review", async unit => new($"/duplicates/{await PairAtAsync(unit)}/review", Json(new { decision = "different-people" })),
            Inside:                                                         "403 403 403 200 403 403 200 403 200 403 403 403 403",
            Outside:                                                        "-   -   -   -   -  403 404 403 404 403 403  -   -"),
        // The registry is the province's: its size is no secret, its import is the province cleansing officer's.
        new("GET", "/registry", _ => Task.FromResult(new AccessRequest("/registry")),
            Inside:                                                         "200 200 200 200 200 200 200 200 200 200 200 403 403",
            Outside:                                                        "-   -   -   -   -   -   -   -   -   -   -   -   -"),
        // Counts only (no personal data): anyone at or above the units counted, 404 for units outside the scope.
        new("GET", "/registry/population", unit => Task.FromResult(new AccessRequest($"/registry/population?unit={unit}")),
            Inside:                                                         "200 200 200 200 200 200 200 200 200 200 200 403 403",
            Outside:                                                        "-   -   -   -   -  404 404 404 404 404 404  -   -"),
        // Personal data of a commune's persons for enrolment: enrolment officers only (tanloi.officer and province.enrolment in the realm).
        new("POST", "/registry/persons/not-listed", unit => Task.FromResult(new AccessRequest("/registry/persons/not-listed", Json(new { communeCode = CommuneOf(unit), idNumbers = Array.Empty<string>() }))),
            Inside:                                                         "403 403 403 403 200 403 403 403 200 403 403 403 403",
            Outside:                                                        "-   -   -   -   -  403 403 403 404 403 403  -   -"),
        new("POST", "/registry/import", unit => Task.FromResult(new AccessRequest("/registry/import", RegistryFile(unit))),
            Inside:                                                         "403 403 403 200 403 403 403 403 403 403 403 403 403",
            Outside:                                                        "-   -   -   -   -   -   -   -   -   -   -   -   -"),
        // Registry-quality assignments: province and district cleansing officers hand out work (a commune does not assign
        // itself); every official of a unit sees the assignments of its communes.
        new("POST", "/registry-quality/assignments", unit => Task.FromResult(new AccessRequest("/registry-quality/assignments",
                Json(new { category = "absent", unitCode = unit, dueOn = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1) }))),
            Inside:                                                         "403 403 403 200 403 403 200 403 403 403 403 403 403",
            Outside:                                                        "-   -   -   -   -  403 403 403 403 403 403  -   -"),
        new("GET", "/registry-quality/assignments", async unit => new("/registry-quality/assignments?pageSize=200", Marker: (await AssignmentAtAsync(unit)).ToString()),
            Inside:                                                         "L   L   L   L   L   L   L   L   L   L   L  403 403",
            Outside:                                                        "-   -   -   -   -   H   H   H   H   H   H   -   -"),
        new("GET", "/audit", _ => Task.FromResult(new AccessRequest("/audit")),
            Inside:                                                         "200 403 403 403 403 403 403 403 403 403 403 403 403",
            Outside:                                                        "-   -   -   -   -   -   -   -   -   -   -   -   -"),
        // Registry quality: figures are counts (anyone in scope); items are personal data, read by anyone in scope (masked
        // unless pii-reader), worked by cleansing officers; lines outside the importer's scope are reported, not applied.
        new("GET", "/registry-quality", unit => Task.FromResult(new AccessRequest($"/registry-quality?unit={unit}&by=child")),
            Inside:                                                         "200 200 200 200 200 200 200 200 200 200 200 403 403",
            Outside:                                                        "-   -   -   -   -  404 404 404 404 404 404  -   -"),
        new("GET", "/registry-quality/catalogue", _ => Task.FromResult(new AccessRequest("/registry-quality/catalogue")),
            Inside:                                                         "200 200 200 200 200 200 200 200 200 200 200 403 403",
            Outside:                                                        "-   -   -   -   -   -   -   -   -   -   -   -   -"),
        new("POST", "/registry-quality/run", _ => Task.FromResult(new AccessRequest("/registry-quality/run")),
            Inside:                                                         "403 403 403 200 403 403 403 403 403 403 403 403 403",
            Outside:                                                        "-   -   -   -   -   -   -   -   -   -   -   -   -"),
        new("POST", "/worklists/import", async unit => new("/worklists/import", WorklistForm($"so_dinh_danh,ghi_chu\n{await NewPersonAtAsync(unit)},Vắng mặt\n", QualityCategories.Absent)),
            Inside:                                                         "403 403 403 200 403 403 200 403 200 403 403 403 403",
            Outside:                                                        "-   -   -   -   -  403 200 403 200 403 403  -   -"),
        new("POST", "/worklists/bulk-close", async unit => new("/worklists/bulk-close",
                WorklistForm($"so_dinh_danh,ket_qua,ma_ly_do,ghi_chu\n{(await NewItemAtAsync(unit)).IdNumber},updated,,\n", QualityCategories.Absent)),
            Inside:                                                         "403 403 403 200 403 403 200 403 200 403 403 403 403",
            Outside:                                                        "-   -   -   -   -  403 200 403 200 403 403  -   -"),
        new("GET", "/worklists/items", async unit => new("/worklists/items?pageSize=200", Marker: (await ItemAtAsync(unit)).ToString()),
            Inside:                                                         "L   L   L   L   L   L   L   L   L   L   L  403 403",
            Outside:                                                        "-   -   -   -   -   H   H   H   H   H   H   -   -"),
        new("GET", "/worklists/items/{id:guid}", async unit => new($"/worklists/items/{await ItemAtAsync(unit)}"),
            Inside:                                                         "200 200 200 200 200 200 200 200 200 200 200 403 403",
            Outside:                                                        "-   -   -   -   -  404 404 404 404 404 404  -   -"),
        new("POST", "/worklists/items/{id:guid}/close", async unit => new($"/worklists/items/{(await NewItemAtAsync(unit)).Id}/close", Json(new { outcome = "updated" })),
            Inside:                                                         "403 403 403 200 403 403 200 403 200 403 403 403 403",
            Outside:                                                        "-   -   -   -   -  403 404 403 404 403 403  -   -"),
        new("GET", "/worklists/items/{id:guid}/history", async unit => new($"/worklists/items/{await ItemAtAsync(unit)}/history"),
            Inside:                                                         "200 200 200 200 200 200 200 200 200 200 200 403 403",
            Outside:                                                        "-   -   -   -   -  404 404 404 404 404 404  -   -"),
    ];

    private readonly SeedCache<Guid> _items = new();

    /// <summary>A new registry person of a commune of the unit; their ID number.</summary>
    private async Task<string> NewPersonAtAsync(string unit)
    {
        var person = CleansingFixture.Person(Interlocked.Increment(ref _serial), "Lê Văn Năm", "1980-02-03", Gender.Male, CommuneOf(unit));
        await fixture.LoadRegistryAsync([person]);
        return person.IdNumber;
    }

    /// <summary>A new open list item (absent) of a person of a commune of the unit, imported by province.cleanser.</summary>
    private async Task<(Guid Id, string IdNumber)> NewItemAtAsync(string unit)
    {
        var idNumber = await NewPersonAtAsync(unit);
        var cleanser = await fixture.ClientForAsync("province.cleanser");
        var cancel = TestContext.Current.CancellationToken;
        await cleanser.ImportWorklistAsync(new MemoryStream(Encoding.UTF8.GetBytes($"so_dinh_danh,ghi_chu\n{idNumber},Vắng mặt\n")), "list.csv", QualityCategories.Absent, cancel);
        var items = await cleanser.ListQualityItemsAsync(new QualityItemQuery(IdNumber: idNumber), 1, 10, cancel);
        return (items.Items.Single().Id, idNumber);
    }

    /// <summary>An open item at the unit that rows only read.</summary>
    private Task<Guid> ItemAtAsync(string unit) => _items.GetAsync(unit, async () => (await NewItemAtAsync(unit)).Id);

    private static MultipartFormDataContent WorklistForm(string csv, string category)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { file, "file", "list.csv" }, { new StringContent(category), "category" } };
    }

    /// <summary>A commune of the unit (the unit itself when it is one): persons of the registry live in communes.</summary>
    private static string CommuneOf(string unit) => ChildOf(unit);

    private static string NewIdNumber() => IdNumbers.Compose("066", Gender.Male, 1990, Interlocked.Increment(ref _serial));

    private static CreateCampaignRequest NewCampaign(string unit) => new(Unique("Chiến dịch "), "vaccination", new DateOnly(2027, 12, 31), [unit]);

    /// <summary>A batch file of the unit whose lines are all unknown to the registry (each is flagged, each can be resolved).</summary>
    private static MultipartFormDataContent BatchForm(string unit, int lines)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(BatchCsv(lines)));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { file, "file", "batch.csv" }, { new StringContent("vaccination"), "dataset" }, { new StringContent(unit), "unitCode" } };
    }

    private static string BatchCsv(int lines)
    {
        var csv = new StringBuilder("ho_ten,ngay_sinh,gioi_tinh,so_dinh_danh,ghi_chu\n");
        for (var i = 0; i < lines; i++)
        {
            csv.Append("Nguyễn Văn Ba,12/05/1990,Nam,").Append(NewIdNumber()).Append(",dòng\n");
        }

        return csv.ToString();
    }

    private static MultipartFormDataContent RegistryFile(string unit)
    {
        var csv = $"id_number,full_name,date_of_birth,gender,commune_code,household_id,is_household_head,old_id_number,status\n{NewIdNumber()},Trần Văn Tư,1990-05-12,male,{CommuneOf(unit)},HH1,true,,alive\n";
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { file, "file", "registry.csv" } };
    }

    private static async Task<Guid> UploadAsync(CleansingClient client, string unit, int lines) =>
        (await CleansingFixture.UploadCsvAsync(client, BatchCsv(lines), unitCode: unit)).Id;

    /// <summary>A completed batch of the unit with <see cref="LinesPerBatch"/> flagged lines.</summary>
    private Task<Guid> BatchAtAsync(string unit) => _batches.GetAsync(unit, async () =>
    {
        var cleanser = await fixture.ClientForAsync("province.cleanser");
        var id = await UploadAsync(cleanser, unit, LinesPerBatch);
        await CleansingFixture.AwaitBatchAsync(cleanser, id);
        return id;
    });

    /// <summary>The path of the unit's next record nobody resolved yet.</summary>
    private async Task<string> NextRecordAtAsync(string unit)
    {
        var batch = await BatchAtAsync(unit);
        var line = _nextLine.AddOrUpdate(batch, 2, (_, previous) => previous + 1);
        Assert.True(line <= LinesPerBatch + 1, $"batch of {unit} has no unresolved line left");
        return $"/batches/{batch}/records/{line}";
    }

    /// <summary>A new batch of the unit still queued: uploaded through a host without the batch worker.</summary>
    private async Task<Guid> QueuedBatchAtAsync(string unit)
    {
        _queueOnly ??= fixture.CreateHost(CleansingFixture.RemoveBatchWorker);
        return await UploadAsync(await fixture.ClientForAsync("province.cleanser", _queueOnly), unit, 1);
    }

    /// <summary>A campaign created at the unit for the unit, by a cleansing officer there (a forged token of the realm's shape).</summary>
    private Task<Guid> CampaignAtAsync(string unit) => _campaigns.GetAsync(unit, async () =>
    {
        var officer = new CleansingClient(fixture.HttpClientWithToken(await fixture.Identity.ForgeAsync(unit, [LevelRoleOf(unit), "cleansing-officer"])));
        return (await officer.CreateCampaignAsync(NewCampaign(unit), TestContext.Current.CancellationToken)).Id;
    });

    /// <summary>
    /// An assignment of a commune of the unit: a person there on an imported "wanted" list, assigned by the province. A
    /// commune works one list of a category at a time, so a commune seeded for two units shares the first assignment.
    /// </summary>
    private Task<Guid> AssignmentAtAsync(string unit) => _assignments.GetAsync(unit, async () =>
    {
        var person = CleansingFixture.Person(Interlocked.Increment(ref _serial), "Đỗ Văn Giao", "1980-01-02", Gender.Male, CommuneOf(unit));
        await fixture.LoadRegistryAsync([person]);
        var cleanser = await fixture.ClientForAsync("province.cleanser");
        await cleanser.ImportWorklistAsync(new MemoryStream(Encoding.UTF8.GetBytes($"so_dinh_danh,ghi_chu\n{person.IdNumber},\n")), "wanted.csv",
            QualityCategories.Wanted, TestContext.Current.CancellationToken);
        var assignment = await cleanser.AssignQualityAsync(new AssignQualityRequest(QualityCategories.Wanted, CommuneOf(unit), DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1)),
            TestContext.Current.CancellationToken);
        return assignment.Communes.Concat(assignment.AlreadyAssigned).Single().AssignmentId;
    });

    /// <summary>A duplicate pair of two spellings of one person of a commune of the unit, found by a scan.</summary>
    private Task<Guid> PairAtAsync(string unit) => _pairs.GetAsync(unit, async () =>
    {
        var name = $"Hoàng Văn {Unique("X")[1..6]}";
        var first = CleansingFixture.Person(Interlocked.Increment(ref _serial), name, "1971-03-04", Gender.Male, CommuneOf(unit));
        var second = CleansingFixture.Person(Interlocked.Increment(ref _serial), Names.Fold(name), "1971-03-04", Gender.Male, CommuneOf(unit));
        await fixture.LoadRegistryAsync([first, second]);
        var cleanser = await fixture.ClientForAsync("province.cleanser");
        await cleanser.ScanDuplicatesAsync(TestContext.Current.CancellationToken);
        var pairs = await cleanser.ListDuplicatesAsync(new DuplicateQuery("pending"), 1, 200, TestContext.Current.CancellationToken);
        return pairs.Items.Single(p => p.First.IdNumber == first.IdNumber || p.First.IdNumber == second.IdNumber).Id;
    });
}
