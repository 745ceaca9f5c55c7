using Dakla06.Enrolment.Domain;
using Dakla06.ServiceDefaults.Imports;
using Npgsql;
using NpgsqlTypes;

namespace Dakla06.Enrolment.Data;

/// <summary>
/// Stores one chunk of an application import in one transaction: binary COPY into a staging table; set-based SQL that
/// refuses a code that came on an earlier line of the file (<see cref="FileKeys"/>), applications held by a unit outside the importer's scope or whose new receipt day would come after their card's
/// arrival, classifies each line (new, changed, unchanged), appends the changed rows' contributions (old out, new in) and
/// the persons whose first application moved, and upserts the applications and persons.
/// </summary>
public sealed class ApplicationWriter(NpgsqlDataSource dataSource, ImportJobStore jobs, TimeProvider time)
{
    private const string CreateStage = """
        CREATE TEMP TABLE IF NOT EXISTS application_stage (
            line bigint, code text, id_number text, full_name text, birth_date date, gender text, commune_code text, unit_path text,
            received_on date, channel text, kind text, with_eid2 boolean, under_14 boolean, outcome "char" NOT NULL DEFAULT 'i'
        ) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS affected_persons (id_number text PRIMARY KEY) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS first_applications (
            id_number text PRIMARY KEY, code text, commune_code text, unit_path ltree, received_on date) ON COMMIT DELETE ROWS;
        """;

    private const string Copy = """
        COPY application_stage (line, code, id_number, full_name, birth_date, gender, commune_code, unit_path, received_on, channel, kind, with_eid2, under_14)
        FROM STDIN (FORMAT BINARY)
        """;

    // An application stored for a unit outside the importer's scope is not theirs to change; one whose card arrived
    // before the new day of receipt would put the card before its application.
    private const string Refuse = """
        WITH refused AS (
            SELECT s.line, s.code, CASE WHEN NOT (a.unit_path <@ @scope::ltree) THEN 'scope' ELSE 'card' END AS reason, a.card_received_on
            FROM application_stage s JOIN applications a ON a.code = s.code
            WHERE NOT (a.unit_path <@ @scope::ltree) OR s.received_on > a.card_received_on
        ),
        gone AS (DELETE FROM application_stage s USING refused r WHERE s.line = r.line)
        SELECT line, code, reason, card_received_on FROM refused
        """;

    private const string Classify = """
        UPDATE application_stage s
        SET outcome = CASE WHEN (a.id_number, a.full_name, a.birth_date, a.gender, a.commune_code, a.received_on, a.channel, a.kind, a.with_eid2, a.under_14)
                                IS DISTINCT FROM
                                (s.id_number, s.full_name, s.birth_date, s.gender, s.commune_code, s.received_on, s.channel, s.kind, s.with_eid2, s.under_14)
                           THEN 'u' ELSE 'n' END
        FROM applications a
        WHERE a.code = s.code
        """;

    private static readonly string Contribute = EnrolmentCounts.AddApplications("""
        SELECT -1 AS sign, a.unit_path, a.received_on, a.under_14, a.with_eid2, a.card_received_on, a.card_handed_on
        FROM application_stage s JOIN applications a ON a.code = s.code
        WHERE s.outcome = 'u'
        UNION ALL
        SELECT 1, s.unit_path::ltree, s.received_on, s.under_14, s.with_eid2, a.card_received_on, a.card_handed_on
        FROM application_stage s LEFT JOIN applications a ON a.code = s.code
        WHERE s.outcome IN ('i', 'u')
        """);

    // The persons whose first application may change: the new and the previous ID numbers of the changed lines.
    private const string CollectPersons = """
        INSERT INTO affected_persons (id_number)
        SELECT s.id_number FROM application_stage s WHERE s.outcome IN ('i', 'u')
        UNION
        SELECT a.id_number FROM application_stage s JOIN applications a ON a.code = s.code WHERE s.outcome = 'u'
        """;

    private const string Upsert = """
        INSERT INTO applications AS a (code, id_number, full_name, birth_date, gender, commune_code, unit_path, received_on, channel, kind,
            with_eid2, under_14, import_id, updated_at)
        SELECT code, id_number, full_name, birth_date, gender, commune_code, unit_path::ltree, received_on, channel, kind, with_eid2, under_14, @importId, @now
        FROM application_stage WHERE outcome IN ('i', 'u')
        ON CONFLICT (code) DO UPDATE SET
            id_number = excluded.id_number, full_name = excluded.full_name, birth_date = excluded.birth_date, gender = excluded.gender,
            commune_code = excluded.commune_code, unit_path = excluded.unit_path, received_on = excluded.received_on, channel = excluded.channel,
            kind = excluded.kind, with_eid2 = excluded.with_eid2, under_14 = excluded.under_14, import_id = excluded.import_id, updated_at = excluded.updated_at
        """;

