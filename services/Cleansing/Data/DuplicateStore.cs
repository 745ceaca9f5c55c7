using Dakla06.Cleansing.Domain;
using Dakla06.Contracts.AdminUnits;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using Dapper;
using Npgsql;

namespace Dakla06.Cleansing.Data;

/// <summary>Review decisions of a duplicate pair (stored in duplicate_candidates.status).</summary>
public static class DuplicateStatuses
{
    public const string Pending = "pending";
    public const string SamePerson = "same-person";
    public const string DifferentPeople = "different-people";

    public static readonly IReadOnlyList<string> All = [Pending, SamePerson, DifferentPeople];

    public static readonly IReadOnlyList<string> Decisions = [SamePerson, DifferentPeople];
}

/// <summary>One pair of the review list with both persons as the registry holds them.</summary>
public sealed class StoredDuplicate
{
    public Guid Id { get; init; }

    public int Score { get; init; }

    public string Reason { get; init; } = string.Empty;

    public string Status { get; init; } = string.Empty;

    public string? ReviewedBy { get; init; }

    public DateTimeOffset? ReviewedAt { get; init; }

    public DateTimeOffset FoundAt { get; init; }

    public string IdNumberA { get; init; } = string.Empty;

    public string? FullNameA { get; init; }

    public DateOnly? DateOfBirthA { get; init; }

    public string? GenderA { get; init; }

    public string? CommuneCodeA { get; init; }

    public string? HouseholdIdA { get; init; }

    public string IdNumberB { get; init; } = string.Empty;

    public string? FullNameB { get; init; }

    public DateOnly? DateOfBirthB { get; init; }

    public string? GenderB { get; init; }

    public string? CommuneCodeB { get; init; }

    public string? HouseholdIdB { get; init; }
}

/// <summary>
/// What a scan did: persons compared, pairs found, of which new; the pairs found (<see cref="FoundA"/>[i] &lt;
/// <see cref="FoundB"/>[i], in commune <see cref="FoundCommunes"/>[i]) — the registry-quality rule's duplicate_person items.
/// </summary>
public sealed record DuplicateScanResult(long Persons, int Pairs, int NewPairs, string[] FoundA, string[] FoundB, string[] FoundCommunes);

