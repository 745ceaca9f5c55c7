using System.Globalization;
using System.Text;
using Dakla06.Cleansing;
using Dakla06.Cleansing.Domain;
using Dakla06.Cleansing.Jobs;
using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Cleansing;
using Dakla06.Contracts.Http.Cleansing;
using Dakla06.IntegrationTests.Support;
using Dakla06.People;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Dakla06.IntegrationTests.Cleansing;

/// <summary>
/// The cleansing API on its own database and broker virtual host, its own upload directory, small chunks (so a 10-line
/// batch spans several commits) and a fast worker poll. No registry seed: tests load the persons they need with
/// <see cref="LoadRegistryAsync"/>. The batch and resolution events the service publishes are recorded in <c>Events</c>.
/// </summary>
public class CleansingFixture() : ServiceFixture<CleansingMarker, CleansingClient>("cleansing", http => new CleansingClient(http))
{
    public string StorageDirectory { get; } = Path.Combine(Path.GetTempPath(), $"dakla06-cleansing-tests-{Guid.NewGuid():N}");

    /// <summary>Records per chunk in tests (the worker commits every this many records).</summary>
    protected virtual int ChunkSize => 3;

    protected override Dictionary<string, string> Settings()
    {
        var settings = base.Settings();
        settings["Cleansing:StorageDirectory"] = StorageDirectory;
        settings["Cleansing:SeedPersons"] = "0";
        settings[BatchWorker.ChunkSizeKey] = ChunkSize.ToString(CultureInfo.InvariantCulture);
        settings[BatchWorker.PollIntervalKey] = "00:00:00.200";
        return settings;
    }

    protected override void ObserveEvents(EventRecorder recorder) =>
        recorder.Record<CleansingBatchValidated>().Record<CleansingRecordResolved>();

    /// <summary>Removes the batch worker's background loop (tests then run <see cref="BatchWorker.ProcessNextAsync"/> themselves).</summary>
    public static void RemoveBatchWorker(IServiceCollection services) => RemoveHostedService<BatchWorker>(services);

    /// <summary>
    /// Loads persons straight into the registry table (binary COPY) and bumps the registry version in the same
    /// transaction, as an import does, so the snapshot provider reloads before the next batch.
    /// </summary>
    public async Task LoadRegistryAsync(IEnumerable<RegistryPerson> persons)
    {
        await using var connection = new NpgsqlConnection(DatabaseConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken);
        var count = 0;
        await using (var importer = await connection.BeginBinaryImportAsync(
            """
            COPY persons (id_number, full_name, folded_name, date_of_birth, gender, commune_code, unit_path, household_id,
                          is_household_head, old_id_number, status) FROM STDIN (FORMAT BINARY)
            """, TestContext.Current.CancellationToken))
        {
            foreach (var p in persons)
            {
                var unit = AdminUnitDirectory.Default.Find(p.CommuneCode) ?? throw new ArgumentException($"Unknown commune {p.CommuneCode}");
                await importer.StartRowAsync();
                await importer.WriteAsync(p.IdNumber, NpgsqlDbType.Text);
                await importer.WriteAsync(p.FullName, NpgsqlDbType.Text);
                await importer.WriteAsync(Names.Fold(p.FullName), NpgsqlDbType.Text);
                await importer.WriteAsync(p.DateOfBirth, NpgsqlDbType.Date);
                await importer.WriteAsync(p.Gender.ToCode(), NpgsqlDbType.Text);
                await importer.WriteAsync(p.CommuneCode, NpgsqlDbType.Text);
                await importer.WriteAsync(unit.Path, NpgsqlDbType.LTree);
                await importer.WriteAsync(p.HouseholdId, NpgsqlDbType.Text);
                await importer.WriteAsync(p.IsHouseholdHead, NpgsqlDbType.Boolean);
                if (p.OldIdNumber is null)
                {
                    await importer.WriteNullAsync();
                }
                else
                {
                    await importer.WriteAsync(p.OldIdNumber, NpgsqlDbType.Text);
                }

                await importer.WriteAsync(p.Deceased ? "deceased" : "alive", NpgsqlDbType.Text);
                count++;
            }

            await importer.CompleteAsync(TestContext.Current.CancellationToken);
        }

        await using (var bump = new NpgsqlCommand(
            "UPDATE registry_state SET version = version + 1, person_count = (SELECT count(*) FROM persons), updated_at = now() WHERE id = 1",
            connection, transaction))
        {
            await bump.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        await transaction.CommitAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>A registry person (alive unless said otherwise) with an ID number composed for place 066.</summary>
    public static RegistryPerson Person(int serial, string fullName, string dateOfBirth, Gender gender, string communeCode = "24136", bool deceased = false)
    {
        var date = DateOnly.ParseExact(dateOfBirth, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new RegistryPerson(IdNumbers.Compose("066", gender, date.Year, serial), fullName, date, gender, communeCode, $"HH{serial:D6}", true, null, deceased);
    }

    /// <summary>Uploads a batch file (fields left null are not sent) and returns the queued batch.</summary>
    public static Task<BatchCreatedDto> UploadAsync(
        CleansingClient client, byte[] content, string fileName = "batch.csv", string? dataset = "vaccination", string? unitCode = "643", Guid? campaignId = null) =>
        client.UploadBatchAsync(new MemoryStream(content), fileName, new UploadBatchRequest(dataset, unitCode, campaignId), TestContext.Current.CancellationToken);

    public static Task<BatchCreatedDto> UploadCsvAsync(CleansingClient client, string csv, string? dataset = "vaccination", string? unitCode = "643") =>
        UploadAsync(client, Encoding.UTF8.GetBytes(csv), "batch.csv", dataset, unitCode);

    /// <summary>Waits until the batch reaches <paramref name="status"/> and returns it.</summary>
    public static async Task<BatchDto> AwaitBatchAsync(CleansingClient client, Guid id, string status = "completed", TimeSpan? timeout = null) =>
        (await Eventually.ReturnsAsync(
            () => client.GetBatchAsync(id, TestContext.Current.CancellationToken),
            b => b?.Status == status,
            timeout ?? TimeSpan.FromSeconds(60),
            because: $"batch {id} {status}"))!;

    /// <summary>The batch, which the caller must see.</summary>
    public static async Task<BatchDto> BatchAsync(CleansingClient client, Guid id) =>
        await client.GetBatchAsync(id, TestContext.Current.CancellationToken) ?? throw new InvalidOperationException($"batch {id} not visible");

    /// <summary>The record, which the caller must see.</summary>
    public static async Task<RecordDto> RecordAsync(CleansingClient client, Guid batchId, int line) =>
        await client.GetRecordAsync(batchId, line, TestContext.Current.CancellationToken) ?? throw new InvalidOperationException($"record {batchId}/{line} not visible");

    /// <summary>The results download as text (<paramref name="extension"/> csv) or bytes (xlsx).</summary>
    public static async Task<byte[]> ResultsAsync(CleansingClient client, Guid batchId, string extension)
    {
        using var response = await client.OpenResultsAsync(batchId, extension, TestContext.Current.CancellationToken);
        return await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
    }

    public static async Task<string> ResultsCsvAsync(CleansingClient client, Guid batchId) =>
        Encoding.UTF8.GetString(await ResultsAsync(client, batchId, "csv"));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(StorageDirectory))
        {
            Directory.Delete(StorageDirectory, recursive: true);
        }
    }
}