    // After the upsert: each affected person's first application at 14 or over (none: no longer a covered person);
    // the persons whose commune or day changed move their count (old out, new in), then persons follows.
    private const string MovePersons = """
        INSERT INTO first_applications (id_number, code, commune_code, unit_path, received_on)
        SELECT DISTINCT ON (a.id_number) a.id_number, a.code, a.commune_code, a.unit_path, a.received_on
        FROM applications a JOIN affected_persons f ON f.id_number = a.id_number
        WHERE NOT a.under_14
        ORDER BY a.id_number, a.received_on, a.code;

        INSERT INTO import_contributions (import_id, unit_path, day, persons_first)
        SELECT @importId, x.unit_path, x.day, sum(x.sign)
        FROM (
            SELECT -1 AS sign, p.unit_path, p.first_received_on AS day
            FROM persons p JOIN affected_persons f ON f.id_number = p.id_number LEFT JOIN first_applications n ON n.id_number = p.id_number
            WHERE (n.unit_path, n.received_on) IS DISTINCT FROM (p.unit_path, p.first_received_on)
            UNION ALL
            SELECT 1, n.unit_path, n.received_on
            FROM first_applications n LEFT JOIN persons p ON p.id_number = n.id_number
            WHERE (n.unit_path, n.received_on) IS DISTINCT FROM (p.unit_path, p.first_received_on)
        ) x
        GROUP BY x.unit_path, x.day
        HAVING sum(x.sign) <> 0;

        DELETE FROM persons p USING affected_persons f
        WHERE p.id_number = f.id_number AND NOT EXISTS (SELECT 1 FROM first_applications n WHERE n.id_number = p.id_number);

        INSERT INTO persons AS p (id_number, application_code, commune_code, unit_path, first_received_on)
        SELECT id_number, code, commune_code, unit_path, received_on FROM first_applications
        ON CONFLICT (id_number) DO UPDATE SET application_code = excluded.application_code, commune_code = excluded.commune_code,
            unit_path = excluded.unit_path, first_received_on = excluded.first_received_on
        """;

    public async Task<ChunkCounts> WriteAsync(
        ImportJob job, ChunkProgress progress, IReadOnlyList<ApplicationLine> lines, List<ImportLineError> errors, long rejected, CancellationToken cancellationToken)
    {
        await using var chunk = await ChunkTransaction.BeginAsync(dataSource, job, time.GetUtcNow(), CreateStage, cancellationToken);
        await CopyAsync(chunk.Connection, lines, cancellationToken);
        var repeated = await FileKeys.RepeatsAsync(chunk, "application_stage", "code", cancellationToken);
        errors.AddRange(repeated.Select(r => new ImportLineError(r.Line, ApplicationFile.Code, $"Mã hồ sơ {r.Key} trùng với dòng {r.FirstLine} trong tệp.")));
        var refused = await chunk.QueryAsync<(long Line, string Code, string Reason, DateOnly? CardReceivedOn)>(Refuse, cancellationToken);
        foreach (var (line, code, reason, cardReceivedOn) in refused)
        {
            errors.Add(reason == "scope"
                ? new ImportLineError(line, ApplicationFile.Code, $"Hồ sơ {code} đã được nhập cho đơn vị ngoài phạm vi quản lý của bạn.")
                : new ImportLineError(line, ApplicationFile.ReceivedOn, $"Thẻ của hồ sơ {code} đã nhận từ C06 ngày {cardReceivedOn:dd/MM/yyyy}, trước ngày thu nhận mới."));
        }

        await chunk.ExecuteAsync(Classify, cancellationToken);
        var (inserted, updated, unchanged) = await chunk.OutcomesAsync("application_stage", cancellationToken);
        if (inserted + updated > 0)
        {
            await chunk.ExecuteAsync(Contribute, cancellationToken);
            await chunk.ExecuteAsync(CollectPersons, cancellationToken);
            await chunk.ExecuteAsync(Upsert, cancellationToken);
            await chunk.ExecuteAsync(MovePersons, cancellationToken);
        }

        var counts = new ChunkCounts(inserted, updated, unchanged, rejected + repeated.Count + refused.Count);
        await chunk.CommitAsync(jobs, job, progress, counts, errors, cancellationToken);
        return counts;
    }

    private static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<ApplicationLine> lines, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(Copy, cancellationToken);
        foreach (var line in lines)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(line.Line, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(line.Code, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(line.IdNumber, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(line.FullName, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(line.BirthDate, NpgsqlDbType.Date, cancellationToken);
            await copy.WriteAsync(line.Gender, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(line.Commune.Code, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(line.Commune.Path, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(line.ReceivedOn, NpgsqlDbType.Date, cancellationToken);
            await copy.WriteAsync(line.Channel, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(line.Kind, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(line.WithEid2, NpgsqlDbType.Boolean, cancellationToken);
            await copy.WriteAsync(line.Under14, NpgsqlDbType.Boolean, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }
}