/// <summary>
/// The duplicate-person scan over the registry and its review list. Candidates are persons of one commune born on the
/// same day (one hash join over persons, a handful of pairs per bucket); their folded names decide the score in
/// <see cref="DuplicateScoring"/>. Pairs are stored once (smaller ID number first); a later scan refreshes the score
/// of a pending pair and never reopens a reviewed one.
/// </summary>
public sealed class DuplicateStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string ListColumns = """
        d.id, d.score, d.reason, d.status, d.reviewed_by, d.reviewed_at, d.found_at,
        d.id_number_a, a.full_name AS full_name_a, a.date_of_birth AS date_of_birth_a, a.gender AS gender_a, a.commune_code AS commune_code_a, a.household_id AS household_id_a,
        d.id_number_b, b.full_name AS full_name_b, b.date_of_birth AS date_of_birth_b, b.gender AS gender_b, b.commune_code AS commune_code_b, b.household_id AS household_id_b
        """;

    public async Task<DuplicateScanResult> ScanAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var persons = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM persons", cancellationToken: cancellationToken));
        var candidates = await connection.QueryAsync<(string IdA, string NameA, string IdB, string NameB, string Commune)>(new CommandDefinition(
            """
            SELECT a.id_number, a.folded_name, b.id_number, b.folded_name, a.commune_code
              FROM persons a
              JOIN persons b ON b.date_of_birth = a.date_of_birth AND b.commune_code = a.commune_code AND b.id_number > a.id_number
            """,
            commandTimeout: 600, cancellationToken: cancellationToken));

        var ids = new List<Guid>();
        var idsA = new List<string>();
        var idsB = new List<string>();
        var communes = new List<string>();
        var paths = new List<string>();
        var scores = new List<int>();
        var reasons = new List<string>();
        foreach (var c in candidates)
        {
            if (DuplicateScoring.Score(c.NameA, c.NameB) is not { } match)
            {
                continue;
            }

            ids.Add(Guid.CreateVersion7());
            idsA.Add(c.IdA);
            idsB.Add(c.IdB);
            communes.Add(c.Commune);
            paths.Add(AdminUnitDirectory.Default.Find(c.Commune)?.Path ?? AdminUnitDirectory.Default.Root.Path);
            scores.Add(match.Score);
            reasons.Add(match.Reason);
        }

        var inserted = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            WITH upserted AS (
                INSERT INTO duplicate_candidates (id, id_number_a, id_number_b, commune_code, unit_path, score, reason, found_at)
                SELECT id, a, b, commune, path::ltree, score, reason, @now
                  FROM unnest(@ids, @idsA, @idsB, @communes, @paths, @scores, @reasons) AS t(id, a, b, commune, path, score, reason)
                ON CONFLICT (id_number_a, id_number_b) DO UPDATE
                   SET score = EXCLUDED.score, reason = EXCLUDED.reason, found_at = EXCLUDED.found_at
                 WHERE duplicate_candidates.status = 'pending'
                RETURNING (xmax = 0) AS inserted)
            SELECT count(*) FILTER (WHERE inserted) FROM upserted
            """,
            new
            {
                ids = ids.ToArray(), idsA = idsA.ToArray(), idsB = idsB.ToArray(), communes = communes.ToArray(), paths = paths.ToArray(),
                scores = scores.ToArray(), reasons = reasons.ToArray(), now = time.GetUtcNow().UtcDateTime,
            },
            commandTimeout: 600, cancellationToken: cancellationToken));
        return new DuplicateScanResult(persons, ids.Count, inserted, [.. idsA], [.. idsB], [.. communes]);
    }

    /// <summary>Pairs of communes in the caller's scope, highest score first.</summary>
    public async Task<PagedResult<StoredDuplicate>> ListAsync(UnitScope scope, string? status, PageRequest page, CancellationToken cancellationToken)
    {
        var where = $"WHERE {UnitScope.SqlCondition("d.unit_path")} AND (@status::text IS NULL OR d.status = @status)";
        var parameters = new { scope = scope.Path, status, limit = page.PageSize, offset = page.Offset };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM duplicate_candidates d {where}", parameters, cancellationToken: cancellationToken));
        var items = await connection.QueryAsync<StoredDuplicate>(new CommandDefinition(
            $"""
            SELECT {ListColumns}
              FROM duplicate_candidates d
              LEFT JOIN persons a ON a.id_number = d.id_number_a
              LEFT JOIN persons b ON b.id_number = d.id_number_b
              {where}
             ORDER BY d.score DESC, d.found_at DESC, d.id
             LIMIT @limit OFFSET @offset
            """,
            parameters, cancellationToken: cancellationToken));
        return new PagedResult<StoredDuplicate>(page.Page, page.PageSize, total, items.ToList());
    }

    /// <summary>Records the decision on a pair in scope; null when there is no such pair in scope.</summary>
    public async Task<StoredDuplicate?> ReviewAsync(UnitScope scope, Guid id, string decision, string reviewer, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE duplicate_candidates d SET status = @decision, reviewed_by = @reviewer, reviewed_at = @now
             WHERE d.id = @id AND {UnitScope.SqlCondition("d.unit_path")}
            """,
            new { id, decision, reviewer, now = time.GetUtcNow().UtcDateTime, scope = scope.Path }, cancellationToken: cancellationToken));
        if (updated == 0)
        {
            return null;
        }

        return await connection.QuerySingleAsync<StoredDuplicate>(new CommandDefinition(
            $"""
            SELECT {ListColumns}
              FROM duplicate_candidates d
              LEFT JOIN persons a ON a.id_number = d.id_number_a
              LEFT JOIN persons b ON b.id_number = d.id_number_b
             WHERE d.id = @id
            """,
            new { id }, cancellationToken: cancellationToken));
    }
}

/// <summary>How alike two folded names of persons born the same day in the same commune are (null: not a likely duplicate).</summary>
public static class DuplicateScoring
{
    public static (int Score, string Reason)? Score(string foldedA, string foldedB)
    {
        const string Same = ", cùng ngày sinh, cùng xã";
        if (foldedA == foldedB)
        {
            return (95, "Trùng họ tên (bỏ dấu)" + Same);
        }

        var tokensA = foldedA.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var tokensB = foldedB.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (tokensA.Length == tokensB.Length && tokensA.Order(StringComparer.Ordinal).SequenceEqual(tokensB.Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            return (90, "Họ tên đảo thứ tự" + Same);
        }

        // One or two typing mistakes in a name long enough that two different people rarely differ by so little.
        var distance = EditDistance(foldedA, foldedB, 2);
        if (distance == 1 && Math.Min(foldedA.Length, foldedB.Length) >= 6)
        {
            return (85, "Họ tên gần giống (khác 1 ký tự)" + Same);
        }

        if (distance == 2 && Math.Min(foldedA.Length, foldedB.Length) >= 10)
        {
            return (75, "Họ tên gần giống (khác 2 ký tự)" + Same);
        }

        return null;
    }

    /// <summary>Levenshtein distance, or <paramref name="limit"/> + 1 as soon as it must exceed the limit.</summary>
    public static int EditDistance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                rowMin = Math.Min(rowMin, current[j]);
            }

            if (rowMin > limit)
            {
                return limit + 1;
            }

            (previous, current) = (current, previous);
        }

        return Math.Min(previous[b.Length], limit + 1);
    }
}
