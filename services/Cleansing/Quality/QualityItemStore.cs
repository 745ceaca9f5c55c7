using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Cleansing;
using Dakla06.ServiceDefaults;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using Dapper;
using Npgsql;

namespace Dakla06.Cleansing.Quality;

/// <summary>An item as stored, with the persons' names and birth dates as the registry holds them now.</summary>
public sealed class StoredQualityItem
{
    public Guid Id { get; init; }

    public string Category { get; init; } = string.Empty;

    public string Source { get; init; } = string.Empty;

    public string Status { get; init; } = string.Empty;

    public string? Outcome { get; init; }

    public string? ReasonCode { get; init; }

    public string? Note { get; init; }

    public string CommuneCode { get; init; } = string.Empty;

    public string? IdNumber { get; init; }

    public string? FullName { get; init; }

    public DateOnly? DateOfBirth { get; init; }

    public string? HouseholdId { get; init; }

    public string? OtherIdNumber { get; init; }

    public string? OtherFullName { get; init; }

    public string[]? MissingFields { get; init; }

    public string? Detail { get; init; }

    public DateTimeOffset OpenedAt { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public string? ClosedBy { get; init; }
}

/// <summary>A row of quality_item_changes.</summary>
public sealed class StoredChange
{
    public DateTimeOffset At { get; init; }

    public string ByUser { get; init; } = string.Empty;

    public string Action { get; init; } = string.Empty;

    public string? Outcome { get; init; }

    public string? ReasonCode { get; init; }

    public string? Note { get; init; }
}

/// <summary>One line of a list import or a bulk close, checked: its line number, the ID number and what it carries.</summary>
public sealed record WorklistLine(int Line, string IdNumber, string? Note, string? Outcome = null, string? ReasonCode = null);

/// <summary>What a list import or bulk close did: opened (or closed) items, lines whose item was already open, and the lines that matched nothing.</summary>
public sealed record WorklistApplied(int Opened, int AlreadyOpen, int Closed, IReadOnlyList<int> UnmatchedLines);

/// <summary>The closing of one item: done, the item is not there (or not in scope), or it is already closed.</summary>
public enum CloseResult
{
    Closed,
    NotFound,
    AlreadyClosed,
}

/// <summary>
/// Registry-quality items: the lists officers work (scoped by unit in SQL), closing one or many with an outcome, the
/// imported lists, and each item's history — every change with the kept counts in the same transaction.
/// </summary>
public sealed class QualityItemStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>The items a close or bulk close is about to close, with the line (0 for one item) and what to close them with.</summary>
    private const string CreateClosing = "CREATE TEMP TABLE quality_closing (id uuid, line int, outcome text, reason_code text, note text) ON COMMIT DROP";

    private const string Columns = """
        q.id, q.category, q.source, q.status, q.outcome, q.reason_code, q.note, q.commune_code, q.id_number, a.full_name, a.date_of_birth,
        q.household_id, q.other_id_number, b.full_name AS other_full_name, q.missing_fields, q.detail, q.opened_at, q.closed_at, q.closed_by
          FROM quality_items q
          LEFT JOIN persons a ON a.id_number = q.id_number
          LEFT JOIN persons b ON b.id_number = q.other_id_number
        """;

    /// <summary>Items of <paramref name="unitPath"/>'s subtree within the caller's scope: open first, then oldest first.</summary>
    public async Task<PagedResult<StoredQualityItem>> ListAsync(
        UnitScope scope, string unitPath, QualityItemQuery query, PageRequest page, CancellationToken cancellationToken)
    {
        var where = $"""
            WHERE {UnitScope.SqlCondition("q.unit_path")} AND q.unit_path <@ @unit::ltree
              AND (@category::text IS NULL OR q.category = @category) AND (@status::text IS NULL OR q.status = @status)
              AND (@idNumber::text IS NULL OR q.id_number = @idNumber OR q.other_id_number = @idNumber)
            """;
        var parameters = new
        {
            scope = scope.Path, unit = unitPath, category = query.Category, status = query.Status, idNumber = query.IdNumber?.Trim(),
            limit = page.PageSize, offset = page.Offset,
        };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM quality_items q {where}", parameters, cancellationToken: cancellationToken));
        var items = await connection.QueryAsync<StoredQualityItem>(new CommandDefinition(
            $"SELECT {Columns} {where} ORDER BY q.status DESC, q.opened_at, q.id LIMIT @limit OFFSET @offset", parameters, cancellationToken: cancellationToken));
        return new PagedResult<StoredQualityItem>(page.Page, page.PageSize, total, [.. items]);
    }

    /// <summary>The item, or null when it does not exist or lies outside the scope.</summary>
    public async Task<StoredQualityItem?> FindAsync(UnitScope scope, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<StoredQualityItem>(new CommandDefinition(
            $"SELECT {Columns} WHERE q.id = @id AND {UnitScope.SqlCondition("q.unit_path")}", new { id, scope = scope.Path }, cancellationToken: cancellationToken));
    }

