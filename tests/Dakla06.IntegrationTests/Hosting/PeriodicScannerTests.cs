using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Dakla06.IntegrationTests.Support;
using Dakla06.ServiceDefaults;
using Dakla06.ServiceDefaults.Hosting;
using Dakla06.ServiceDefaults.Messaging;
using Dakla06.ServiceDefaults.Telemetry;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Dakla06.IntegrationTests.Hosting;

/// <summary>The periodic-scanner base on its own, running as a hosted service over a real database with a fake clock.</summary>
public sealed class PeriodicScannerTests : IAsyncLifetime
{
    private string _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestEnvironment.CreateDatabaseAsync("scanner");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_failed_scan_is_logged_and_retried_at_the_next_tick_and_a_failed_batch_leaves_nothing_behind()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var logs = new RecordingLoggerProvider();
        using var scans = new ActivityRecorder("Dakla06.ScannerTest");

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:testdb"] = _database;
        builder.Configuration[ItemScanner.IntervalSetting] = "00:05:00";
        builder.Logging.AddProvider(logs);
        builder.AddServiceDatabase("testdb", typeof(PeriodicScannerTests).Assembly);
        builder.AddServiceTelemetry<ScannerTestTelemetry>();
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<Outbox>();
        builder.Services.AddHostedService<ItemScanner>();
        using var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            // The first scan runs at start, before its table exists: a real database error, logged; the job lives on.
            var failure = await Eventually.ReturnsAsync(() => Task.FromResult(logs.Warnings(nameof(ItemScanner))), w => w.Count > 0);
            Assert.Equal("42P01", Assert.IsType<PostgresException>(failure[0].Exception).SqlState);

            await using (var connection = new NpgsqlConnection(_database))
            {
                await connection.ExecuteAsync("""
                    CREATE TABLE scan_items (id int PRIMARY KEY, handled_at timestamptz);
                    CREATE TABLE scan_effects (item_id int NOT NULL, handled_on date NOT NULL);
                    INSERT INTO scan_items (id) SELECT generate_series(1, 5);
                    """);
            }

            var firstDay = VietnamTime.Today(clock);

            // Each tick: batch (1, 2) commits, batch (3, 4) fails on item 3 and rolls back. The next tick: (3, 4), then (5).
            await Eventually.ReturnsAsync(() =>
            {
                clock.Advance(TimeSpan.FromMinutes(5));
                return CountAsync("SELECT count(*) FROM scan_items WHERE handled_at IS NULL");
            }, n => n == 0, because: "every item is handled at a later tick");

            Assert.Equal(2, logs.Warnings(nameof(ItemScanner)).Count);
            Assert.Equal(5, await CountAsync("SELECT count(*) FROM scan_effects"));
            Assert.Equal(5, await CountAsync("SELECT count(DISTINCT item_id) FROM scan_effects"));
            // @today is the scan's date in Vietnam on the service's clock.
            await using (var connection = new NpgsqlConnection(_database))
            {
                var dates = await connection.QueryAsync<DateOnly>("SELECT handled_on FROM scan_effects");
                Assert.All(dates, d => Assert.InRange(d, firstDay, VietnamTime.Today(clock)));
            }

            // One span per scan that found work (idle ticks leave none): the failed one and the one that finished the work.
            var spans = await Eventually.ReturnsAsync(() => Task.FromResult(scans.Stopped.ToList()), s => s.Count >= 2);
            Assert.Equal(2, spans.Count);
            Assert.All(spans, s => Assert.Equal("ItemScanner scan", s.OperationName));
            Assert.Equal(ActivityStatusCode.Error, spans[0].Status);
            Assert.Equal(2, spans[0].GetTagItem("dakla06.scan.items"));
            Assert.Equal(ActivityStatusCode.Unset, spans[1].Status);
            Assert.Equal(3, spans[1].GetTagItem("dakla06.scan.items"));
            Assert.Equal(2, spans[1].GetTagItem("dakla06.scan.batches"));
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database);
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    public sealed class ScannerTestTelemetry(IMeterFactory meters) : ServiceTelemetry("ScannerTest", meters);

    /// <summary>Handles items two at a time; the first attempt at item 3 fails after its effect was written.</summary>
    public sealed class ItemScanner(
        NpgsqlDataSource dataSource,
        Outbox outbox,
        ScannerTestTelemetry telemetry,
        TimeProvider time,
        IConfiguration configuration,
        ILogger<ItemScanner> logger) : PeriodicScanner<int>(dataSource, outbox, telemetry, time, configuration, logger)
    {
        public const string IntervalSetting = "Tests:ItemScanInterval";

        private int _failed;

        protected override string IntervalKey => IntervalSetting;

        protected override TimeSpan DefaultInterval => TimeSpan.FromHours(1);

        public override int BatchSize => 2;

        protected override string ClaimSql => """
            WITH due AS (SELECT id FROM scan_items WHERE handled_at IS NULL ORDER BY id LIMIT @batch FOR UPDATE SKIP LOCKED)
            UPDATE scan_items s SET handled_at = @now FROM due WHERE s.id = due.id
            RETURNING s.id
            """;

        protected override async Task ProcessAsync(int item, ScanBatch batch)
        {
            await batch.Transaction.Connection!.ExecuteAsync(new CommandDefinition(
                "INSERT INTO scan_effects (item_id, handled_on) VALUES (@item, @today)",
                new { item, today = batch.Today }, batch.Transaction, cancellationToken: batch.CancellationToken));
            if (item == 3 && Interlocked.Exchange(ref _failed, 1) == 0)
            {
                throw new InvalidOperationException("Simulated failure after writing the effect.");
            }
        }
    }

    private sealed record LogEntry(string Category, LogLevel Level, Exception? Exception);

    private sealed class RecordingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<LogEntry> _entries = new();

        public IReadOnlyList<LogEntry> Warnings(string categoryEnd) =>
            _entries.Where(e => e.Level == LogLevel.Warning && e.Category.EndsWith(categoryEnd, StringComparison.Ordinal)).ToList();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue(new LogEntry(category, logLevel, exception));
        }
    }
}
