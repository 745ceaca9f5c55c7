using Dakla06.Inspections.Data;
using Dakla06.ServiceDefaults;
using Dakla06.ServiceDefaults.Messaging;
using Npgsql;

namespace Dakla06.Inspections.Jobs;

/// <summary>
/// Reopens findings whose risk acceptance has run out: every <c>Inspections:RiskExpiryScanInterval</c> (default one
/// hour) findings in <c>risk_accepted</c> whose <c>until</c> date (Vietnam) is before today become <c>reopened</c>
/// with the reason "Hết hạn chấp nhận rủi ro", a history row, <c>FindingReopened</c> and the system's readiness, in
/// one transaction per batch. Rows are claimed with <c>FOR UPDATE SKIP LOCKED</c> and change state, so with several
/// replicas each finding reopens once.
/// </summary>
public sealed partial class RiskAcceptanceExpiryScanner(
    NpgsqlDataSource dataSource,
    FindingStore findings,
    Outbox outbox,
    TimeProvider time,
    IConfiguration configuration,
    ILogger<RiskAcceptanceExpiryScanner> logger) : BackgroundService
{
    public const string IntervalKey = "Inspections:RiskExpiryScanInterval";
    public const int BatchSize = 200;

    public TimeSpan Interval => configuration.GetValue<TimeSpan?>(IntervalKey) ?? TimeSpan.FromHours(1);

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
                LogScanFailed(e);
            }

            await Task.Delay(Interval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Reopens every finding whose risk acceptance has expired now; returns how many.</summary>
    public async Task<int> ScanOnceAsync(CancellationToken cancellationToken = default)
    {
        var total = 0;
        while (true)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var reopened = await findings.ExpireRiskAcceptancesAsync(transaction, VietnamTime.Today(time), BatchSize, cancellationToken);
            await outbox.CommitAsync(transaction, cancellationToken);
            total += reopened;
            if (reopened < BatchSize)
            {
                break;
            }
        }

        if (total > 0)
        {
            LogReopened(total);
        }

        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reopened {Count} findings whose risk acceptance expired")]
    private partial void LogReopened(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Risk acceptance expiry scan failed; retrying at the next interval")]
    private partial void LogScanFailed(Exception exception);
}
