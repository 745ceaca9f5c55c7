using System.Text;
using Dakla06.Cleansing;
using Dakla06.Cleansing.Jobs;
using Dakla06.Contracts.Cleansing;
using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Cleansing;
using Dakla06.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Dakla06.IntegrationTests.Support.ApiAssert;

namespace Dakla06.IntegrationTests.Cleansing;

/// <summary>
/// The main host runs no worker loop (tests drive <see cref="BatchWorker.ProcessNextAsync"/> with workers of their own,
/// or start a second host that has one); leases are short so an abandoned batch is taken over within seconds.
/// </summary>
public sealed class BatchRestartFixture : CleansingFixture
{
    protected override int ChunkSize => 5;

    protected override Dictionary<string, string> Settings()
    {
        var settings = base.Settings();
        settings[BatchWorker.LeaseKey] = "00:00:04";
        return settings;
    }

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        RemoveBatchWorker(services);
    }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await LoadRegistryAsync([BatchTestsFixture.An, BatchTestsFixture.Binh, BatchTestsFixture.Cuong, BatchTestsFixture.Hen]);
    }
}

public sealed class BatchRestartTests(BatchRestartFixture fixture) : IClassFixture<BatchRestartFixture>
{
    /// <summary>The known batch repeated: duplicates then span chunks, so a resume must rebuild the duplicate state.</summary>
    private static string RepeatedBatch(int times)
    {
        var lines = BatchTestsFixture.KnownBatch.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var builder = new StringBuilder(lines[0]).Append('\n');
        for (var i = 0; i < times; i++)
        {
            foreach (var line in lines.Skip(1))
            {
                builder.Append(line).Append('\n');
            }
        }

        return builder.ToString();
    }

    private BatchWorker NewWorker(Action<Guid, int>? chunkCommitted = null, bool releaseOnStop = true)
    {
        var services = fixture.Api.Services;
        return new BatchWorker(
            services.GetRequiredService<Dakla06.Cleansing.Data.BatchRecordWriter>(),
            services.GetRequiredService<Dakla06.Cleansing.Registry.RegistrySnapshotProvider>(),
            services.GetRequiredService<CleansingTelemetry>(),
            services.GetRequiredService<BatchSignal>(),
            TimeProvider.System,
            services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>(),
            services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<BatchWorker>>())
        {
            ChunkCommitted = chunkCommitted,
            ReleaseOnStop = releaseOnStop,
        };
    }

    private async Task<Dictionary<int, string>> ClassesAsync(Guid batchId)
    {
        await using var connection = new NpgsqlConnection(fixture.DatabaseConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT line_no, class FROM batch_records WHERE batch_id = @id", connection);
        command.Parameters.AddWithValue("id", batchId);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var classes = new Dictionary<int, string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            classes.Add(reader.GetInt32(0), reader.GetString(1));
        }

        return classes;
    }

    private static int Sum(CleansingClassCounts c) =>
        c.Matched + c.MissingId + c.MalformedId + c.NotFound + c.InfoMismatch + c.DuplicateInBatch + c.Deceased + c.Unreadable;

    private Task<long> RecordCountAsync(Guid batchId) =>
        fixture.ScalarAsync("SELECT count(*) FROM batch_records WHERE batch_id = @id", ("id", batchId));

    /// <summary>
    /// Waits until the relay published (and deleted) every outbox row, then returns how many CleansingBatchValidated
    /// of the batch the broker delivered: with nothing left to relay, a second event could only have come before.
    /// </summary>
    private async Task<int> PublishedEventsAsync(Guid batchId)
    {
        await Eventually.ReturnsAsync(() => fixture.ScalarAsync("SELECT count(*) FROM outbox_messages"), pending => pending == 0,
            TimeSpan.FromSeconds(30), "the outbox relayed everything");
        return fixture.Seen<CleansingBatchValidated>(e => e.BatchId == batchId).Count;
    }

    /// <summary>Validates the file once without interruption: the expected classes and counts.</summary>
    private async Task<(Dictionary<int, string> Classes, CleansingClassCounts Counts)> CleanRunAsync(CleansingClient client, string csv)
    {
        var id = (await CleansingFixture.UploadCsvAsync(client, csv)).Id;
        Assert.True(await NewWorker().ProcessNextAsync(TestContext.Current.CancellationToken));
        var events = await fixture.AwaitEventsAsync<CleansingBatchValidated>(e => e.BatchId == id);
        return (await ClassesAsync(id), events[0].Counts);
    }

    [Fact]
    public async Task A_crashed_worker_s_batch_is_resumed_after_its_lease_expires_without_counting_twice()
    {
        var client = await fixture.ClientForAsync("bmt.officer");
        var csv = RepeatedBatch(4); // 36 records, chunks of 5
        var expected = await CleanRunAsync(client, csv);
        Assert.Equal(36, expected.Classes.Count);

        var id = (await CleansingFixture.UploadCsvAsync(client, csv)).Id;
        using var crash = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var crashed = NewWorker((_, processed) =>
        {
            if (processed >= 15)
            {
                crash.Cancel();
            }
        }, releaseOnStop: false);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => crashed.ProcessNextAsync(crash.Token));

