using Dakla06.Cleansing.Data;
using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Cleansing;
using Dakla06.People;
using Dakla06.ServiceDefaults;
using Dakla06.ServiceDefaults.Hosting;
using Dakla06.ServiceDefaults.Messaging;
using Dapper;
using Npgsql;

namespace Dakla06.Cleansing.Jobs;

/// <summary>
/// Publishes <see cref="RegistryPopulationCounted"/> (living persons aged 14+ per commune) whenever the counts are due:
/// the registry version moved on (an import or seed changed it) or the date in Vietnam did (ages change with it). It
/// polls one cheap comparison against what it published last; an import on this replica wakes it at once. Counting,
/// the outbox row and the new publication state commit together under the publication row's lock, so each count is
/// published exactly once whichever replica gets there first.
/// </summary>
public sealed partial class PopulationPublisher(
    NpgsqlDataSource dataSource,
    Outbox outbox,
    PopulationSignal signal,
    TimeProvider time,
    IConfiguration configuration,
    ILogger<PopulationPublisher> logger) : BackgroundService
{
    public const string PollIntervalKey = "Cleansing:PopulationPollInterval";

    public TimeSpan PollInterval => configuration.GetValue<TimeSpan?>(PollIntervalKey) ?? TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PublishIfDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogPublishFailed(e);
            }

            await signal.WaitAsync(PollInterval, stoppingToken);
        }
    }

    /// <summary>Publishes the counts when the registry version or the date changed since the last publication; true when it did.</summary>
    public async Task<bool> PublishIfDueAsync(CancellationToken cancellationToken)
    {
        var today = VietnamTime.Today(time);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var last = await connection.QuerySingleAsync<(DateOnly? CountedOn, long? RegistryVersion)>(new CommandDefinition(
            "SELECT counted_on, registry_version FROM population_publication WHERE id = 1 FOR UPDATE",
            transaction: transaction, cancellationToken: cancellationToken));
        var version = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT version FROM registry_state WHERE id = 1", transaction: transaction, cancellationToken: cancellationToken));
        if (last.CountedOn == today && last.RegistryVersion == version)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        var province = AdminUnitDirectory.Default.Root;
        var count = await PopulationStore.CountAsync(transaction, province, today, cancellationToken);
        var now = time.GetUtcNow();
        await outbox.AddAsync(new RegistryPopulationCounted(
            Guid.NewGuid(), now, province.Code, today, count.RegistryVersion, Ages.IdCardAge,
            [.. count.Communes.Select(c => new CommunePopulation(c.CommuneCode, c.Persons))]), transaction, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE population_publication SET counted_on = @today, registry_version = @version, published_at = @now WHERE id = 1",
            new { today, version = count.RegistryVersion, now = now.UtcDateTime }, transaction, cancellationToken: cancellationToken));
        await outbox.CommitAsync(transaction, cancellationToken);
        LogPublished(today, count.RegistryVersion, count.Total);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Population aged 14+ counted on {CountedOn} (registry version {Version}): {Total} persons")]
    private partial void LogPublished(DateOnly countedOn, long version, long total);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Population counts not published; retrying at the next poll")]
    private partial void LogPublishFailed(Exception exception);
}

/// <summary>Wakes the population publisher when this replica changed the registry.</summary>
public sealed class PopulationSignal : WakeSignal;
