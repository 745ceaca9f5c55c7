using Dakla06.Enrolment.Domain;
using Dakla06.ServiceDefaults.Imports;
using Npgsql;
using NpgsqlTypes;

namespace Dakla06.Enrolment.Data;

/// <summary>
/// Stores one chunk of an e-ID account import in one transaction: an account (ID number, level) stored for a unit outside
/// the importer's scope is refused; a known account takes the line's commune, channel and registration day, and its
/// activation day unless the line has none (an activation is completed by a later line, never removed); an activation
/// before the registration is refused. Changed accounts move their counts (old row out, new row in).
/// </summary>
public sealed class EidAccountWriter(NpgsqlDataSource dataSource, ImportJobStore jobs, TimeProvider time)
{
    private const string CreateStage = """
        CREATE TEMP TABLE IF NOT EXISTS eid_stage (
            line bigint, id_number text, level smallint, commune_code text, unit_path text, channel text, registered_on date,
            activated_on date, outcome "char" NOT NULL DEFAULT 'i'
        ) ON COMMIT DELETE ROWS
        """;

    private const string Copy = """
        COPY eid_stage (line, id_number, level, commune_code, unit_path, channel, registered_on, activated_on) FROM STDIN (FORMAT BINARY)
        """;

    private const string Refuse = """
        WITH refused AS (
            SELECT s.line, CASE WHEN NOT (e.unit_path <@ @scope::ltree) THEN 'scope' ELSE 'activation' END AS reason, e.activated_on
            FROM eid_stage s JOIN eid_accounts e ON e.id_number = s.id_number AND e.level = s.level
            WHERE NOT (e.unit_path <@ @scope::ltree) OR (s.activated_on IS NULL AND e.activated_on < s.registered_on)
        ),
        gone AS (DELETE FROM eid_stage s USING refused r WHERE s.line = r.line)
        SELECT line, reason, activated_on FROM refused
        """;

    // A line without an activation day keeps the stored one, so it is compared with that.
    private const string Classify = """
        UPDATE eid_stage s
        SET activated_on = coalesce(s.activated_on, e.activated_on),
            outcome = CASE WHEN (e.commune_code, e.channel, e.registered_on, e.activated_on)
                                IS DISTINCT FROM (s.commune_code, s.channel, s.registered_on, coalesce(s.activated_on, e.activated_on))
                           THEN 'u' ELSE 'n' END
        FROM eid_accounts e
        WHERE e.id_number = s.id_number AND e.level = s.level
        """;

    private static readonly string Contribute = EnrolmentCounts.AddEidAccounts("""
        SELECT -1 AS sign, e.unit_path, e.level, e.channel, e.registered_on, e.activated_on
        FROM eid_stage s JOIN eid_accounts e ON e.id_number = s.id_number AND e.level = s.level
        WHERE s.outcome = 'u'
        UNION ALL
        SELECT 1, s.unit_path::ltree, s.level, s.channel, s.registered_on, s.activated_on
        FROM eid_stage s WHERE s.outcome IN ('i', 'u')
        """);

    private const string Upsert = """
        INSERT INTO eid_accounts AS e (id_number, level, commune_code, unit_path, channel, registered_on, activated_on, import_id, updated_at)
        SELECT id_number, level, commune_code, unit_path::ltree, channel, registered_on, activated_on, @importId, @now
        FROM eid_stage WHERE outcome IN ('i', 'u')
        ON CONFLICT (id_number, level) DO UPDATE SET
            commune_code = excluded.commune_code, unit_path = excluded.unit_path, channel = excluded.channel,
            registered_on = excluded.registered_on, activated_on = excluded.activated_on, import_id = excluded.import_id, updated_at = excluded.updated_at
        """;

    public async Task<ChunkCounts> WriteAsync(
        ImportJob job, ChunkProgress progress, IReadOnlyList<EidAccountLine> lines, List<ImportLineError> errors, long rejected, CancellationToken cancellationToken)
    {
        await using var chunk = await ChunkTransaction.BeginAsync(dataSource, job, time.GetUtcNow(), CreateStage, cancellationToken);
        await CopyAsync(chunk.Connection, lines, cancellationToken);
        var refused = await chunk.QueryAsync<(long Line, string Reason, DateOnly? ActivatedOn)>(Refuse, cancellationToken);
        foreach (var (line, reason, activatedOn) in refused)
        {
            errors.Add(reason == "scope"
                ? new ImportLineError(line, EidAccountFile.IdNumber, "Tài khoản này đã được nhập cho đơn vị ngoài phạm vi quản lý của bạn.")
                : new ImportLineError(line, EidAccountFile.RegisteredOn, $"Tài khoản đã kích hoạt ngày {activatedOn:dd/MM/yyyy}, trước ngày đăng ký mới."));
        }

        await chunk.ExecuteAsync(Classify, cancellationToken);
        var (inserted, updated, unchanged) = await chunk.OutcomesAsync("eid_stage", cancellationToken);
        if (inserted + updated > 0)
        {
            await chunk.ExecuteAsync(Contribute, cancellationToken);
            await chunk.ExecuteAsync(Upsert, cancellationToken);
        }

        var counts = new ChunkCounts(inserted, updated, unchanged, rejected + refused.Count);
        await chunk.CommitAsync(jobs, job, progress, counts, errors, cancellationToken);
        return counts;
    }

    private static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<EidAccountLine> lines, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(Copy, cancellationToken);
        foreach (var line in lines)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(line.Line, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(line.IdNumber, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(line.Level, NpgsqlDbType.Smallint, cancellationToken);
            await copy.WriteAsync(line.Commune.Code, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(line.Commune.Path, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(line.Channel, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(line.RegisteredOn, NpgsqlDbType.Date, cancellationToken);
            if (line.ActivatedOn is { } activated)
            {
                await copy.WriteAsync(activated, NpgsqlDbType.Date, cancellationToken);
            }
            else
            {
                await copy.WriteNullAsync(cancellationToken);
            }
        }

        await copy.CompleteAsync(cancellationToken);
    }
}