        // The crash left three committed chunks, the lease in place and the batch running.
        var midway = await CleansingFixture.BatchAsync(client, id);
        Assert.Equal("running", midway.Status);
        Assert.Equal(15, midway.Processed);
        Assert.Equal(15, await RecordCountAsync(id));
        Assert.Equal(15, Sum(midway.Counts));

        // Another replica cannot take it while the lease holds; after it expires, it resumes and finishes.
        var second = NewWorker();
        Assert.False(await second.ProcessNextAsync(TestContext.Current.CancellationToken));
        await Eventually.ReturnsAsync(() => second.ProcessNextAsync(TestContext.Current.CancellationToken), claimed => claimed,
            TimeSpan.FromSeconds(30), "the expired lease is taken over");

        var batch = await CleansingFixture.BatchAsync(client, id);
        Assert.Equal("completed", batch.Status);
        Assert.Equal(36, batch.Total);
        Assert.Equal(36, batch.Processed);
        Assert.Equal(36, await RecordCountAsync(id));
        Assert.Equal(expected.Classes, await ClassesAsync(id));

        var events = await fixture.AwaitEventsAsync<CleansingBatchValidated>(e => e.BatchId == id);
        Assert.Equal(expected.Counts, events[0].Counts);
        Assert.Equal(36, events[0].Total);
        Assert.Equal(1, await PublishedEventsAsync(id));
    }

    [Fact]
    public async Task A_stopped_host_gives_the_batch_back_and_another_host_finishes_it()
    {
        var client = await fixture.ClientForAsync("bmt.officer");
        var csv = RepeatedBatch(400); // 3,600 records in chunks of 5: long enough to stop the host in the middle
        var id = (await CleansingFixture.UploadCsvAsync(client, csv)).Id;

        var first = fixture.CreateHost();
        _ = first.Server; // its worker loop starts and claims the batch
        await Eventually.ReturnsAsync(() => fixture.ScalarAsync("SELECT processed FROM batches WHERE id = @id", ("id", id)),
            processed => processed > 0, TimeSpan.FromSeconds(30), "the first host started the batch");
        await first.DisposeAsync();

        var stopped = await CleansingFixture.BatchAsync(client, id);
        Assert.Equal("running", stopped.Status);
        var processedAtStop = stopped.Processed;
        Assert.InRange(processedAtStop, 1, 3_599);
        Assert.Equal(processedAtStop, await RecordCountAsync(id));
        // Given back at once (no lease left to expire), and a graceful stop is not counted as a failed attempt.
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM batches WHERE id = @id AND lease_owner IS NOT NULL", ("id", id)));
        Assert.Equal(0, await fixture.ScalarAsync("SELECT attempts FROM batches WHERE id = @id", ("id", id)));

        await using var next = fixture.CreateHost();
        _ = next.Server;
        var batch = await CleansingFixture.AwaitBatchAsync(client, id, timeout: TimeSpan.FromSeconds(120));
        Assert.Equal(3_600, batch.Total);
        Assert.Equal(3_600, await RecordCountAsync(id));
        Assert.Equal(3_600, Sum(batch.Counts));
        Assert.Equal(400, batch.Counts.Unreadable);
        Assert.Equal(400, batch.Counts.MissingId);
        await fixture.AwaitEventsAsync<CleansingBatchValidated>(e => e.BatchId == id);
        Assert.Equal(1, await PublishedEventsAsync(id));
        Assert.True(batch.RegistryVersion >= 1);
    }

    [Fact]
    public async Task A_running_batch_cancelled_stops_between_chunks_and_keeps_what_it_committed()
    {
        var client = await fixture.ClientForAsync("bmt.officer");
        var id = (await CleansingFixture.UploadCsvAsync(client, RepeatedBatch(4))).Id;
        var cancelledAt = 0;
        var worker = NewWorker((batchId, processed) =>
        {
            if (processed == 10)
            {
                // As the user would, through the API, while the batch runs.
                client.CancelBatchAsync(batchId).GetAwaiter().GetResult();
                cancelledAt = processed;
            }
        });
        Assert.True(await worker.ProcessNextAsync(TestContext.Current.CancellationToken));

        var batch = await CleansingFixture.BatchAsync(client, id);
        Assert.Equal("cancelled", batch.Status);
        Assert.Equal(10, cancelledAt);
        Assert.Equal(10, batch.Processed);
        Assert.Equal(10, await RecordCountAsync(id));
        Assert.Equal(0, await PublishedEventsAsync(id));
        await FailsAsync(ApiFailure.Conflict, () => client.CancelBatchAsync(id, TestContext.Current.CancellationToken));

        // A queued batch is cancelled at once and never claimed.
        var queued = (await CleansingFixture.UploadCsvAsync(client, RepeatedBatch(1))).Id;
        var cancelled = await client.CancelBatchAsync(queued, TestContext.Current.CancellationToken);
        Assert.Equal("cancelled", cancelled.Status);
        Assert.False(await NewWorker().ProcessNextAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await RecordCountAsync(queued));
    }
}
