using Dakla06.Contracts.Http.Statistics;
using Dakla06.Statistics.Domain;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Dakla06.Statistics.Data;

/// <summary>
/// What one chunk did: lines by outcome (rejected includes lines refused by the database checks) and, of the stored
/// ones, how many carry warnings.
/// </summary>
public sealed record ChunkOutcome(long Inserted, long Updated, long Unchanged, long Rejected, long LinesWithWarnings);

/// <summary>The job lost its lease to another worker (this one was too slow or presumed dead): stop without writing.</summary>
public sealed class LeaseLostException(Guid importId) : Exception($"Import {importId} is now another worker's.");

/// <summary>
/// Stores one chunk of a dossier import in one transaction: binary COPY into a staging table, then set-based SQL that
/// refuses dossiers already held by a unit outside the importer's scope, classifies each line (new, changed, unchanged),
/// keeps the counted rows of changed dossiers (their contributions come out at the fold), upserts the dossiers, and
/// commits the job's counts, progress, lease and the chunk's rejected lines with them. The count tables are not
/// touched by chunks: the job's final transaction folds the whole job into them (<see cref="FinishAsync"/>,
/// 0006_fold_counts_at_job_end.sql). Chunks and folds of all imports are serialised by an advisory lock, so two imports
/// touching the same dossier or count row cannot interleave.
/// </summary>
public sealed class DossierWriter(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const long ChunkLockKey = 0x5747_0011;

    private const string CreateStage = """
        CREATE TEMP TABLE IF NOT EXISTS dossier_stage (
            line bigint, dossier_code text, procedure_code text, unit_code text, unit_path text, channel text,
            received_on date, due_on date, finished_on date, status text, documents_digitised boolean, result_digitised boolean,
            fee_obligation boolean, paid_online boolean, payment_succeeded boolean, amount bigint, outcome "char" NOT NULL DEFAULT 'i'
        ) ON COMMIT DELETE ROWS
        """;

    private const string Copy = """
        COPY dossier_stage (line, dossier_code, procedure_code, unit_code, unit_path, channel, received_on, due_on, finished_on, status,
            documents_digitised, result_digitised, fee_obligation, paid_online, payment_succeeded, amount) FROM STDIN (FORMAT BINARY)
        """;

    // A dossier of this source already stored for a unit outside the importer's scope is not theirs to change.
    private const string RefuseForeign = """
        DELETE FROM dossier_stage s USING dossiers d
        WHERE d.source = @source AND d.dossier_code = s.dossier_code AND NOT (d.unit_path <@ @scope::ltree)
        RETURNING s.line, s.dossier_code
        """;

    private const string Classify = """
        UPDATE dossier_stage s
        SET outcome = CASE WHEN (d.procedure_code, d.unit_code, d.channel, d.received_on, d.due_on, d.finished_on, d.status,
                                 d.documents_digitised, d.result_digitised, d.fee_obligation, d.paid_online, d.payment_succeeded, d.amount)
                                IS DISTINCT FROM
                                (s.procedure_code, s.unit_code, s.channel, s.received_on, s.due_on, s.finished_on, s.status,
                                 s.documents_digitised, s.result_digitised, s.fee_obligation, s.paid_online, s.payment_succeeded, s.amount)
                           THEN 'u' ELSE 'n' END
        FROM dossiers d
        WHERE d.source = @source AND d.dossier_code = s.dossier_code
        """;

    /// <summary>The sums every count table carries (see the migrations); the unit tables also count <c>received_online</c>.</summary>
    private static readonly string[] Sums =
    [
        "received", "fee_dossiers", "paid_online", "payment_count", "paid_amount_ok", "paid_amount_failed", "digitised",
        "resolved", "resolved_on_time", "results_digitised", "finished_late", "due", "due_met",
    ];

    private static readonly string[] UnitSums = ["received_online", .. Sums];

    /// <summary>The columns of a dossier its contribution to the counts is computed from.</summary>
    private const string ContributionColumns = """
        unit_code, unit_path, procedure_code, channel, received_on, due_on, finished_on, status,
        documents_digitised, result_digitised, fee_obligation, paid_online, payment_succeeded, amount
        """;

    // A changed dossier whose stored row is counted (its import has ended, 0006_fold_counts_at_job_end.sql): that row's
    // contribution must come out when this job's counts are folded, and the row is about to be overwritten.
    private static readonly string RememberReplaced = $"""
        INSERT INTO replaced_dossiers (import_id, {ContributionColumns})
        SELECT @importId, {Prefixed("d", ContributionColumns)}
        FROM dossier_stage s JOIN dossiers d ON d.source = @source AND d.dossier_code = s.dossier_code
        WHERE s.outcome = 'u'
          AND NOT EXISTS (SELECT 1 FROM imports i WHERE i.id = d.import_id AND i.status IN ('{ImportStatuses.Queued}', '{ImportStatuses.Running}'))
        """;

    // Each dossier adds to three days of its unit × procedure × channel: received, finished and due (see 0001). The
    // job's stored dossiers add theirs (sign 1), the counted rows they replaced take theirs out (sign -1). The same
    // contributions, summed per unit × day and per unit × month, go into the unit tables the subtree indicators are
    // answered from (0005_unit_counts.sql); the months from the unit × day sums (a tenth of the rows). One statement
    // for the whole job, each table's rows sorted by its key.
    private static readonly string FoldCounts = $"""
        WITH moved AS (
            SELECT x.unit_code, x.unit_path, x.procedure_code, v.day, x.channel, {string.Join(", ", Sums.Select(c => $"sum(v.{c}) AS {c}"))}
            FROM (
                SELECT 1 AS sign, {ContributionColumns} FROM dossiers WHERE import_id = @importId
                UNION ALL
                SELECT -1, {ContributionColumns} FROM replaced_dossiers WHERE import_id = @importId
            ) x
            CROSS JOIN LATERAL (VALUES
                (x.received_on,
                 x.sign, x.sign * x.fee_obligation::int, x.sign * (x.fee_obligation AND x.paid_online)::int, x.sign * x.paid_online::int,
                 x.sign * CASE WHEN x.paid_online AND x.payment_succeeded THEN x.amount ELSE 0 END,
                 x.sign * CASE WHEN x.paid_online AND NOT x.payment_succeeded THEN x.amount ELSE 0 END,
                 x.sign * x.documents_digitised::int, 0, 0, 0, 0, 0, 0),
                (x.finished_on,
                 0, 0, 0, 0, 0::bigint, 0::bigint, 0,
                 x.sign * (x.status = 'da_giai_quyet')::int, x.sign * (x.status = 'da_giai_quyet' AND x.finished_on <= x.due_on)::int,
                 x.sign * (x.status = 'da_giai_quyet' AND x.result_digitised)::int, x.sign * (x.finished_on > x.due_on)::int, 0, 0),
                (x.due_on,
                 0, 0, 0, 0, 0::bigint, 0::bigint, 0, 0, 0, 0, 0,
                 x.sign, x.sign * (x.finished_on IS NOT NULL AND x.finished_on <= x.due_on)::int)
            ) v(day, {string.Join(", ", Sums)})
            WHERE v.day IS NOT NULL
            GROUP BY x.unit_code, x.unit_path, x.procedure_code, v.day, x.channel
        ),
        per_procedure AS (
            INSERT INTO dossier_counts AS c (unit_code, unit_path, procedure_code, day, channel, {string.Join(", ", Sums)})
            SELECT unit_code, unit_path, procedure_code, day, channel, {string.Join(", ", Sums)}
            FROM moved
            ORDER BY unit_code, procedure_code, day, channel
            ON CONFLICT (unit_code, procedure_code, day, channel) DO UPDATE SET {AddExcluded(Sums)}
        ),
        per_day AS (
            SELECT unit_code, unit_path, day, {UnitSumsOfMoved}
            FROM moved
            GROUP BY unit_code, unit_path, day
        ),
        per_unit_day AS (
            INSERT INTO unit_day_counts AS c (unit_code, unit_path, day, {string.Join(", ", UnitSums)})
            SELECT * FROM per_day
            ORDER BY unit_code, day
            ON CONFLICT (unit_code, day) DO UPDATE SET {AddExcluded(UnitSums)}
        )
        INSERT INTO unit_month_counts AS c (unit_code, unit_path, month, {string.Join(", ", UnitSums)})
        SELECT unit_code, unit_path, date_trunc('month', day)::date, {string.Join(", ", UnitSums.Select(c => $"sum({c})"))}
        FROM per_day
        GROUP BY unit_code, unit_path, date_trunc('month', day)
        ORDER BY unit_code, 3
        ON CONFLICT (unit_code, month) DO UPDATE SET {AddExcluded(UnitSums)}
        """;

    private static string Prefixed(string alias, string columns) =>
        string.Join(", ", columns.Split(',', StringSplitOptions.TrimEntries).Select(c => $"{alias}.{c}"));

    private static string UnitSumsOfMoved =>
        $"coalesce(sum(received) FILTER (WHERE channel = '{Vocabulary.Online}'), 0) AS received_online, {string.Join(", ", Sums.Select(c => $"sum({c}) AS {c}"))}";

    private static string AddExcluded(IEnumerable<string> columns) => string.Join(", ", columns.Select(c => $"{c} = c.{c} + excluded.{c}"));

    private const string UpsertDossiers = """
        INSERT INTO dossiers AS d (source, dossier_code, procedure_code, unit_code, unit_path, channel, received_on, due_on, finished_on, status,
            documents_digitised, result_digitised, fee_obligation, paid_online, payment_succeeded, amount, import_id, updated_at)
        SELECT @source, dossier_code, procedure_code, unit_code, unit_path::ltree, channel, received_on, due_on, finished_on, status,
               documents_digitised, result_digitised, fee_obligation, paid_online, payment_succeeded, amount, @importId, @now
        FROM dossier_stage WHERE outcome IN ('i', 'u')
        ON CONFLICT (source, dossier_code) DO UPDATE SET
            procedure_code = excluded.procedure_code, unit_code = excluded.unit_code, unit_path = excluded.unit_path, channel = excluded.channel,
            received_on = excluded.received_on, due_on = excluded.due_on, finished_on = excluded.finished_on, status = excluded.status,
            documents_digitised = excluded.documents_digitised, result_digitised = excluded.result_digitised,
            fee_obligation = excluded.fee_obligation, paid_online = excluded.paid_online, payment_succeeded = excluded.payment_succeeded,
            amount = excluded.amount, import_id = excluded.import_id, updated_at = excluded.updated_at
        """;

    private const string Progress = """
        UPDATE imports SET processed = processed + @processed, inserted = inserted + @inserted, updated = updated + @updated,
                           unchanged = unchanged + @unchanged, rejected = rejected + @rejected,
                           lines_with_warnings = lines_with_warnings + @linesWithWarnings, last_line = @lastLine,
                           bytes_read = @bytesRead, lease_until = @leaseUntil
        WHERE id = @importId AND lease_owner = @owner
        """;

    /// <summary>
    /// Stores <paramref name="lines"/> (valid as read) and <paramref name="findings"/> (of the lines as read:
    /// findings of rejected lines, warnings of stored ones) of one chunk ending at <paramref name="lastLine"/>;
    /// <paramref name="rejectedLines"/> counts the lines rejected as read, <paramref name="rules"/> are the job's.
    /// </summary>
    public async Task<ChunkOutcome> WriteChunkAsync(
        ImportRow import, string owner, TimeSpan lease, ValidationRules rules, IReadOnlyList<DossierLine> lines, List<ImportLineError> findings,
        long rejectedLines, long lastLine, long bytesRead, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition($"SELECT pg_advisory_xact_lock({ChunkLockKey})", transaction: transaction, cancellationToken: cancellationToken));

        // A chunk's stage (≤ ChunkSize lines) meets the whole dossier table: one primary-key probe per line is the right
        // plan, but with the default cost of a random page (4× a sequential one, for spinning disks) the planner hashes the
        // entire dossier table for every chunk instead, so each chunk got slower as the table grew (bench: 2.4 s instead
        // of 0.9 s per statement at 860,000 dossiers). The table's pages are cached; 1.1 says so, for this transaction only.
        await connection.ExecuteAsync(new CommandDefinition("SET LOCAL random_page_cost = 1.1", transaction: transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(CreateStage, transaction: transaction, cancellationToken: cancellationToken));
        await CopyAsync(connection, lines, cancellationToken);

        var parameters = new { source = import.Source, scope = import.UnitPath, importId = import.Id, now = time.GetUtcNow() };
        var foreign = (await connection.QueryAsync<(long Line, string Code)>(new CommandDefinition(RefuseForeign, parameters, transaction, cancellationToken: cancellationToken))).ToList();
        foreach (var (line, code) in foreign)
        {
            findings.Add(new ImportLineError(line, DossierFile.DossierCode, $"Hồ sơ {code} đã được nhập cho đơn vị ngoài phạm vi quản lý của bạn.",
                ValidationRules.DossierOfOtherUnit));
        }

        // The rules that need the catalogue's entry on the day of receipt, on the whole stage at once; its findings join the chunk's.
        var refusedByCatalogue = await CatalogueChecks.ApplyAsync(connection, transaction, rules, findings, cancellationToken);
        var warnedLines = findings.Where(e => !e.IsError).Select(e => e.Line).Distinct().ToArray();
        var linesWithWarnings = warnedLines.Length == 0 ? 0 : await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM dossier_stage WHERE line = ANY(@warnedLines)", new { warnedLines }, transaction, cancellationToken: cancellationToken));

        await connection.ExecuteAsync(new CommandDefinition(Classify, parameters, transaction, commandTimeout: 600, cancellationToken: cancellationToken));
        var counts = await connection.QuerySingleAsync<(long Inserted, long Updated, long Unchanged)>(new CommandDefinition(
            "SELECT count(*) FILTER (WHERE outcome = 'i'), count(*) FILTER (WHERE outcome = 'u'), count(*) FILTER (WHERE outcome = 'n') FROM dossier_stage",
            transaction: transaction, cancellationToken: cancellationToken));
        if (counts.Inserted + counts.Updated > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(RememberReplaced, parameters, transaction, commandTimeout: 600, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(UpsertDossiers, parameters, transaction, commandTimeout: 600, cancellationToken: cancellationToken));
        }

        if (findings.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO import_errors (import_id, line, field, message, rule, severity)
                SELECT @importId, e.line, e.field, e.message, e.rule, e.severity
                FROM unnest(@lines, @fields, @messages, @rules, @severities) AS e(line, field, message, rule, severity)
                ON CONFLICT DO NOTHING
                """,
                new
                {
                    importId = import.Id, lines = findings.Select(e => e.Line).ToArray(), fields = findings.Select(e => e.Field).ToArray(),
                    messages = findings.Select(e => e.Message).ToArray(), rules = findings.Select(e => e.Rule).ToArray(), severities = findings.Select(e => e.Severity).ToArray(),
                },
                transaction, cancellationToken: cancellationToken));
        }

        var outcome = new ChunkOutcome(counts.Inserted, counts.Updated, counts.Unchanged, rejectedLines + foreign.Count + refusedByCatalogue, linesWithWarnings);
        var progressed = await connection.ExecuteAsync(new CommandDefinition(Progress, new
        {
            importId = import.Id,
            owner,
            processed = outcome.Inserted + outcome.Updated + outcome.Unchanged + outcome.Rejected,
            inserted = outcome.Inserted,
            updated = outcome.Updated,
            unchanged = outcome.Unchanged,
            rejected = outcome.Rejected,
            linesWithWarnings,
            lastLine,
            bytesRead,
            leaseUntil = time.GetUtcNow() + lease,
        }, transaction, cancellationToken: cancellationToken));
        if (progressed == 0)
        {
            throw new LeaseLostException(import.Id); // disposing the transaction rolls the chunk back
        }

        await transaction.CommitAsync(cancellationToken);
        return outcome;
    }

    /// <summary>
    /// Ends a job as <paramref name="status"/> (completed or failed) if <paramref name="owner"/> still holds it, and in
    /// the same transaction folds its stored dossiers and the counted rows they replaced into the count tables: the
    /// counts are current the moment the job ends, and a failed job's committed chunks are counted like a completed
    /// job's (their dossiers stay stored). False when another worker holds the job (nothing changes).
    /// </summary>
    public async Task<bool> FinishAsync(Guid importId, string owner, string status, string? error, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition($"SELECT pg_advisory_xact_lock({ChunkLockKey})", transaction: transaction, cancellationToken: cancellationToken));
        var ended = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE imports SET status = @status, error = @error, completed_at = @now, lease_owner = NULL, lease_until = NULL,
                               bytes_read = CASE WHEN @status = 'completed' THEN file_size ELSE bytes_read END
            WHERE id = @importId AND lease_owner = @owner
            """, new { importId, owner, status, error, now = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
        if (ended == 0)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(FoldCounts, new { importId }, transaction, commandTimeout: 600, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM replaced_dossiers WHERE import_id = @importId", new { importId }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<DossierLine> lines, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(Copy, cancellationToken);
        foreach (var line in lines)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(line.Line, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(line.DossierCode, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(line.ProcedureCode, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(line.Unit.Code, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(line.Unit.Path, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(line.Channel, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(line.ReceivedOn, NpgsqlDbType.Date, cancellationToken);
            await copy.WriteAsync(line.DueOn, NpgsqlDbType.Date, cancellationToken);
            if (line.FinishedOn is { } finished)
            {
                await copy.WriteAsync(finished, NpgsqlDbType.Date, cancellationToken);
            }
            else
            {
                await copy.WriteNullAsync(cancellationToken);
            }

            await copy.WriteAsync(line.Status, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(line.DocumentsDigitised, NpgsqlDbType.Boolean, cancellationToken);
            await copy.WriteAsync(line.ResultDigitised, NpgsqlDbType.Boolean, cancellationToken);
            await copy.WriteAsync(line.FeeObligation, NpgsqlDbType.Boolean, cancellationToken);
            await copy.WriteAsync(line.PaidOnline, NpgsqlDbType.Boolean, cancellationToken);
            await copy.WriteAsync(line.PaymentSucceeded, NpgsqlDbType.Boolean, cancellationToken);
            await copy.WriteAsync(line.Amount, NpgsqlDbType.Bigint, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }
}
