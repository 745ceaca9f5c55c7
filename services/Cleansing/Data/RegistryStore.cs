using Dakla06.Cleansing.Domain;
using Dakla06.Cleansing.Registry;
using Dakla06.Contracts.AdminUnits;
using Dakla06.People;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Dakla06.Cleansing.Data;

/// <summary>A line of an import file that was not loaded: its line number (header = 1) and why (Vietnamese).</summary>
public sealed record RegistryRejectedLine(int Line, string Reason);

/// <summary>
/// What an import did: persons inserted, updated (a field changed), unchanged (same values again) and rejected.
/// <see cref="RejectedLines"/> lists at most <see cref="RegistryStore.MaxListedRejections"/> lines; <see cref="Rejected"/>
/// counts them all.
/// </summary>
public sealed record RegistryImportResult(
    int Inserted,
    int Updated,
    int Unchanged,
    int Rejected,
    IReadOnlyList<RegistryRejectedLine> RejectedLines,
    long Version,
    long PersonCount);

/// <summary>The registry's current version and size (registry_state).</summary>
public sealed record RegistryState(long Version, long PersonCount, DateTimeOffset UpdatedAt);

/// <summary>
/// The reference registry in the database. Imports stream the persons into a temp table by binary COPY and apply them
/// with two set-based statements (update the changed, insert the new) in one transaction that also bumps
/// registry_state.version, so a snapshot is always built from a complete import. Imports are serialised by locking the
/// registry_state row first; readers are never blocked.
/// </summary>
public sealed class RegistryStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>Rejected lines listed in an answer; a file of garbage would otherwise answer with millions of lines.</summary>
    public const int MaxListedRejections = 1000;

    public async Task<RegistryState> GetStateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleAsync<RegistryState>(new CommandDefinition(
            "SELECT version, person_count AS personcount, updated_at AS updatedat FROM registry_state WHERE id = 1", cancellationToken: cancellationToken));
    }

    /// <summary>Imports an import file's lines: valid ones are upserted by ID number, invalid ones reported.</summary>
    public async Task<RegistryImportResult> ImportAsync(IAsyncEnumerable<RegistryCsvLine> lines, CancellationToken cancellationToken)
    {
        var rejected = new List<RegistryRejectedLine>();
        var rejectedCount = 0;
        var result = await ImportCoreAsync(
            async importer =>
            {
                var valid = 0;
                await foreach (var line in lines.WithCancellation(cancellationToken))
                {
                    if (line.Error is { } reason)
                    {
                        if (++rejectedCount <= MaxListedRejections)
                        {
                            rejected.Add(new RegistryRejectedLine(line.LineNumber, reason));
                        }

                        continue;
                    }

                    WriteRow(importer, line.Person);
                    valid++;
                }

                return valid;
            },
            () => (rejectedCount, rejected),
            seedOnlyWhenEmpty: false,
            cancellationToken);
        return result!;
    }

    /// <summary>
    /// Loads generated persons (trusted input: no per-line checks) — the start-up seed. When
    /// <paramref name="onlyWhenEmpty"/> and the registry already holds persons, does nothing and returns null; the
    /// check happens under the import lock, so replicas starting together seed once.
    /// </summary>
    public async Task<RegistryImportResult?> LoadAsync(IEnumerable<RegistryPerson> persons, bool onlyWhenEmpty, CancellationToken cancellationToken)
    {
        return await ImportCoreAsync(
            importer =>
            {
                var count = 0;
                foreach (var person in persons)
                {
                    WriteRow(importer, person);
                    count++;
                }

                return Task.FromResult(count);
            },
            () => (0, []),
            onlyWhenEmpty,
            cancellationToken);
    }

    private async Task<RegistryImportResult?> ImportCoreAsync(
        Func<NpgsqlBinaryImporter, Task<int>> copy,
        Func<(int Count, List<RegistryRejectedLine> Lines)> rejections,
        bool seedOnlyWhenEmpty,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // One import at a time (a second waits here); the snapshot readers only read the row and never wait.
        var state = await connection.QuerySingleAsync<RegistryState>(new CommandDefinition(
            "SELECT version, person_count AS personcount, updated_at AS updatedat FROM registry_state WHERE id = 1 FOR UPDATE", transaction: transaction, cancellationToken: cancellationToken));
        var empty = !await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM persons)", transaction: transaction, cancellationToken: cancellationToken));
        if (seedOnlyWhenEmpty && !empty)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        // The unit path travels as text and is cast in SQL: the data source may have loaded its types before the
        // migrations created the ltree extension, and then cannot write ltree itself.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            CREATE TEMP TABLE registry_import (
                id_number text, full_name text, folded_name text, date_of_birth date, gender text, commune_code text,
                unit_path text, household_id text, is_household_head boolean, old_id_number text, status text,
                ethnicity text, religion text, place_of_origin text, permanent_address text, relation_to_head text
            ) ON COMMIT DROP
            """,
            transaction: transaction, cancellationToken: cancellationToken));
        int valid;
        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY registry_import (id_number, full_name, folded_name, date_of_birth, gender, commune_code, unit_path, household_id, is_household_head, old_id_number, status, ethnicity, religion, place_of_origin, permanent_address, relation_to_head) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            valid = await copy(importer);
            await importer.CompleteAsync(cancellationToken);
        }

        const string Insert = """
            INSERT INTO persons (id_number, full_name, folded_name, date_of_birth, gender, commune_code, unit_path, household_id,
                                 is_household_head, old_id_number, status, updated_at,
                                 ethnicity, religion, place_of_origin, permanent_address, relation_to_head)
            SELECT i.id_number, i.full_name, i.folded_name, i.date_of_birth, i.gender, i.commune_code, i.unit_path::ltree, i.household_id,
                   i.is_household_head, i.old_id_number, i.status, @now,
                   nullif(i.ethnicity, ''), nullif(i.religion, ''), nullif(i.place_of_origin, ''), nullif(i.permanent_address, ''), nullif(i.relation_to_head, '')
              FROM registry_import i
            """;
        int inserted, updated;
        if (empty)
        {
            // First load (the start-up seed, a fresh installation): every valid line is new, so the persons go in
            // without the primary key, which is then built once by a sort — far cheaper than maintaining it row by row
            // for two million persons. The reader already refused repeated ID numbers.
            await connection.ExecuteAsync(new CommandDefinition(
                "ALTER TABLE persons DROP CONSTRAINT persons_pkey", transaction: transaction, cancellationToken: cancellationToken));
            inserted = await connection.ExecuteAsync(new CommandDefinition(Insert, new { now }, transaction, commandTimeout: 600, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "ALTER TABLE persons ADD CONSTRAINT persons_pkey PRIMARY KEY (id_number)", transaction: transaction, commandTimeout: 600, cancellationToken: cancellationToken));
            updated = 0;
        }
        else
        {
            // Statistics for the planner: without them it guesses a tiny temp table and probes persons row by row.
            await connection.ExecuteAsync(new CommandDefinition("ANALYZE registry_import", transaction: transaction, cancellationToken: cancellationToken));

            // Two statements instead of INSERT … ON CONFLICT: its speculative insertion cost about 1.5× here, and imports
            // are serialised by the lock above, so no other writer can slip a person in between. An optional column the
            // file does not have arrives as NULL and keeps the stored value; one given empty ('') clears it.
            updated = await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE persons p
                   SET full_name = i.full_name, folded_name = i.folded_name, date_of_birth = i.date_of_birth, gender = i.gender,
                       commune_code = i.commune_code, unit_path = i.unit_path::ltree, household_id = i.household_id,
                       is_household_head = i.is_household_head, old_id_number = i.old_id_number, status = i.status, updated_at = @now,
                       ethnicity = nullif(coalesce(i.ethnicity, p.ethnicity), ''), religion = nullif(coalesce(i.religion, p.religion), ''),
                       place_of_origin = nullif(coalesce(i.place_of_origin, p.place_of_origin), ''),
                       permanent_address = nullif(coalesce(i.permanent_address, p.permanent_address), ''),
                       relation_to_head = nullif(coalesce(i.relation_to_head, p.relation_to_head), '')
                  FROM registry_import i
                 WHERE p.id_number = i.id_number
                   AND (p.full_name, p.date_of_birth, p.gender, p.commune_code, p.household_id, p.is_household_head, p.old_id_number, p.status,
                        p.ethnicity, p.religion, p.place_of_origin, p.permanent_address, p.relation_to_head)
                       IS DISTINCT FROM
                       (i.full_name, i.date_of_birth, i.gender, i.commune_code, i.household_id, i.is_household_head, i.old_id_number, i.status,
                        nullif(coalesce(i.ethnicity, p.ethnicity), ''), nullif(coalesce(i.religion, p.religion), ''),
                        nullif(coalesce(i.place_of_origin, p.place_of_origin), ''), nullif(coalesce(i.permanent_address, p.permanent_address), ''),
                        nullif(coalesce(i.relation_to_head, p.relation_to_head), ''))
                """,
                new { now }, transaction, commandTimeout: 600, cancellationToken: cancellationToken));
            inserted = await connection.ExecuteAsync(new CommandDefinition(
                Insert + " WHERE NOT EXISTS (SELECT 1 FROM persons p WHERE p.id_number = i.id_number)",
                new { now }, transaction, commandTimeout: 600, cancellationToken: cancellationToken));
        }

        // The version names the registry's content: an import that changed nothing keeps it, so the 2-million-person
        // snapshot is not rebuilt for nothing.
        if (inserted > 0 || updated > 0)
        {
            state = await connection.QuerySingleAsync<RegistryState>(new CommandDefinition(
                """
                UPDATE registry_state SET version = version + 1, person_count = person_count + @inserted, updated_at = @now
                 WHERE id = 1 RETURNING version, person_count AS personcount, updated_at AS updatedat
                """,
                new { inserted, now }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        var (rejectedCount, rejectedLines) = rejections();
        return new RegistryImportResult(inserted, updated, valid - inserted - updated, rejectedCount, rejectedLines, state.Version, state.PersonCount);
    }

    private static void WriteRow(NpgsqlBinaryImporter importer, in RegistryPerson person)
    {
        // Synchronous writes into the importer's buffer: it only touches the network when the buffer fills, and the
        // async overloads cost a state machine per field (11 per person, millions of persons).
        importer.StartRow();
        importer.Write(person.IdNumber, NpgsqlDbType.Text);
        importer.Write(person.FullName, NpgsqlDbType.Text);
        importer.Write(Names.Fold(person.FullName), NpgsqlDbType.Text);
        importer.Write(person.DateOfBirth, NpgsqlDbType.Date);
        importer.Write(person.Gender.ToCode(), NpgsqlDbType.Text);
        importer.Write(person.CommuneCode, NpgsqlDbType.Text);
        importer.Write(CommunePath(person.CommuneCode), NpgsqlDbType.Text);
        importer.Write(person.HouseholdId, NpgsqlDbType.Text);
        importer.Write(person.IsHouseholdHead, NpgsqlDbType.Boolean);
        if (person.OldIdNumber is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(person.OldIdNumber, NpgsqlDbType.Text);
        }

        importer.Write(person.Deceased ? "deceased" : "alive", NpgsqlDbType.Text);
        for (var i = 0; i < RegistryDetails.Columns.Count; i++)
        {
            if (person.Details?[i] is { } value)
            {
                importer.Write(value, NpgsqlDbType.Text);
            }
            else
            {
                importer.WriteNull();
            }
        }
    }

    private static string CommunePath(string communeCode) =>
        AdminUnitDirectory.Default.Find(communeCode)?.Path
        ?? throw new ArgumentException($"Commune '{communeCode}' is not a unit of the province.", nameof(communeCode));

    /// <summary>
    /// The whole registry as an immutable snapshot: one binary COPY out, streamed into the snapshot builder, with the
    /// version read in the same repeatable-read transaction so version and content always agree.
    /// </summary>
    public async Task<RegistrySnapshot> LoadSnapshotAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var version = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT version FROM registry_state WHERE id = 1", transaction: transaction, cancellationToken: cancellationToken));

        // The snapshot builder takes an IEnumerable (it is pure and synchronous); the COPY stream is read synchronously
        // on a pool thread so no request thread blocks on it.
        var snapshot = await Task.Run(() =>
        {
            using var exporter = connection.BeginBinaryExport(
                "COPY (SELECT id_number, full_name, date_of_birth, gender, commune_code, household_id, is_household_head, old_id_number, status FROM persons) TO STDOUT (FORMAT BINARY)");
            return new RegistrySnapshot(ReadPersons(exporter, cancellationToken), version);
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return snapshot;
    }

    private static IEnumerable<RegistryPerson> ReadPersons(NpgsqlBinaryExporter exporter, CancellationToken cancellationToken)
    {
        // Commune codes and statuses repeat millions of times: intern them so the snapshot holds 184 strings, not 2 million.
        var communes = new Dictionary<string, string>(StringComparer.Ordinal);
        while (exporter.StartRow() != -1)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var idNumber = exporter.Read<string>(NpgsqlDbType.Text);
            var fullName = exporter.Read<string>(NpgsqlDbType.Text);
            var dateOfBirth = exporter.Read<DateOnly>(NpgsqlDbType.Date);
            var gender = exporter.Read<string>(NpgsqlDbType.Text) == "female" ? Gender.Female : Gender.Male;
            var communeCode = exporter.Read<string>(NpgsqlDbType.Text);
            if (communes.TryGetValue(communeCode, out var interned))
            {
                communeCode = interned;
            }
            else
            {
                communes[communeCode] = communeCode;
            }

            var householdId = exporter.Read<string>(NpgsqlDbType.Text);
            var isHead = exporter.Read<bool>(NpgsqlDbType.Boolean);
            var oldId = exporter.IsNull ? Skip(exporter) : exporter.Read<string>(NpgsqlDbType.Text);
            var deceased = exporter.Read<string>(NpgsqlDbType.Text) == "deceased";
            yield return new RegistryPerson(idNumber, fullName, dateOfBirth, gender, communeCode, householdId, isHead, oldId, deceased);
        }
    }

    private static string? Skip(NpgsqlBinaryExporter exporter)
    {
        exporter.Skip();
        return null;
    }
}
