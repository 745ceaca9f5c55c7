using System.Diagnostics;
using Dakla06.ServiceDefaults.Messaging;
using Dakla06.ServiceDefaults.Telemetry;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Dakla06.ServiceDefaults.Hosting;

/// <summary>
/// A job that looks for rows needing work at a fixed interval, on every replica. Each scan claims up to
/// <see cref="BatchSize"/> rows with <see cref="ClaimSql"/> (<c>FOR UPDATE SKIP LOCKED</c>, so replicas never claim the
/// same row), handles each with <see cref="ProcessAsync"/> and commits the batch in one transaction (waking the outbox
/// relay for the events it wrote); it goes on while batches come back full. A failed scan (database down, deadlock) is
/// logged and tried again at the next tick; the job itself keeps running. A subclass is its claim SQL, what it does per
/// row and its settings: the interval's configuration key and default, and the batch size.
/// </summary>
/// <typeparam name="TItem">A claimed row, as Dapper maps the columns <see cref="ClaimSql"/> returns.</typeparam>
public abstract partial class PeriodicScanner<TItem>(
    NpgsqlDataSource dataSource,
    Outbox outbox,
    ServiceTelemetry telemetry,
    TimeProvider time,
    IConfiguration configuration,
    ILogger logger) : BackgroundService
{
    /// <summary>Configuration key of the time between scans (a <see cref="TimeSpan"/>, e.g. <c>01:00:00</c>).</summary>
    protected abstract string IntervalKey { get; }

    /// <summary>The time between scans when <see cref="IntervalKey"/> is not set.</summary>
    protected abstract TimeSpan DefaultInterval { get; }

    /// <summary>Rows claimed and committed per transaction.</summary>
    public abstract int BatchSize { get; }

    /// <summary>
    /// Claims the rows to work on, in the scan's transaction: <c>FOR UPDATE SKIP LOCKED</c>, <c>LIMIT @batch</c>, and
    /// a condition that the work makes false (a state changed, a "done at" column set), or the next scan finds them
    /// again. Parameters: <c>@batch</c>, <c>@now</c> (the scan's instant, UTC) and <c>@today</c> (its date in Vietnam).
    /// </summary>
    protected abstract string ClaimSql { get; }

    /// <summary>Parameters of <see cref="ClaimSql"/> beyond <c>@batch</c>, <c>@now</c> and <c>@today</c> (settings, say); none by default.</summary>
    protected virtual object? ClaimParameters(DateOnly today) => null;

    /// <summary>Does the work of one claimed row inside <see cref="ScanBatch.Transaction"/> (events through <see cref="Outbox"/>).</summary>
    protected abstract Task ProcessAsync(TItem item, ScanBatch batch);

    private readonly SemaphoreSlim _requested = new(0, 1);

    protected Outbox Outbox => outbox;

    protected NpgsqlDataSource DataSource => dataSource;

    protected TimeProvider Time => time;

    public TimeSpan Interval => configuration.GetValue<TimeSpan?>(IntervalKey) ?? DefaultInterval;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ScanOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogScanFailed(e, GetType().Name);
            }

            // The next tick, or sooner when asked (RequestScan).
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var tick = Task.Delay(Interval, time, waiting.Token);
            var requested = _requested.WaitAsync(waiting.Token);
            await Task.WhenAny(tick, requested);
            await waiting.CancelAsync();
            await tick.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await requested.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>
    /// Asks the job to scan now, in its own loop, and returns at once: work after an import that may take long (a
    /// province of newly stuck applications) must not hold the import queue. Requests while a scan runs make one more scan.
    /// </summary>
    public void RequestScan()
    {
        try
        {
            _requested.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already requested: the next scan sees everything there is by then.
        }
    }

    /// <summary>Handles every row that needs work now, batch after batch; returns how many.</summary>
    public async Task<int> ScanOnceAsync(CancellationToken cancellationToken = default)
    {
        // Started once a claim found rows, so an idle scan leaves no trace (its claim query is not traced either, like
        // the outbox relay's polls); the span still starts where that first claim did.
        Activity? activity = null;
        var total = 0;
        var batches = 0;
        try
        {
            while (true)
            {
                var claimStarted = DateTime.UtcNow; // spans measure real time, whatever the business clock says
                var now = time.GetUtcNow();
                var today = DateOnly.FromDateTime(now.ToOffset(VietnamTime.Offset).DateTime);
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                var parameters = new DynamicParameters(new { batch = BatchSize, now = now.UtcDateTime, today });
                parameters.AddDynamicParams(ClaimParameters(today));
                var claimed = (await connection.QueryAsync<TItem>(new CommandDefinition(
                    ClaimSql, parameters, transaction, cancellationToken: cancellationToken))).AsList();
                if (claimed.Count == 0)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    break;
                }

                if (activity is null && telemetry.StartActivity($"{GetType().Name} scan") is { } started)
                {
                    activity = started.SetStartTime(claimStarted);
                }

                var batch = new ScanBatch(transaction, now, today, cancellationToken);
                foreach (var item in claimed)
                {
                    await ProcessAsync(item, batch);
                }

                await outbox.CommitAsync(transaction, cancellationToken);
                total += claimed.Count;
                batches++;
                if (claimed.Count < BatchSize)
                {
                    break;
                }
            }
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            throw;
        }
        finally
        {
            activity?.SetTag("dakla06.scan.items", total);
            activity?.SetTag("dakla06.scan.batches", batches);
            activity?.Dispose();
        }

        if (total > 0)
        {
            LogScanned(GetType().Name, total);
        }

        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Scanner} handled {Count} rows")]
    private partial void LogScanned(string scanner, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Scanner} failed; retrying at the next interval")]
    private partial void LogScanFailed(Exception exception, string scanner);
}

/// <summary>The transaction of one claimed batch, the scan's instant and its date in Vietnam (the same for every row of it).</summary>
public sealed record ScanBatch(NpgsqlTransaction Transaction, DateTimeOffset Now, DateOnly Today, CancellationToken CancellationToken);
