using Dapper;
using Npgsql;

namespace Dakla06.Enrolment.Data;

/// <summary>
/// The funnel's pre-aggregated counts (see 0001_enrolment.sql): what a row of applications, persons or e-ID accounts
/// contributes to them, appended per chunk into <c>import_contributions</c>, and folded into the per-unit tables of every
/// level in the job's final transaction.
/// </summary>
public static class EnrolmentCounts
{
    /// <summary>The counted columns of unit_day_counts, unit_month_counts and import_contributions.</summary>
    public static readonly IReadOnlyList<string> Measures =
    [
        "applications", "applications_under_14", "applications_eid2", "persons_first", "cards_received", "cards_handed",
        "eid1", "eid2_with_card", "eid2_has_card", "eid_activated", "eid2_activated",
    ];

    /// <summary>
    /// Appends the contribution of application rows: <paramref name="signedRows"/> selects
    /// <c>sign, unit_path, received_on, under_14, with_eid2, card_received_on, card_handed_on</c> (−1 for a row as stored,
    /// +1 for it as it will be), giving per day the applications received and the cards received and handed over, and per
    /// stage the days each card waited. Days whose sums cancel out are left out (a card event takes its application out
    /// and puts it back on the same day of receipt).
    /// </summary>
    public static string AddApplications(string signedRows) => $"""
        WITH x AS ({signedRows}),
        per_day AS (
            INSERT INTO import_contributions (import_id, unit_path, day, applications, applications_under_14, applications_eid2, cards_received, cards_handed)
            SELECT @importId, x.unit_path, v.day, sum(v.a), sum(v.u), sum(v.e), sum(v.r), sum(v.h)
            FROM x CROSS JOIN LATERAL (VALUES
                (x.received_on, x.sign, x.sign * x.under_14::int, x.sign * x.with_eid2::int, 0, 0),
                (x.card_received_on, 0, 0, 0, x.sign, 0),
                (x.card_handed_on, 0, 0, 0, 0, x.sign)) v(day, a, u, e, r, h)
            WHERE v.day IS NOT NULL
            GROUP BY x.unit_path, v.day
            HAVING (sum(v.a), sum(v.u), sum(v.e), sum(v.r), sum(v.h)) <> (0, 0, 0, 0, 0)
        )
        INSERT INTO import_stage_contributions (import_id, unit_path, stage, days, cards)
        SELECT @importId, x.unit_path, v.stage, v.days, sum(x.sign)
        FROM x CROSS JOIN LATERAL (VALUES
            (1, x.card_received_on - x.received_on),
            (2, x.card_handed_on - x.card_received_on)) v(stage, days)
        WHERE v.days IS NOT NULL
        GROUP BY x.unit_path, v.stage, v.days
        HAVING sum(x.sign) <> 0
        """;

    /// <summary>
    /// Appends the contribution of e-ID account rows: <paramref name="signedRows"/> selects
    /// <c>sign, unit_path, level, channel, registered_on, activated_on</c>.
    /// </summary>
    public static string AddEidAccounts(string signedRows) => $"""
        WITH x AS ({signedRows})
        INSERT INTO import_contributions (import_id, unit_path, day, eid1, eid2_with_card, eid2_has_card, eid_activated, eid2_activated)
        SELECT @importId, x.unit_path, v.day, sum(v.l1), sum(v.wc), sum(v.hc), sum(v.act), sum(v.act2)
        FROM x CROSS JOIN LATERAL (VALUES
            (x.registered_on, x.sign * (x.level = 1)::int, x.sign * (x.level = 2 AND x.channel = 'kem_cccd')::int,
             x.sign * (x.level = 2 AND x.channel = 'da_co_cccd')::int, 0, 0),
            (x.activated_on, 0, 0, 0, x.sign, x.sign * (x.level = 2)::int)) v(day, l1, wc, hc, act, act2)
        WHERE v.day IS NOT NULL
        GROUP BY x.unit_path, v.day
        HAVING (sum(v.l1), sum(v.wc), sum(v.hc), sum(v.act), sum(v.act2)) <> (0, 0, 0, 0, 0)
        """;

    private static string Sums(string prefix = "") => string.Join(", ", Measures.Select(m => $"sum({prefix}{m}) AS {m}"));

    private static string AddExcluded => string.Join(", ", Measures.Select(m => $"{m} = t.{m} + excluded.{m}"));

    // The job's contributions are first summed per commune × day (a card import appends about one row per event and
    // chunk, most of them on the same few hundred days of each commune), then each sum counts for the commune, its
    // district and the province (every label of its path); the months are summed from the days.
    private static readonly string Fold = $"""
        WITH c AS (DELETE FROM import_contributions WHERE import_id = @importId RETURNING *),
        merged AS (SELECT unit_path, day, {Sums()} FROM c GROUP BY unit_path, day),
        daily AS MATERIALIZED (
            SELECT ltree2text(subpath(m.unit_path, n - 1, 1)) AS unit_code, subpath(m.unit_path, 0, n) AS unit_path, m.day, {Sums("m.")}
            FROM merged m CROSS JOIN LATERAL generate_series(1, nlevel(m.unit_path)) n
            GROUP BY 1, 2, 3
        ),
        per_day AS (
            INSERT INTO unit_day_counts AS t (unit_code, unit_path, day, {string.Join(", ", Measures)})
            SELECT unit_code, unit_path, day, {string.Join(", ", Measures)} FROM daily ORDER BY unit_code, day
            ON CONFLICT (unit_code, day) DO UPDATE SET {AddExcluded}
        )
        INSERT INTO unit_month_counts AS t (unit_code, unit_path, month, {string.Join(", ", Measures)})
        SELECT unit_code, unit_path, date_trunc('month', day)::date, {Sums()} FROM daily GROUP BY 1, 2, 3 ORDER BY 1, 3
        ON CONFLICT (unit_code, month) DO UPDATE SET {AddExcluded}
        """;

    private const string FoldStages = """
        WITH c AS (DELETE FROM import_stage_contributions WHERE import_id = @importId RETURNING *)
        INSERT INTO stage_days AS t (unit_code, unit_path, stage, days, cards)
        SELECT ltree2text(subpath(c.unit_path, n - 1, 1)), subpath(c.unit_path, 0, n), c.stage, c.days, sum(c.cards)
        FROM c CROSS JOIN LATERAL generate_series(1, nlevel(c.unit_path)) n
        GROUP BY 1, 2, 3, 4 ORDER BY 1, 3, 4
        ON CONFLICT (unit_code, stage, days) DO UPDATE SET cards = t.cards + excluded.cards
        """;

    /// <summary>Folds a job's contributions into the per-unit counts and deletes them and the job's file keys (inside the job's final transaction).</summary>
    public static async Task FoldAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid importId, CancellationToken cancellationToken)
    {
        await LockAsync(connection, transaction, cancellationToken); // a fold and a chunk never interleave on the same rows
        await FileKeys.DropAsync(connection, transaction, importId, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Fold, new { importId }, transaction, commandTimeout: 600, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(FoldStages, new { importId }, transaction, commandTimeout: 600, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// The advisory lock every chunk and fold of every enrolment import takes first: applications, card events and
    /// accounts of concurrent jobs touch the same rows (a card event changes its application), so their chunks run one at a time.
    /// </summary>
    public const long ChunkLockKey = 0x454E_0012;

    /// <summary>Takes <see cref="ChunkLockKey"/> for the transaction.</summary>
    public static Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition($"SELECT pg_advisory_xact_lock({ChunkLockKey})", transaction: transaction, cancellationToken: cancellationToken));
}
