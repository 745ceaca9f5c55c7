using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dakla06.Cleansing;
using Dakla06.Cleansing.Domain;
using Dakla06.Cleansing.Jobs;
using Dakla06.Contracts;
using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Cleansing;
using Dakla06.IntegrationTests.Support;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Dakla06.IntegrationTests.Cleansing;

/// <summary>
/// The cleansing API on its own database and broker virtual host, with the in-process identity provider (real
/// tokens), its own upload directory, small chunks (so a 10-line batch spans several commits) and a fast worker poll.
/// No registry seed: tests load the persons they need with <see cref="LoadRegistryAsync"/>. A receive endpoint of the
/// test records every event the service publishes (<see cref="Events"/>).
/// </summary>
public class CleansingFixture : IAsyncLifetime
{
    private HostReceiveEndpointHandle? _observer;

    /// <summary>Events the service published, as seen on the broker, in arrival order.</summary>
    public ConcurrentQueue<IIntegrationEvent> Events { get; } = new();

    public IdentityProvider Identity { get; } = new();

    public ServiceFactory<CleansingMarker> Api { get; private set; } = null!;

    public string DatabaseConnectionString { get; private set; } = null!;

    public string MessagingConnectionString { get; private set; } = null!;

    public string StorageDirectory { get; } = Path.Combine(Path.GetTempPath(), $"dakla06-cleansing-tests-{Guid.NewGuid():N}");

    public IBus Bus => Api.Services.GetRequiredService<IBus>();

    /// <summary>Records per chunk in tests (the worker commits every this many records).</summary>
    protected virtual int ChunkSize => 3;

    /// <summary>Service settings; override to add (call the base).</summary>
    protected virtual Dictionary<string, string> Settings() => new()
    {
        ["Cleansing:StorageDirectory"] = StorageDirectory,
        ["Cleansing:SeedPersons"] = "0",
        [BatchWorker.ChunkSizeKey] = ChunkSize.ToString(CultureInfo.InvariantCulture),
        [BatchWorker.PollIntervalKey] = "00:00:00.200",
    };

    public virtual async ValueTask InitializeAsync()
    {
        DatabaseConnectionString = await TestEnvironment.CreateDatabaseAsync("cleansing");
        MessagingConnectionString = await TestEnvironment.CreateVirtualHostAsync("cleansing");
        Api = CreateHost(ConfigureServices);
        _ = Api.Server; // start now: migrations run here, not inside the first test
        _observer = Bus.ConnectReceiveEndpoint("cleansing-test-observer", endpoint =>
        {
            endpoint.Handler<CleansingBatchValidated>(context => Record(context.Message));
            endpoint.Handler<CleansingRecordResolved>(context => Record(context.Message));
        });
        await _observer.Ready;
    }

    /// <summary>Another host of the same service (a second replica) on the same database and broker.</summary>
    public ServiceFactory<CleansingMarker> CreateHost(Action<IServiceCollection>? configureServices = null, IReadOnlyDictionary<string, string>? extraSettings = null)
    {
        var settings = Settings();
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return new ServiceFactory<CleansingMarker>(Identity, new Dictionary<string, string>
        {
            ["cleansingdb"] = DatabaseConnectionString,
            ["messaging"] = MessagingConnectionString,
        }, configureServices, settings);
    }

    /// <summary>Override to replace services of the main host (call the base).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Removes the batch worker's background loop (tests then run <see cref="BatchWorker.ProcessNextAsync"/> themselves).</summary>
    public static void RemoveBatchWorker(IServiceCollection services)
    {
        var worker = services.Single(d => d.ServiceType == typeof(Microsoft.Extensions.Hosting.IHostedService) && d.ImplementationType == typeof(BatchWorker));
        services.Remove(worker);
    }

    private Task Record(IIntegrationEvent message)
    {
        Events.Enqueue(message);
        return Task.CompletedTask;
    }

