using System.Diagnostics;
using Dakla06.Cleansing.Data;
using Dakla06.Contracts.Http.Cleansing;
using Dakla06.ServiceDefaults;
using Dapper;
using Npgsql;

namespace Dakla06.Cleansing.Quality;

/// <summary>What a rule run did (see <see cref="QualityRuleRunDto"/>).</summary>
public sealed record QualityRuleRun(long Persons, int Opened, int Closed, int Reopened, int Confirmed, long RegistryVersion, DateTimeOffset RanAt);

/// <summary>
/// Runs the registry-quality rules over the whole registry, set-based: what fires now goes into a temporary table
/// (households by one GROUP BY, person rules by one scan of persons, duplicate pairs from the duplicate scan), and the
/// items are brought in line with it in one transaction — an open rule item that no longer fires closes as
/// <see cref="QualityOutcomes.Fixed"/>, an update that held is confirmed, one that did not is reopened, a new firing
/// opens an item — with the kept counts. Runs are serialised by an advisory lock, so replicas never run twice at once.
/// </summary>
public sealed partial class QualityRules(
    NpgsqlDataSource dataSource, DuplicateStore duplicates, QualitySettings settings, TimeProvider time, ILogger<QualityRules> logger)
{
    /// <summary>pg_advisory_xact_lock key of a rule run (any constant no other lock of this database uses).</summary>
    private const long RunLock = 0x5155_414C_4954_59;

    public async Task<QualityRuleRun> RunAsync(CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var scan = await duplicates.ScanAsync(cancellationToken);
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Execute(connection, transaction, "SELECT pg_advisory_xact_lock(@lock)", new { @lock = RunLock }, cancellationToken);
        var (version, persons) = await connection.QuerySingleAsync<(long, long)>(new CommandDefinition(
            "SELECT version, person_count FROM registry_state WHERE id = 1", transaction: transaction, cancellationToken: cancellationToken));

        await FindFiringsAsync(connection, transaction, scan, cancellationToken);
        await Execute(connection, transaction, QualityCounts.CreateDeltas, null, cancellationToken);
        var parameters = new { now = now.UtcDateTime };

        // Open rule items whose rule no longer fires: fixed by the data.
        var closed = await Execute(connection, transaction, $"""
            WITH closed AS (
                UPDATE quality_items q
                   SET status = 'closed', outcome = 'fixed', closed_at = @now, closed_by = 'system', live = false
                 WHERE q.live AND q.source = 'rule' AND q.status = 'open'
                   AND NOT EXISTS (SELECT 1 FROM quality_fired f WHERE f.category = q.category AND f.item_key = q.item_key)
                RETURNING q.category, q.unit_path)
            INSERT INTO quality_deltas SELECT category, unit_path::text, 0, {QualityCounts.ClosedColumns(QualityOutcomes.Fixed)} FROM closed
            """, parameters, cancellationToken);

        // Updates the officers reported: held (the rule is quiet) → confirmed; did not hold → open again.
        var confirmed = await Execute(connection, transaction, """
            WITH confirmed AS (
                UPDATE quality_items q SET live = false
                 WHERE q.live AND q.source = 'rule' AND q.outcome = 'updated'
                   AND NOT EXISTS (SELECT 1 FROM quality_fired f WHERE f.category = q.category AND f.item_key = q.item_key)
                RETURNING q.id)
            INSERT INTO quality_item_changes (item_id, at, by_user, action, outcome)
            SELECT id, @now, 'system', 'confirmed', 'updated' FROM confirmed
            """, parameters, cancellationToken);
        var reopened = await Execute(connection, transaction, $"""
            WITH reopened AS (
                UPDATE quality_items q SET status = 'open', outcome = NULL, reason_code = NULL, closed_at = NULL, closed_by = NULL
                 WHERE q.live AND q.source = 'rule' AND q.outcome = 'updated'
                   AND EXISTS (SELECT 1 FROM quality_fired f WHERE f.category = q.category AND f.item_key = q.item_key)
                RETURNING q.id, q.category, q.unit_path),
            history AS (
                INSERT INTO quality_item_changes (item_id, at, by_user, action, note)
                SELECT id, @now, 'system', 'reopened', 'Lần rà soát sau vẫn phát hiện lỗi' FROM reopened)
            INSERT INTO quality_deltas SELECT category, unit_path::text, 0, {QualityCounts.ClosedColumns(QualityOutcomes.Updated, -1)} FROM reopened
            """, parameters, cancellationToken);

        // What the open items name follows the data (a person may miss another field now).
        await Execute(connection, transaction, """
            UPDATE quality_items q SET missing_fields = f.missing_fields, detail = f.detail
              FROM quality_fired f
             WHERE q.live AND q.status = 'open' AND f.category = q.category AND f.item_key = q.item_key
               AND (q.missing_fields, q.detail) IS DISTINCT FROM (f.missing_fields, f.detail)
            """, parameters, cancellationToken);

        var opened = await Execute(connection, transaction, """
            WITH opened AS (
                INSERT INTO quality_items (id, category, item_key, source, commune_code, unit_path, id_number, other_id_number,
                                           household_id, missing_fields, detail, opened_at)
                SELECT gen_random_uuid(), f.category, f.item_key, 'rule', f.commune_code, f.unit_path, f.id_number, f.other_id_number,
                       f.household_id, f.missing_fields, f.detail, @now
                  FROM quality_fired f
                 WHERE NOT EXISTS (SELECT 1 FROM quality_items q WHERE q.live AND q.category = f.category AND q.item_key = f.item_key)
                RETURNING category, unit_path)
            INSERT INTO quality_deltas SELECT category, unit_path::text, 1, 0, 0, 0, 0 FROM opened
            """, parameters, cancellationToken);

        await QualityCounts.ApplyAsync(connection, transaction, VietnamTime.Today(time), cancellationToken);
        if (persons > 0 || opened + closed + reopened + confirmed > 0)
        {
            // A run over an empty registry that changed nothing leaves no trace (a fresh installation stays "never checked").
            await Execute(connection, transaction, """
                INSERT INTO quality_rule_runs (registry_version, ran_at, persons, opened, closed, reopened, confirmed)
                VALUES (@version, @now, @persons, @opened, @closed, @reopened, @confirmed)
                """, new { version, now = now.UtcDateTime, persons, opened, closed, reopened, confirmed }, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        LogRun(persons, version, opened, closed, reopened, confirmed, stopwatch.ElapsedMilliseconds);
        return new QualityRuleRun(persons, opened, closed, reopened, confirmed, version, now);
    }

    /// <summary>Fills the temporary <c>quality_fired</c> with every (category, key) the rules fire for now.</summary>
    private async Task FindFiringsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DuplicateScanResult scan, CancellationToken cancellationToken)
    {
        await Execute(connection, transaction, """
            CREATE TEMP TABLE quality_fired (
                category text, item_key text, commune_code text, unit_path ltree, id_number text, other_id_number text,
                household_id text, missing_fields text[], detail text
            ) ON COMMIT DROP
            """, null, cancellationToken);

        // Households of the living: none or several of them flagged head.
        await Execute(connection, transaction, """
            INSERT INTO quality_fired (category, item_key, commune_code, unit_path, household_id, detail)
            SELECT CASE WHEN heads = 0 THEN 'household_no_head' ELSE 'household_many_heads' END, household_id, subpath(unit_path, -1)::text, unit_path,
                   household_id, heads || ' chủ hộ / ' || members || ' nhân khẩu'
              FROM (SELECT household_id, min(unit_path::text)::ltree AS unit_path,
                           count(*) FILTER (WHERE is_household_head) AS heads, count(*) AS members
                      FROM persons WHERE status = 'alive' GROUP BY household_id) h
             WHERE heads <> 1
            """, null, cancellationToken);

        // Living persons: mandatory fields empty, no old ID though old enough to have held one. One scan of persons.
        var missing = settings.MandatoryFields.Count == 0
            ? "'{}'::text[]"
            : "array_remove(ARRAY[" + string.Join(", ", settings.MandatoryFields.Select(f => $"CASE WHEN {Column(f)} IS NULL THEN '{f}' END")) + "], NULL)";
        await Execute(connection, transaction, $"""
            INSERT INTO quality_fired (category, item_key, commune_code, unit_path, id_number, household_id, missing_fields)
            SELECT r.category, p.id_number, p.commune_code, p.unit_path, p.id_number, p.household_id, r.fields
              FROM (SELECT id_number, commune_code, unit_path, household_id, {missing} AS missing,
                           old_id_number IS NULL AND NOT no_old_id AND date_of_birth <= @bornBy AS old_id_missing
                      FROM persons WHERE status = 'alive') p
             CROSS JOIN LATERAL (VALUES ('missing_fields', CASE WHEN cardinality(p.missing) > 0 THEN p.missing END),
                                        ('old_id_missing', CASE WHEN p.old_id_missing THEN NULL::text[] END)) AS r(category, fields)
             WHERE (r.category = 'missing_fields' AND r.fields IS NOT NULL) OR (r.category = 'old_id_missing' AND p.old_id_missing)
            """, new { bornBy = settings.OldIdBornBy }, cancellationToken);

        // Pairs of today's duplicate scan that nobody judged to be different people, both still alive.
        await Execute(connection, transaction, """
            INSERT INTO quality_fired (category, item_key, commune_code, unit_path, id_number, other_id_number, household_id)
            SELECT 'duplicate_person', t.a || ':' || t.b, t.commune, a.unit_path, t.a, t.b, a.household_id
              FROM unnest(@a, @b, @communes) AS t(a, b, commune)
              JOIN persons a ON a.id_number = t.a AND a.status = 'alive'
              JOIN persons b ON b.id_number = t.b AND b.status = 'alive'
             WHERE NOT EXISTS (SELECT 1 FROM duplicate_candidates d
                                WHERE d.id_number_a = t.a AND d.id_number_b = t.b AND d.status = 'different-people')
            """, new { a = scan.FoundA, b = scan.FoundB, communes = scan.FoundCommunes }, cancellationToken);

        // The planner needs the firing table's size, or it probes the items row by row.
        await Execute(connection, transaction, "ANALYZE quality_fired", null, cancellationToken);
    }

    /// <summary>The persons column of a mandatory import field (a fixed whitelist: the SQL is composed from it, never from input).</summary>
    private static string Column(string field) => field switch
    {
        "dan_toc" => "ethnicity",
        "ton_giao" => "religion",
        "que_quan" => "place_of_origin",
        "noi_thuong_tru" => "permanent_address",
        "quan_he_chu_ho" => "relation_to_head",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not an optional registry field."),
    };

    private static Task<int> Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, object? parameters, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, commandTimeout: 1800, cancellationToken: cancellationToken));

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Registry-quality rules over {Persons} persons (registry version {Version}): {Opened} opened, {Closed} closed by the data, {Reopened} reopened, {Confirmed} confirmed in {Elapsed} ms")]
    private partial void LogRun(long persons, long version, int opened, int closed, int reopened, int confirmed, long elapsed);
}
