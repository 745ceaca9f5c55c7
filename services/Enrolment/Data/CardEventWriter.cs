using Dakla06.Enrolment.Domain;
using Dakla06.ServiceDefaults.Imports;
using Npgsql;
using NpgsqlTypes;

namespace Dakla06.Enrolment.Data;

/// <summary>
/// Stores one chunk of a card-event import in one transaction. The same event of an application again later in the file
/// is refused (<see cref="FileKeys"/>); each other event is checked against its application as stored
/// (and, for a handover, against a card received on an earlier line of the same file): an unknown application, one outside
/// the importer's scope, a card received before its application, handed over before it was received (or never received),
/// or an event already recorded on another day is a rejected line; the same event on the same day again is unchanged.
/// Accepted events change their application's card columns, moving its counts (old row out, new row in).
/// </summary>
public sealed class CardEventWriter(NpgsqlDataSource dataSource, ImportJobStore jobs, TimeProvider time)
{
    private const string CreateStage = """
        CREATE TEMP TABLE IF NOT EXISTS card_stage (
            line bigint, code text, event text, day date, verdict text NOT NULL DEFAULT 'i', outcome "char" NOT NULL DEFAULT 'i'
        ) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS card_changes (code text PRIMARY KEY, received date, handed date) ON COMMIT DELETE ROWS;
        """;

    private const string Copy = "COPY card_stage (line, code, event, day) FROM STDIN (FORMAT BINARY)";

    // Received events first, so that a handover may follow a card received on an earlier line of the same chunk.
    // ANALYZE first: a temporary table is never analysed by autovacuum, and without its size the planner joins the
    // chunk's 20,000 staged lines by nested loops.
    private const string Judge = """
        ANALYZE card_stage;

        UPDATE card_stage s SET verdict = 'unknown' WHERE NOT EXISTS (SELECT 1 FROM applications a WHERE a.code = s.code);

        UPDATE card_stage s SET verdict = CASE
                WHEN NOT (a.unit_path <@ @scope::ltree) THEN 'scope'
                WHEN a.card_received_on = s.day THEN 'same'
                WHEN a.card_received_on IS NOT NULL THEN 'twice'
                WHEN s.day < a.received_on THEN 'before_application'
                ELSE 'i' END
        FROM applications a
        WHERE a.code = s.code AND s.event = 'nhan_tu_c06';

        -- A join, not a subquery per handover: the stage has no index, so a subquery scanned the whole chunk for each line.
        -- At most one received line per code reaches the stage (a repeated event was refused before, FileKeys).
        WITH received AS (
            SELECT s.line, coalesce(a.card_received_on, e.day) AS day
            FROM card_stage s JOIN applications a ON a.code = s.code
            LEFT JOIN card_stage e ON e.code = s.code AND e.event = 'nhan_tu_c06' AND e.verdict = 'i' AND e.line < s.line
            WHERE s.event = 'tra_cong_dan'
        )
        UPDATE card_stage s SET verdict = CASE
                WHEN NOT (a.unit_path <@ @scope::ltree) THEN 'scope'
                WHEN a.card_handed_on = s.day THEN 'same'
                WHEN a.card_handed_on IS NOT NULL THEN 'twice'
                WHEN r.day IS NULL THEN 'not_received'
                WHEN s.day < r.day THEN 'before_received'
                ELSE 'i' END
        FROM applications a, received r
        WHERE a.code = s.code AND r.line = s.line;

        UPDATE card_stage SET outcome = CASE verdict WHEN 'i' THEN 'i' WHEN 'same' THEN 'n' ELSE 'r' END;
        """;

    private const string Refused = """
        SELECT s.line, s.code, s.event, s.verdict, s.day, a.received_on, a.card_received_on, a.card_handed_on
        FROM card_stage s LEFT JOIN applications a ON a.code = s.code
        WHERE s.verdict NOT IN ('i', 'same')
        """;

    private const string Apply = """
        INSERT INTO card_changes (code, received, handed)
        SELECT code, max(day) FILTER (WHERE event = 'nhan_tu_c06'), max(day) FILTER (WHERE event = 'tra_cong_dan')
        FROM card_stage WHERE verdict = 'i' GROUP BY code;
        """;