    public IReadOnlyList<TEvent> Seen<TEvent>(Func<TEvent, bool> match)
        where TEvent : IIntegrationEvent =>
        Events.OfType<TEvent>().Where(match).ToList();

    public Task<IReadOnlyList<TEvent>> AwaitEventsAsync<TEvent>(Func<TEvent, bool> match, int count = 1)
        where TEvent : IIntegrationEvent =>
        Eventually.ReturnsAsync(() => Task.FromResult(Seen(match)), e => e.Count >= count, because: $"{count} × {typeof(TEvent).Name} published");

    /// <summary>A client of the API signed in as a realm user (a real token from the identity provider).</summary>
    public async Task<HttpClient> ClientForAsync(string username, ServiceFactory<CleansingMarker>? host = null)
    {
        var client = (host ?? Api).CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Identity.GetAccessTokenAsync(username));
        return client;
    }

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

    /// <summary>Uploads a batch file (multipart: file, dataset, unitCode, campaignId?) and returns the response body, asserting the status.</summary>
    public static async Task<JsonElement> UploadAsync(
        HttpClient client, byte[] content, string fileName = "batch.csv", string? dataset = "vaccination", string? unitCode = "643",
        Guid? campaignId = null, int expectedStatus = 202)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".xlsx", StringComparison.Ordinal)
            ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            : "text/csv");
        form.Add(file, "file", fileName);
        if (dataset is not null)
        {
            form.Add(new StringContent(dataset), "dataset");
        }

        if (unitCode is not null)
        {
            form.Add(new StringContent(unitCode), "unitCode");
        }

        if (campaignId is not null)
        {
            form.Add(new StringContent(campaignId.Value.ToString()), "campaignId");
        }

        using var response = await client.PostAsync("/api/cleansing/batches", form, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True((int)response.StatusCode == expectedStatus, $"upload: expected {expectedStatus}, got {(int)response.StatusCode} {text}");
        if (expectedStatus == 202)
        {
            Assert.Equal($"/api/cleansing/batches/{JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid()}", response.Headers.Location?.OriginalString);
        }

        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Task<JsonElement> UploadCsvAsync(HttpClient client, string csv, string? dataset = "vaccination", string? unitCode = "643", int expectedStatus = 202) =>
        UploadAsync(client, Encoding.UTF8.GetBytes(csv), "batch.csv", dataset, unitCode, null, expectedStatus);

    /// <summary>Waits until the batch reaches <paramref name="status"/> and returns its detail.</summary>
    public static Task<JsonElement> AwaitBatchAsync(HttpClient client, Guid id, string status = "completed", TimeSpan? timeout = null) =>
        Eventually.ReturnsAsync(
            () => GetAsync(client, $"/api/cleansing/batches/{id}"),
            b => b.GetProperty("status").GetString() == status,
            timeout ?? TimeSpan.FromSeconds(60),
            because: $"batch {id} {status}");

    public static async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string url, object? body, int expectedStatus = 200)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True((int)response.StatusCode == expectedStatus, $"{method} {url}: expected {expectedStatus}, got {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Task<JsonElement> GetAsync(HttpClient client, string url, int expectedStatus = 200) =>
        SendAsync(client, HttpMethod.Get, url, null, expectedStatus);

    public static Task<JsonElement> PostAsync(HttpClient client, string url, object? body, int expectedStatus = 200) =>
        SendAsync(client, HttpMethod.Post, url, body, expectedStatus);

    public Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters) =>
        TestSql.ScalarAsync(DatabaseConnectionString, sql, parameters);

    public virtual async ValueTask DisposeAsync()
    {
        if (_observer is not null)
        {
            await _observer.StopAsync(CancellationToken.None);
        }

        if (Api is not null)
        {
            await Api.DisposeAsync();
        }

        await Identity.DisposeAsync();
        if (Directory.Exists(StorageDirectory))
        {
            Directory.Delete(StorageDirectory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}
