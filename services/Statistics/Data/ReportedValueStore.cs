using Dakla06.Contracts.Http.Statistics;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using Dakla06.Statistics.Domain;
using Dapper;
using Npgsql;

namespace Dakla06.Statistics.Data;

/// <summary>A reported value as stored.</summary>
public sealed class ReportedValueRow
{
    public Guid Id { get; init; }

    public string Indicator { get; init; } = string.Empty;

    public string UnitCode { get; init; } = string.Empty;

    public DateOnly PeriodFrom { get; init; }

    public DateOnly PeriodTo { get; init; }

    public long Value { get; init; }

    public string? Note { get; init; }

    public string Status { get; init; } = string.Empty;

    public string SubmittedBy { get; init; } = string.Empty;

    public DateTimeOffset SubmittedAt { get; init; }

    public string? ApprovedBy { get; init; }

    public string? ApprovedById { get; init; }

    public string? ApprovedByUnit { get; init; }

    public DateTimeOffset? ApprovedAt { get; init; }

    public ApprovalState Approval => new(Status, ApprovedBy, ApprovedById, ApprovedByUnit, ApprovedAt);
}

/// <summary>A history entry as stored.</summary>
public sealed record ReportedValueChangeRow(
    long Id, string Change, string ChangedBy, string ChangedByUnit, DateTimeOffset ChangedAt, long? OldValue, long NewValue, string? OldStatus, string NewStatus, string? Note);

/// <summary>A value to submit: the identity (indicator, unit, period) and what is reported.</summary>
public sealed record ReportedValueSubmission(ReportedIndicator Indicator, Contracts.AdminUnits.AdminUnit Unit, DateOnly From, DateOnly To, long Value, string? Note);

/// <summary>Filters of the list (the unit's subtree as an ltree path; periods overlapping [from, to]).</summary>
public sealed record ReportedValueFilter(string? UnitPath, DateOnly? From, DateOnly? To, string? Status);

/// <summary>What a command did: the value after it, or why it was refused (null row: not found in the caller's scope).</summary>
public sealed record ReportedValueOutcome(ReportedValueRow? Row, Refusal? Refusal = null);