    /// <summary>The item's history, oldest first: its opening, every recorded change, and its closing by the data.</summary>
    public async Task<IReadOnlyList<QualityItemChangeDto>> HistoryAsync(StoredQualityItem item, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var changes = await connection.QueryAsync<StoredChange>(new CommandDefinition(
            "SELECT at, by_user, action, outcome, reason_code, note FROM quality_item_changes WHERE item_id = @id ORDER BY id",
            new { id = item.Id }, cancellationToken: cancellationToken));
        // A rule run opens and closes by the data in bulk: those two moments are the item row's own columns.
        var history = new List<QualityItemChangeDto> { new(item.OpenedAt, "system", QualityItemActions.Opened, null, null, item.Source == "list" ? item.Detail : null) };
        history.AddRange(changes.Select(c => new QualityItemChangeDto(c.At, c.ByUser, c.Action, c.Outcome, c.ReasonCode, c.Note)));
        if (item.Outcome == QualityOutcomes.Fixed && item.ClosedAt is { } closedAt)
        {
            history.Add(new QualityItemChangeDto(closedAt, "system", QualityItemActions.Closed, QualityOutcomes.Fixed, null, null));
        }

        return history;
    }

    /// <summary>Closes an open item in scope with an outcome (already checked against its category).</summary>
    public async Task<CloseResult> CloseAsync(UnitScope scope, Guid id, string outcome, string? reasonCode, string? note, string user, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var status = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            $"SELECT status FROM quality_items q WHERE q.id = @id AND {UnitScope.SqlCondition("q.unit_path")} FOR UPDATE",
            new { id, scope = scope.Path }, transaction, cancellationToken: cancellationToken));
        if (status is null)
        {
            return CloseResult.NotFound;
        }

        if (status != QualityItemStatuses.Open)
        {
            return CloseResult.AlreadyClosed;
        }

        await connection.ExecuteAsync(new CommandDefinition(CreateClosing, transaction: transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO quality_closing VALUES (@id, 0, @outcome, @reasonCode, @note)", new { id, outcome, reasonCode, note }, transaction, cancellationToken: cancellationToken));
        await CloseMarkedAsync(connection, transaction, user, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return CloseResult.Closed;
    }

    /// <summary>
    /// Closes the open items of <paramref name="category"/> in scope that each line names by ID number (a person's item, a
    /// pair holding the person, or the household of the person for household categories).
    /// </summary>
    public async Task<WorklistApplied> BulkCloseAsync(UnitScope scope, string category, IReadOnlyList<WorklistLine> lines, string user, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(CreateClosing, transaction: transaction, cancellationToken: cancellationToken));
        // Three matches, each on an index or a small set, rather than one OR join the planner cannot index.
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            WITH lines AS (SELECT * FROM unnest(@lines, @ids, @outcomes, @reasons, @notes) AS l(line, id_number, outcome, reason_code, note)),
            matched AS (
                SELECT q.id, l.line, l.outcome, l.reason_code, l.note FROM lines l
                  JOIN quality_items q ON q.id_number = l.id_number
                 WHERE q.category = @category
                UNION ALL
                SELECT q.id, l.line, l.outcome, l.reason_code, l.note FROM lines l
                  JOIN quality_items q ON q.other_id_number = l.id_number
                 WHERE q.category = @category AND q.status = 'open'
                UNION ALL
                SELECT q.id, l.line, l.outcome, l.reason_code, l.note FROM lines l
                  JOIN persons p ON p.id_number = l.id_number
                  JOIN quality_items q ON q.household_id = p.household_id AND q.id_number IS NULL
                 WHERE q.category = @category AND q.status = 'open')
            INSERT INTO quality_closing
            SELECT DISTINCT ON (m.id) m.id, m.line, m.outcome, m.reason_code, m.note
              FROM matched m JOIN quality_items q ON q.id = m.id
             WHERE q.status = 'open' AND {UnitScope.SqlCondition("q.unit_path")}
             ORDER BY m.id, m.line
            """,
            new
            {
                lines = lines.Select(l => l.Line).ToArray(), ids = lines.Select(l => l.IdNumber).ToArray(), outcomes = lines.Select(l => l.Outcome).ToArray(),
                reasons = lines.Select(l => l.ReasonCode).ToArray(), notes = lines.Select(l => l.Note).ToArray(), category, scope = scope.Path,
            },
            transaction, commandTimeout: 600, cancellationToken: cancellationToken));
        var closedLines = await CloseMarkedAsync(connection, transaction, user, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var matched = closedLines.ToHashSet();
        return new WorklistApplied(0, 0, closedLines.Count, [.. lines.Select(l => l.Line).Where(l => !matched.Contains(l))]);
    }

    /// <summary>
    /// Closes the items in the transaction's <c>quality_closing</c>: outcome, history, counts, and for
    /// marked_no_old_id the person's mark. A rule item closed as updated or cannot_update stays live (the next run
    /// confirms an update; a case that cannot be updated must not be opened again). Returns the lines that closed.
    /// </summary>
    private async Task<IReadOnlyList<int>> CloseMarkedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string user, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await connection.ExecuteAsync(new CommandDefinition(QualityCounts.CreateDeltas, transaction: transaction, cancellationToken: cancellationToken));
        var lines = await connection.QueryAsync<int>(new CommandDefinition(
            $"""
            WITH closed AS (
                UPDATE quality_items q
                   SET status = 'closed', outcome = c.outcome, reason_code = c.reason_code, note = c.note, closed_at = @now, closed_by = @user,
                       live = q.source = 'rule' AND c.outcome IN ('updated', 'cannot_update')
                  FROM quality_closing c
                 WHERE q.id = c.id AND q.status = 'open'
                RETURNING q.id, q.category, q.unit_path, q.id_number, c.line, c.outcome, c.reason_code, c.note),
            history AS (
                INSERT INTO quality_item_changes (item_id, at, by_user, action, outcome, reason_code, note)
                SELECT id, @now, @user, 'closed', outcome, reason_code, note FROM closed),
            marked AS (
                UPDATE persons p SET no_old_id = true FROM closed c WHERE c.outcome = 'marked_no_old_id' AND p.id_number = c.id_number),
            deltas AS (
                INSERT INTO quality_deltas
                SELECT category, unit_path::text, 0,
                       (outcome = 'fixed')::int, (outcome = 'updated')::int, (outcome = 'cannot_update')::int, (outcome = 'marked_no_old_id')::int
                  FROM closed)
            SELECT line FROM closed
            """,
            new { now, user }, transaction, commandTimeout: 600, cancellationToken: cancellationToken));
        await QualityCounts.ApplyAsync(connection, transaction, VietnamTime.Today(time), cancellationToken);
        return [.. lines];
    }

    /// <summary>
    /// Opens a list item per line whose person is in the registry within the scope, at the person's commune; a person
    /// with an open item of the category gets the new note instead (relisted). Lines naming nobody come back.
    /// </summary>
    public async Task<WorklistApplied> ImportListAsync(UnitScope scope, string category, IReadOnlyList<WorklistLine> lines, string user, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(QualityCounts.CreateDeltas, transaction: transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "CREATE TEMP TABLE quality_listed (line int, id_number text, note text, commune_code text, unit_path ltree, household_id text) ON COMMIT DROP",
            transaction: transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO quality_listed
            SELECT l.line, l.id_number, l.note, p.commune_code, p.unit_path, p.household_id
              FROM unnest(@lines, @ids, @notes) AS l(line, id_number, note)
              JOIN persons p ON p.id_number = l.id_number
             WHERE {UnitScope.SqlCondition("p.unit_path")}
            """,
            new { lines = lines.Select(l => l.Line).ToArray(), ids = lines.Select(l => l.IdNumber).ToArray(), notes = lines.Select(l => l.Note).ToArray(), scope = scope.Path },
            transaction, commandTimeout: 600, cancellationToken: cancellationToken));
        var relisted = await connection.ExecuteAsync(new CommandDefinition(
            """
            WITH relisted AS (
                UPDATE quality_items q SET detail = l.note
                  FROM quality_listed l
                 WHERE q.live AND q.category = @category AND q.item_key = l.id_number
                RETURNING q.id, l.note)
            INSERT INTO quality_item_changes (item_id, at, by_user, action, note)
            SELECT id, @now, @user, 'relisted', note FROM relisted
            """,
            new { category, now, user }, transaction, cancellationToken: cancellationToken));
        var opened = await connection.ExecuteAsync(new CommandDefinition(
            """
            WITH opened AS (
                INSERT INTO quality_items (id, category, item_key, source, commune_code, unit_path, id_number, household_id, detail, opened_at)
                SELECT gen_random_uuid(), @category, l.id_number, 'list', l.commune_code, l.unit_path, l.id_number, l.household_id, l.note, @now
                  FROM quality_listed l
                 WHERE NOT EXISTS (SELECT 1 FROM quality_items q WHERE q.live AND q.category = @category AND q.item_key = l.id_number)
                RETURNING category, unit_path)
            INSERT INTO quality_deltas SELECT category, unit_path::text, 1, 0, 0, 0, 0 FROM opened
            """,
            new { category, now }, transaction, commandTimeout: 600, cancellationToken: cancellationToken));
        var found = (await connection.QueryAsync<int>(new CommandDefinition(
            "SELECT line FROM quality_listed", transaction: transaction, cancellationToken: cancellationToken))).ToHashSet();
        await QualityCounts.ApplyAsync(connection, transaction, VietnamTime.Today(time), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new WorklistApplied(opened, relisted, 0, [.. lines.Select(l => l.Line).Where(l => !found.Contains(l))]);
    }
}