    private static readonly string Contribute = EnrolmentCounts.AddApplications("""
        SELECT -1 AS sign, a.unit_path, a.received_on, a.under_14, a.with_eid2, a.card_received_on, a.card_handed_on
        FROM card_changes c JOIN applications a ON a.code = c.code
        UNION ALL
        SELECT 1, a.unit_path, a.received_on, a.under_14, a.with_eid2, coalesce(c.received, a.card_received_on), coalesce(c.handed, a.card_handed_on)
        FROM card_changes c JOIN applications a ON a.code = c.code
        """);

    private const string Update = """
        UPDATE applications a
        SET card_received_on = coalesce(c.received, a.card_received_on), card_handed_on = coalesce(c.handed, a.card_handed_on),
            import_id = @importId, updated_at = @now
        FROM card_changes c WHERE a.code = c.code
        """;

    public async Task<ChunkCounts> WriteAsync(
        ImportJob job, ChunkProgress progress, IReadOnlyList<CardEventLine> lines, List<ImportLineError> errors, long rejected, CancellationToken cancellationToken)
    {
        await using var chunk = await ChunkTransaction.BeginAsync(dataSource, job, time.GetUtcNow(), CreateStage, cancellationToken);
        await CopyAsync(chunk.Connection, lines, cancellationToken);
        // The event is a fixed word without ':', so the key reads back unambiguously whatever the code holds.
        var repeated = await FileKeys.RepeatsAsync(chunk, "card_stage", "event || ':' || code", cancellationToken);
        errors.AddRange(repeated.Select(r => r.Key.Split(':', 2) is [var cardEvent, var code]
            ? new ImportLineError(r.Line, CardEventFile.Event, $"Sự kiện {cardEvent} của hồ sơ {code} trùng với dòng {r.FirstLine} trong tệp.")
            : throw new InvalidOperationException($"Unexpected card event key {r.Key}.")));
        await chunk.ExecuteAsync(Judge, cancellationToken);
        var refused = await chunk.QueryAsync<RefusedEvent>(Refused, cancellationToken);
        errors.AddRange(refused.Select(r => new ImportLineError(r.Line, r.Verdict == "unknown" ? CardEventFile.Code : CardEventFile.Day, r.Reason())));

        var (inserted, _, unchanged) = await chunk.OutcomesAsync("card_stage", cancellationToken);
        if (inserted > 0)
        {
            await chunk.ExecuteAsync(Apply, cancellationToken);
            await chunk.ExecuteAsync(Contribute, cancellationToken);
            await chunk.ExecuteAsync(Update, cancellationToken);
        }

        var counts = new ChunkCounts(inserted, 0, unchanged, rejected + repeated.Count + refused.Count);
        await chunk.CommitAsync(jobs, job, progress, counts, errors, cancellationToken);
        return counts;
    }

    private static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<CardEventLine> lines, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(Copy, cancellationToken);
        foreach (var line in lines)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(line.Line, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(line.ApplicationCode, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(line.Event, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(line.Day, NpgsqlDbType.Date, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private sealed record RefusedEvent(
        long Line, string Code, string Event, string Verdict, DateOnly Day, DateOnly? ReceivedOn, DateOnly? CardReceivedOn, DateOnly? CardHandedOn)
    {
        private string What => Event == "nhan_tu_c06" ? "nhận thẻ từ C06" : "trả thẻ cho công dân";

        public string Reason() => Verdict switch
        {
            "unknown" => $"Không có hồ sơ {Code}.",
            "scope" => $"Hồ sơ {Code} thuộc đơn vị ngoài phạm vi quản lý của bạn.",
            "twice" => $"Hồ sơ {Code} đã có sự kiện {What} ngày {(Event == "nhan_tu_c06" ? CardReceivedOn : CardHandedOn):dd/MM/yyyy}; không ghi nhận lần thứ hai.",
            "before_application" => $"Ngày nhận thẻ {Day:dd/MM/yyyy} trước ngày thu nhận hồ sơ {ReceivedOn:dd/MM/yyyy}.",
            "not_received" => $"Trả thẻ cho công dân khi hồ sơ {Code} chưa có sự kiện nhận thẻ từ C06.",
            "before_received" => $"Ngày trả thẻ {Day:dd/MM/yyyy} trước ngày nhận thẻ từ C06.",
            _ => $"Sự kiện không hợp lệ ({Verdict}).",
        };
    }
}