/// <summary>Reported values and their history; every read is scoped by the caller's unit path in SQL.</summary>
public sealed class ReportedValueStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string Columns = """
        id, indicator, unit_code, period_from, period_to, value, note, status, submitted_by, submitted_at,
        approved_by, approved_by_id, approved_by_unit, approved_at
        """;

    private const string ExclusionViolation = "23P01";
    private const string UniqueViolation = "23505";

    /// <summary>
    /// Stores a new value or changes the submitted one of the same indicator, unit and period (unchanged value and note:
    /// nothing is written). Refused with 409 when that value is approved or another period of the indicator at the unit
    /// overlaps this one. The caller's scope covers the unit (checked by the endpoint).
    /// </summary>
    public async Task<ReportedValueOutcome> SubmitAsync(ReportedValueSubmission submission, Caller caller, CancellationToken cancellationToken)
    {
        var parameters = new
        {
            id = Guid.CreateVersion7(),
            indicator = submission.Indicator.Code,
            unitCode = submission.Unit.Code,
            unitPath = submission.Unit.Path,
            from = submission.From,
            to = submission.To,
            value = submission.Value,
            note = submission.Note,
            user = caller.Username,
            userUnit = caller.Unit.Code,
            now = time.GetUtcNow(),
        };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var existing = await connection.QuerySingleOrDefaultAsync<ReportedValueRow>(new CommandDefinition($"""
            SELECT {Columns} FROM reported_values
            WHERE indicator = @indicator AND unit_code = @unitCode AND period_from = @from AND period_to = @to
            FOR UPDATE
            """, parameters, transaction, cancellationToken: cancellationToken));

        if (existing is null)
        {
            if (await OverlappingAsync(connection, transaction, parameters, cancellationToken) is { } other)
            {
                return new ReportedValueOutcome(null, Overlap(other));
            }

            try
            {
                await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO reported_values (id, indicator, unit_code, unit_path, period_from, period_to, value, note, status, submitted_by, submitted_at)
                    VALUES (@id, @indicator, @unitCode, @unitPath::ltree, @from, @to, @value, @note, 'submitted', @user, @now);
                    INSERT INTO reported_value_history (reported_value_id, change, changed_by, changed_by_unit, changed_at, new_value, new_status, note)
                    VALUES (@id, 'submitted', @user, @userUnit, @now, @value, 'submitted', @note);
                    """, parameters, transaction, cancellationToken: cancellationToken));
            }
            catch (PostgresException e) when (e.SqlState is ExclusionViolation or UniqueViolation)
            {
                // Another submission of the same or an overlapping period committed between the check and the insert.
                return new ReportedValueOutcome(null, new Refusal(StatusCodes.Status409Conflict, "Số liệu vừa được nhập",
                    "Số liệu của chỉ tiêu này tại đơn vị cho kỳ này vừa được người khác nhập. Vui lòng tải lại."));
            }
        }
        else if (ReportedValueRules.CheckEdit(existing.Approval) is { } locked)
        {
            return new ReportedValueOutcome(existing, locked);
        }
        else if (existing.Value != submission.Value || existing.Note != submission.Note)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE reported_values SET value = @value, note = @note, submitted_by = @user, submitted_at = @now WHERE id = @existingId;
                INSERT INTO reported_value_history (reported_value_id, change, changed_by, changed_by_unit, changed_at, old_value, new_value, old_status, new_status, note)
                VALUES (@existingId, 'changed', @user, @userUnit, @now, @oldValue, @value, 'submitted', 'submitted', @note);
                """, new { parameters.value, parameters.note, parameters.user, parameters.userUnit, parameters.now, existingId = existing.Id, oldValue = existing.Value },
                transaction, cancellationToken: cancellationToken));
        }

        var saved = await connection.QuerySingleAsync<ReportedValueRow>(new CommandDefinition(
            $"SELECT {Columns} FROM reported_values WHERE id = @id", new { id = existing?.Id ?? parameters.id }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new ReportedValueOutcome(saved);
    }

    /// <summary>Approves a submitted value in the caller's scope (→ approved, locked); 409 when it is already approved.</summary>
    public Task<ReportedValueOutcome> ApproveAsync(Guid id, Caller caller, CancellationToken cancellationToken) =>
        ChangeStatusAsync(id, caller, ReportedValueChanges.Approved, ReportedValueRules.CheckApprove, """
            UPDATE reported_values SET status = 'approved', approved_by = @user, approved_by_id = @userId, approved_by_unit = @userUnit, approved_at = @now
            WHERE id = @id
            """, cancellationToken);

    /// <summary>Unlocks an approved value back to submitted, by its approver or a leader above the approver.</summary>
    public Task<ReportedValueOutcome> UnlockAsync(Guid id, Caller caller, CancellationToken cancellationToken) =>
        ChangeStatusAsync(id, caller, ReportedValueChanges.Unlocked, value => ReportedValueRules.CheckUnlock(caller, value), """
            UPDATE reported_values SET status = 'submitted', approved_by = NULL, approved_by_id = NULL, approved_by_unit = NULL, approved_at = NULL
            WHERE id = @id
            """, cancellationToken);

    public async Task<ReportedValueRow?> FindAsync(UnitScope scope, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ReportedValueRow>(new CommandDefinition(
            $"SELECT {Columns} FROM reported_values WHERE id = @id AND {UnitScope.SqlCondition()}",
            new { id, scope = scope.Path }, cancellationToken: cancellationToken));
    }

    /// <summary>Values in the caller's scope, by period (latest first), indicator and unit.</summary>
    public async Task<PagedResult<ReportedValueRow>> ListAsync(UnitScope scope, ReportedValueFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        var where = $"""
            WHERE {UnitScope.SqlCondition()}
              AND (@unitPath::ltree IS NULL OR unit_path <@ @unitPath::ltree)
              AND (@from::date IS NULL OR period_to >= @from::date)
              AND (@to::date IS NULL OR period_from <= @to::date)
              AND (@status::text IS NULL OR status = @status)
            """;
        var parameters = new
        {
            scope = scope.Path,
            unitPath = filter.UnitPath,
            from = filter.From,
            to = filter.To,
            status = filter.Status,
            limit = page.PageSize,
            offset = page.Offset,
        };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"SELECT count(*) FROM reported_values {where}", parameters, cancellationToken: cancellationToken));
        var items = await connection.QueryAsync<ReportedValueRow>(new CommandDefinition(
            $"SELECT {Columns} FROM reported_values {where} ORDER BY period_from DESC, period_to DESC, indicator, unit_path, id LIMIT @limit OFFSET @offset",
            parameters, cancellationToken: cancellationToken));
        return new PagedResult<ReportedValueRow>(page.Page, page.PageSize, total, items.ToList());
    }

    /// <summary>Every change of a value, oldest first.</summary>
    public async Task<IReadOnlyList<ReportedValueChangeRow>> HistoryAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ReportedValueChangeRow>(new CommandDefinition("""
            SELECT id, change, changed_by, changed_by_unit, changed_at, old_value, new_value, old_status, new_status, note
            FROM reported_value_history WHERE reported_value_id = @id ORDER BY id
            """, new { id }, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    /// <summary>Sums of the approved values per indicator in a unit's subtree (within the caller's scope) whose period lies within [from, to].</summary>
    public async Task<Dictionary<string, long>> ApprovedTotalsAsync(UnitScope scope, string unitPath, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Indicator, long Total)>(new CommandDefinition($"""
            SELECT indicator, sum(value)::bigint FROM reported_values
            WHERE status = 'approved' AND unit_path <@ @unitPath::ltree AND {UnitScope.SqlCondition()}
              AND period_from >= @from AND period_to <= @to
            GROUP BY indicator
            """, new { scope = scope.Path, unitPath, from, to }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Indicator, r => r.Total, StringComparer.Ordinal);
    }

    private async Task<ReportedValueOutcome> ChangeStatusAsync(
        Guid id, Caller caller, string change, Func<ApprovalState, Refusal?> check, string update, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ReportedValueRow>(new CommandDefinition(
            $"SELECT {Columns} FROM reported_values WHERE id = @id AND {UnitScope.SqlCondition()} FOR UPDATE",
            new { id, scope = caller.Scope.Path }, transaction, cancellationToken: cancellationToken));
        if (row is null)
        {
            return new ReportedValueOutcome(null);
        }

        if (check(row.Approval) is { } refusal)
        {
            return new ReportedValueOutcome(row, refusal);
        }

        var parameters = new { id, user = caller.Username, userId = caller.UserId, userUnit = caller.Unit.Code, now = time.GetUtcNow(), change, value = row.Value, oldStatus = row.Status };
        await connection.ExecuteAsync(new CommandDefinition(update, parameters, transaction, cancellationToken: cancellationToken));
        var updated = await connection.QuerySingleAsync<ReportedValueRow>(new CommandDefinition(
            $"SELECT {Columns} FROM reported_values WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO reported_value_history (reported_value_id, change, changed_by, changed_by_unit, changed_at, old_value, new_value, old_status, new_status)
            VALUES (@id, @change, @user, @userUnit, @now, @value, @value, @oldStatus, @newStatus)
            """, new { parameters.id, parameters.change, parameters.user, parameters.userUnit, parameters.now, parameters.value, parameters.oldStatus, newStatus = updated.Status },
            transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new ReportedValueOutcome(updated);
    }

    private static async Task<ReportedValueRow?> OverlappingAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, object parameters, CancellationToken cancellationToken) =>
        await connection.QueryFirstOrDefaultAsync<ReportedValueRow>(new CommandDefinition($"""
            SELECT {Columns} FROM reported_values
            WHERE indicator = @indicator AND unit_code = @unitCode
              AND daterange(period_from, period_to, '[]') && daterange(@from, @to, '[]')
            ORDER BY period_from LIMIT 1
            """, parameters, transaction, cancellationToken: cancellationToken));

    private static Refusal Overlap(ReportedValueRow other) => new(StatusCodes.Status409Conflict, "Trùng kỳ báo cáo",
        $"Chỉ tiêu này của đơn vị đã có số liệu cho kỳ {other.PeriodFrom:dd/MM/yyyy}–{other.PeriodTo:dd/MM/yyyy}, chồng lên kỳ đang nhập; "
        + "sửa số liệu của kỳ đó hoặc chọn kỳ không chồng lấn.");
}
