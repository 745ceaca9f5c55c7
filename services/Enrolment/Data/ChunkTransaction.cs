using Dakla06.ServiceDefaults.Imports;
using Dapper;
using Npgsql;

namespace Dakla06.Enrolment.Data;

/// <summary>Where a chunk ends in its file and who writes it: the worker holding the job's lease.</summary>
public sealed record ChunkProgress(string Owner, TimeSpan Lease, long LastLine, long BytesRead);

/// <summary>
/// One chunk of an enrolment import: its transaction under the import lock, its staging table filled by binary COPY,
/// the parameters its SQL binds, and the rejected lines it collects — committed with the job's progress.
/// </summary>
public sealed class ChunkTransaction : IAsyncDisposable
{
    private ChunkTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction, ImportJob job, DateTimeOffset now)
    {
        Connection = connection;
        Transaction = transaction;
        ImportId = job.Id;
        Parameters = new { importId = job.Id, scope = job.UnitPath, now };
    }

    public NpgsqlConnection Connection { get; }

    public NpgsqlTransaction Transaction { get; }

    public Guid ImportId { get; }

    /// <summary><c>@importId</c>, <c>@scope</c> (the importer's unit path), <c>@now</c>.</summary>
    public object Parameters { get; }

    /// <summary>Opens the chunk's transaction, takes the import lock and creates the staging table (emptied at commit).</summary>
    public static async Task<ChunkTransaction> BeginAsync(NpgsqlDataSource dataSource, ImportJob job, DateTimeOffset now, string createStage, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var chunk = new ChunkTransaction(connection, transaction, job, now);
        await EnrolmentCounts.LockAsync(connection, transaction, cancellationToken);

        // A chunk's stage meets the whole stored table: one primary-key probe per line is the right plan, which the
        // planner picks only when a random page costs about what a cached one does (see statistics' DossierWriter).
        await chunk.ExecuteAsync("SET LOCAL random_page_cost = 1.1", cancellationToken);
        await chunk.ExecuteAsync(createStage, cancellationToken);
        return chunk;
    }

    public Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken) =>
        Connection.ExecuteAsync(new CommandDefinition(sql, Parameters, Transaction, commandTimeout: 600, cancellationToken: cancellationToken));

    public async Task<List<T>> QueryAsync<T>(string sql, CancellationToken cancellationToken) =>
        [.. await Connection.QueryAsync<T>(new CommandDefinition(sql, Parameters, Transaction, commandTimeout: 600, cancellationToken: cancellationToken))];

    /// <summary>Counts the staged lines by outcome: <c>i</c> inserted, <c>u</c> updated, <c>n</c> unchanged.</summary>
    public async Task<(long Inserted, long Updated, long Unchanged)> OutcomesAsync(string stage, CancellationToken cancellationToken) =>
        await Connection.QuerySingleAsync<(long, long, long)>(new CommandDefinition(
            $"SELECT count(*) FILTER (WHERE outcome = 'i'), count(*) FILTER (WHERE outcome = 'u'), count(*) FILTER (WHERE outcome = 'n') FROM {stage}",
            transaction: Transaction, cancellationToken: cancellationToken));

    /// <summary>Records the chunk's outcome on its job (lease checked) and commits everything together.</summary>
    public async Task CommitAsync(
        ImportJobStore jobs, ImportJob job, ChunkProgress progress, ChunkCounts counts, IReadOnlyList<ImportLineError> errors, CancellationToken cancellationToken)
    {
        await jobs.RecordChunkAsync(Connection, Transaction, job.Id, progress.Owner, progress.Lease, counts, errors, progress.LastLine, progress.BytesRead, cancellationToken);
        await Transaction.CommitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
