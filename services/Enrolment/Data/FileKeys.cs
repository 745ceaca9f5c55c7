using Dapper;
using Npgsql;

namespace Dakla06.Enrolment.Data;

/// <summary>
/// The keys an import job's file has brought so far (an application's code; a card event's code and event), so that a
/// key met again on a later line is refused naming the line it first came on. Kept in a table of the job's own instead of
/// the worker's memory: a set of every key of the file grew with the file (0.23 GiB peak at 100,000 applications, 0.79 GiB
/// at 1.7 million; BENCHMARKS.md, enrolment). Created by the job's first chunk and filled by each chunk in its transaction
/// (so a resumed job knows the keys of its committed chunks), dropped by the job's final transaction — whole, at once.
/// </summary>
public static class FileKeys
{
    private static string Table(Guid importId) => $"import_keys_{importId:N}";

    /// <summary>
    /// Records the keys of the lines staged in <paramref name="stage"/> (<paramref name="key"/>: an expression over its
    /// columns; <c>line</c> the file's line), removes from the stage every line whose key came on an earlier line, and
    /// returns those lines with the line their key first came on. Only the lines that passed the file reader's checks
    /// are staged, so a key counts from its first readable line.
    /// </summary>
    public static async Task<List<(long Line, string Key, long FirstLine)>> RepeatsAsync(ChunkTransaction chunk, string stage, string key, CancellationToken cancellationToken)
    {
        var table = Table(chunk.ImportId);
        await chunk.ExecuteAsync($"""
            CREATE TABLE IF NOT EXISTS {table} (key text PRIMARY KEY, line bigint NOT NULL);
            INSERT INTO {table} (key, line) SELECT {key}, min(line) FROM {stage} GROUP BY 1 ON CONFLICT (key) DO NOTHING
            """, cancellationToken);
        return await chunk.QueryAsync<(long, string, long)>($"""
            WITH repeated AS (SELECT s.line, k.key, k.line AS first_line FROM {stage} s JOIN {table} k ON k.key = {key} WHERE k.line <> s.line),
            gone AS (DELETE FROM {stage} s USING repeated r WHERE s.line = r.line)
            SELECT line, key, first_line FROM repeated
            """, cancellationToken);
    }

    /// <summary>Drops the job's keys (in its final transaction, whether it completed or failed).</summary>
    public static Task DropAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid importId, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition($"DROP TABLE IF EXISTS {Table(importId)}", transaction: transaction, cancellationToken: cancellationToken));
}
