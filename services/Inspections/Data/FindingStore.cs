using System.Globalization;
using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Inspections;
using Dakla06.Inspections.Domain;
using Dakla06.ServiceDefaults;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Messaging;
using Dakla06.ServiceDefaults.Security;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dakla06.Inspections.Data;

/// <summary>
/// A finding as the caller may see it: <see cref="Description"/> is null and <see cref="DetailsVisible"/> false
/// unless the caller is an inspector or leader whose scope holds the inspected target's owner unit (decided in SQL).
/// </summary>
public sealed class FindingRow
{
    public Guid Id { get; init; }

    public Guid InspectionId { get; init; }

    public string TargetType { get; init; } = string.Empty;

    public Guid TargetId { get; init; }

    public string TargetName { get; init; } = string.Empty;

    public string Title { get; init; } = string.Empty;

    public string? Description { get; init; }

    public bool DetailsVisible { get; init; }

    public string Severity { get; init; } = string.Empty;

    public string ResponsibleUnitCode { get; init; } = string.Empty;

    public DateOnly Deadline { get; init; }

    public string Status { get; init; } = string.Empty;

    public DateOnly? RiskAcceptedUntil { get; init; }

    public string? RiskReason { get; init; }

    public int? AutoItemNo { get; init; }

    public string RaisedBy { get; init; } = string.Empty;

    public string RaisedByName { get; init; } = string.Empty;

    public DateTimeOffset RaisedAt { get; init; }

    public string TeamCode { get; init; } = string.Empty;

    public string InspectingUnitCode { get; init; } = string.Empty;

    public FindingState State => FindingStatuses.Parse(Status);

    /// <summary>The responsible unit has not remedied it by the deadline (open or reopened, deadline before <paramref name="today"/>).</summary>
    public bool IsOverdue(DateOnly today) => State is FindingState.Open or FindingState.Reopened && Deadline < today;
}

/// <summary>
/// A history row. <see cref="ConfidentialNote"/> is what only inspectors and leaders in scope may read (a risk
/// acceptance's reason); <see cref="Note"/> is for everyone who sees the finding.
/// </summary>
public sealed record FindingEventRow(long Id, string Kind, string Actor, string ActorName, string? Note, string? ConfidentialNote, DateTimeOffset At);

public sealed record FindingDetails(FindingRow Finding, IReadOnlyList<FindingEventRow> History);

/// <summary>Filters of the finding list; all optional. <see cref="UnitPath"/> narrows to a responsible unit and the units below it.</summary>
public sealed record FindingFilter(
    string? Status = null,
    string? Severity = null,
    string? UnitPath = null,
    Guid? InspectionId = null,
    Guid? SystemId = null,
    bool Overdue = false);

/// <summary>What to raise: a manual finding, or an automatic one for a failed critical item (<see cref="AutoItemNo"/>).</summary>
public sealed record FindingDraft(string Title, string Description, string Severity, string ResponsibleUnitCode, DateOnly? Deadline, int? AutoItemNo = null, string? IdempotencyKey = null);

/// <summary>A caller's command on a finding; <see cref="Until"/> only for risk acceptance.</summary>
public sealed record FindingCommand(FindingAction Action, string? Note, DateOnly? Until = null);

public enum FindingOutcome
{
    Done,
    NotFound,
    /// <summary>Visible to the caller (their unit is responsible) but the inspected target is outside their scope.</summary>
    OutOfTargetScope,
    Conflict,
}

/// <summary>
/// Dapper queries and commands for findings. A finding is visible when its responsible unit is in the caller's scope,
/// or the caller is an inspector or leader and the inspected target's owner is in scope; only the latter see the
/// technical description and may act on it. Every change writes a history row, its event and the system's
/// readiness in one transaction.
/// </summary>
public sealed class FindingStore(
    NpgsqlDataSource dataSource, ReadinessRecorder readiness, Outbox outbox, InspectionsTelemetry telemetry, IOptions<SlaOptions> sla, TimeProvider time)
{
    /// <summary>Binds <c>@privileged</c> (inspector or leader) and <c>@scope</c>.</summary>
    public const string DetailsCondition = "(@privileged AND f.target_unit_path <@ @scope::ltree)";

    public const string VisibleCondition = $"(f.unit_path <@ @scope::ltree OR {DetailsCondition})";

    /// <summary>Open or reopened past the deadline; binds <c>@today</c> (the Vietnam date). A reported remediation awaits the inspectors, not the unit.</summary>
    public const string OverdueCondition = "(f.status IN ('open', 'reopened') AND f.deadline < @today)";

    private const string Columns = $"""
        f.id, f.inspection_id, f.target_type, f.target_id, f.target_name, f.title,
        CASE WHEN {DetailsCondition} THEN f.description END AS description,
        {DetailsCondition} AS details_visible,
        f.severity, f.responsible_unit_code, f.deadline, f.status, f.risk_accepted_until, f.risk_reason, f.auto_item_no,
        f.raised_by, f.raised_by_name, f.raised_at, i.team_code, i.inspecting_unit_code
        """;

    private const string From = "FROM findings f JOIN inspections i ON i.id = f.inspection_id";

    private static readonly string ListFilter = $"""
        WHERE {VisibleCondition}
          AND (@status::text IS NULL OR f.status = @status)
          AND (@severity::text IS NULL OR f.severity = @severity)
          AND (@unitPath::ltree IS NULL OR f.unit_path <@ @unitPath::ltree)
          AND (@inspectionId::uuid IS NULL OR f.inspection_id = @inspectionId)
          AND (@systemId::uuid IS NULL OR (f.target_type = 'system' AND f.target_id = @systemId))
          AND (NOT @overdue OR {OverdueCondition})
        """;

    private static readonly string ListOrder = $"""
        ORDER BY {OverdueCondition} DESC,
                 CASE f.severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END,
                 f.deadline, f.id
        """;

    /// <summary>Visible findings: overdue first, then by severity and deadline.</summary>
    public async Task<PagedResult<FindingRow>> ListAsync(Caller caller, FindingFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        var parameters = new
        {
            scope = caller.Scope.Path, privileged = InspectionStore.IsPrivileged(caller), today = VietnamTime.Today(time),
            status = filter.Status, severity = filter.Severity, unitPath = filter.UnitPath, inspectionId = filter.InspectionId,
            systemId = filter.SystemId, overdue = filter.Overdue, limit = page.PageSize, offset = page.Offset,
        };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<FindingRow, long, (FindingRow Row, long Total)>(
            new CommandDefinition($"SELECT {Columns}, count(*) OVER () AS total {From} {ListFilter} {ListOrder} LIMIT @limit OFFSET @offset", parameters, cancellationToken: cancellationToken),
            (row, total) => (row, total), splitOn: "total")).ToList();
        var total = rows.Count > 0 ? rows[0].Total
            : page.Page == 1 ? 0
            : await connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT count(*) {From} {ListFilter}", parameters, cancellationToken: cancellationToken));
        return new PagedResult<FindingRow>(page.Page, page.PageSize, total, rows.Select(r => r.Row).ToList());
    }

    /// <summary>The visible findings of one inspection, in the order they were raised.</summary>
    public static async Task<IReadOnlyList<FindingRow>> ListForInspectionAsync(NpgsqlConnection connection, Caller caller, Guid inspectionId, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<FindingRow>(new CommandDefinition(
            $"SELECT {Columns} {From} WHERE f.inspection_id = @inspectionId AND {VisibleCondition} ORDER BY f.raised_at, f.auto_item_no NULLS LAST, f.id",
            new { inspectionId, scope = caller.Scope.Path, privileged = InspectionStore.IsPrivileged(caller) }, cancellationToken: cancellationToken))).ToList();

    /// <summary>One finding with its history when visible to the caller; null otherwise (404).</summary>
    public async Task<FindingDetails?> FindAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var finding = await connection.QuerySingleOrDefaultAsync<FindingRow>(new CommandDefinition(
            $"SELECT {Columns} {From} WHERE f.id = @id AND {VisibleCondition}",
            new { id, scope = caller.Scope.Path, privileged = InspectionStore.IsPrivileged(caller) }, cancellationToken: cancellationToken));
        if (finding is null)
        {
            return null;
        }

        var history = (await connection.QueryAsync<FindingEventRow>(new CommandDefinition(
            "SELECT id, kind, actor, actor_name, note, confidential_note, at FROM finding_events WHERE finding_id = @id ORDER BY at, id",
            new { id }, cancellationToken: cancellationToken))).ToList();
        return new FindingDetails(finding, history);
    }

    /// <summary>
    /// Raises a manual finding on an inspection the caller may see the details of, once it has started; in one
    /// transaction with its history row, <c>FindingRaised</c> and the system's readiness.
    /// </summary>
    public async Task<(FindingOutcome Outcome, Guid Id, string? Refusal)> RaiseAsync(
        Guid inspectionId, NewFinding finding, Caller caller, string? idempotencyKey, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inspection = await InspectionStore.LockAsync(transaction, inspectionId, caller, cancellationToken);
        if (inspection is null)
        {
            return (FindingOutcome.NotFound, Guid.Empty, null);
        }

        if (inspection.Status == InspectionStatuses.Planned)
        {
            return (FindingOutcome.Conflict, Guid.Empty, "Đợt kiểm tra chưa bắt đầu; chỉ ghi nhận phát hiện khi đang kiểm tra hoặc đã hoàn thành.");
        }

        var id = await InsertAsync(transaction, inspection, new FindingDraft(
            finding.Title, finding.Description, finding.Severity, finding.ResponsibleUnit.Code, finding.Deadline, IdempotencyKey: idempotencyKey), caller, cancellationToken);
        if (id is null)
        {
            // The same Idempotency-Key was used before by this inspector: answer with that finding, raise nothing.
            await transaction.RollbackAsync(cancellationToken);
            var earlier = await connection.QuerySingleAsync<Guid>(new CommandDefinition(
                "SELECT id FROM findings WHERE raised_by = @by AND idempotency_key = @idempotencyKey",
                new { by = caller.Username, idempotencyKey }, cancellationToken: cancellationToken));
            return (FindingOutcome.Done, earlier, null);
        }

        if (inspection.TargetType == TargetTypes.System)
        {
            await readiness.RecomputeAsync(transaction, inspection.TargetId, VietnamTime.Today(time), cancellationToken);
        }

        await outbox.CommitAsync(transaction, cancellationToken);
        // After the commit: a rolled-back or replayed request counts nothing.
        telemetry.FindingsRaised(finding.Severity);
        return (FindingOutcome.Done, id.Value, null);
    }

    /// <summary>
    /// Inserts a finding (deadline by SLA from today's Vietnam date unless given) with its 'raised' history row and
    /// <see cref="FindingRaised"/> in <paramref name="transaction"/>; readiness is the caller's to recompute once.
    /// Returns null, writing nothing, when the draft's Idempotency-Key was already used by the caller.
    /// </summary>
    public async Task<Guid?> InsertAsync(NpgsqlTransaction transaction, InspectionRow inspection, FindingDraft draft, Caller caller, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var deadline = draft.Deadline ?? sla.Value.Deadline(draft.Severity, VietnamTime.Today(time));
        var responsible = AdminUnitDirectory.Default.Get(draft.ResponsibleUnitCode);
        var id = Guid.CreateVersion7();
        var inserted = await transaction.Connection!.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
            """
            INSERT INTO findings (id, inspection_id, target_type, target_id, target_name, target_unit_path, title, description, severity,
                                  responsible_unit_code, unit_path, deadline, auto_item_no, raised_by, raised_by_name, raised_at, updated_by, updated_at,
                                  idempotency_key)
            SELECT @id, i.id, i.target_type, i.target_id, i.target_name, i.unit_path, @title, @description, @severity,
                   @responsibleCode, @responsiblePath::ltree, @deadline, @autoItemNo, @by, @byName, @now, @by, @now, @idempotencyKey
            FROM inspections i WHERE i.id = @inspectionId
            ON CONFLICT (raised_by, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
            RETURNING id
            """,
            new
            {
                id, inspectionId = inspection.Id, title = draft.Title, description = draft.Description, severity = draft.Severity,
                responsibleCode = responsible.Code, responsiblePath = responsible.Path, deadline, autoItemNo = draft.AutoItemNo,
                by = caller.Username, byName = caller.DisplayName, now = now.UtcDateTime, idempotencyKey = draft.IdempotencyKey,
            },
            transaction, cancellationToken: cancellationToken));
        if (inserted is null)
        {
            return null;
        }

        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "INSERT INTO finding_events (finding_id, kind, actor, actor_name, note, at) VALUES (@id, 'raised', @by, @byName, NULL, @now)",
            new { id, by = caller.Username, byName = caller.DisplayName, now = now.UtcDateTime },
            transaction, cancellationToken: cancellationToken));
        await outbox.AddAsync(new FindingRaised(
            Guid.CreateVersion7(), now, responsible.Code, id, inspection.Id, inspection.InspectingUnitCode, inspection.TeamCode,
            inspection.TargetName, inspection.InspectedOn, draft.Title, draft.Severity, deadline, caller.Username), transaction, cancellationToken);
        return id;
    }

    /// <summary>
    /// A caller's life-cycle action under a row lock: 404 when not visible, out of the target's scope (403), refused
    /// transition (409 with the reason), otherwise the change, its history row, its event and readiness in one transaction.
    /// </summary>
    public async Task<(FindingOutcome Outcome, string? Refusal)> ApplyAsync(Guid id, Caller caller, FindingCommand command, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var finding = await connection.QuerySingleOrDefaultAsync<FindingRow>(new CommandDefinition(
            $"SELECT {Columns} {From} WHERE f.id = @id AND {VisibleCondition} FOR UPDATE OF f",
            new { id, scope = caller.Scope.Path, privileged = InspectionStore.IsPrivileged(caller) }, transaction, cancellationToken: cancellationToken));
        if (finding is null)
        {
            return (FindingOutcome.NotFound, null);
        }

        if (!finding.DetailsVisible)
        {
            return (FindingOutcome.OutOfTargetScope, null);
        }

        var transition = FindingLifecycle.Decide(finding.State, command.Action);
        if (!transition.Allowed)
        {
            return (FindingOutcome.Conflict, transition.Refusal);
        }

        await TransitionAsync(transaction, finding, transition, command, caller.Username, caller.DisplayName, cancellationToken);
        await outbox.CommitAsync(transaction, cancellationToken);
        return (FindingOutcome.Done, null);
    }

    /// <summary>
    /// The responsible unit reported the remediation task of a finding done (from the bus): open|reopened →
    /// remediation_reported with the report note and reporter in the history. Anything else is left alone (e.g. a
    /// late report on a verified finding). Returns true when the finding changed. Runs in the consumer's transaction.
    /// </summary>
    public async Task<bool> ReportRemediationAsync(NpgsqlTransaction transaction, Guid findingId, string reportedBy, string note, CancellationToken cancellationToken)
    {
        var finding = await LockSystemSideAsync(transaction, findingId, cancellationToken);
        if (finding is null)
        {
            return false;
        }

        var transition = FindingLifecycle.Decide(finding.State, FindingAction.ReportRemediation);
        if (!transition.Allowed)
        {
            return false;
        }

        await TransitionAsync(transaction, finding, transition, new FindingCommand(FindingAction.ReportRemediation, note), reportedBy, reportedBy, cancellationToken);
        return true;
    }

    /// <summary>
    /// Reopens a finding whose risk acceptance expired, claimed by the expiry scanner in <paramref name="transaction"/>:
    /// its row, history, <c>FindingReopened</c> and the system's readiness.
    /// </summary>
    public async Task ExpireRiskAcceptanceAsync(NpgsqlTransaction transaction, Guid id, CancellationToken cancellationToken)
    {
        var finding = (await LockSystemSideAsync(transaction, id, cancellationToken))!;
        var transition = FindingLifecycle.Decide(finding.State, FindingAction.ExpireRisk);
        await TransitionAsync(transaction, finding, transition, new FindingCommand(FindingAction.ExpireRisk, FindingStatuses.RiskExpiredReason),
            SystemActor, SystemActorName, cancellationToken);
    }

    /// <summary>The actor of changes nobody typed (the expiry job).</summary>
    public const string SystemActor = "system";

    public const string SystemActorName = "Hệ thống";

    /// <summary>A finding read by the service itself (no caller scope), locked.</summary>
    private static async Task<FindingRow?> LockSystemSideAsync(NpgsqlTransaction transaction, Guid id, CancellationToken cancellationToken) =>
        await transaction.Connection!.QuerySingleOrDefaultAsync<FindingRow>(new CommandDefinition(
            $"SELECT {Columns} {From} WHERE f.id = @id FOR UPDATE OF f",
            new { id, scope = string.Empty, privileged = true }, transaction, cancellationToken: cancellationToken));

    /// <summary>Applies an allowed transition: the row, its history, its event (verify, reopen) and readiness.</summary>
    private async Task TransitionAsync(
        NpgsqlTransaction transaction, FindingRow finding, FindingTransition transition, FindingCommand command,
        string actor, string actorName, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var acceptsRisk = command.Action == FindingAction.AcceptRisk;
        // The reason of a risk acceptance is confidential like risk_reason: the history's public note only says until when.
        var note = acceptsRisk
            ? $"Chấp nhận rủi ro đến hết ngày {command.Until?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}"
            : command.Note;
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            UPDATE findings SET status = @status,
                   risk_accepted_until = CASE WHEN @acceptsRisk THEN @until::date END,
                   risk_reason = CASE WHEN @acceptsRisk THEN @reason::text END,
                   updated_by = @actor, updated_at = @now
            WHERE id = @id;
            INSERT INTO finding_events (finding_id, kind, actor, actor_name, note, confidential_note, at)
            VALUES (@id, @kind, @actor, @actorName, @note, CASE WHEN @acceptsRisk THEN @reason::text END, @now);
            """,
            new
            {
                id = finding.Id, status = FindingStatuses.Name(transition.To), acceptsRisk, until = command.Until, reason = command.Note,
                actor, actorName, now = now.UtcDateTime, kind = transition.EventKind, note,
            },
            transaction, cancellationToken: cancellationToken));

        switch (transition.To)
        {
            case FindingState.Verified:
                await outbox.AddAsync(new FindingVerified(Guid.CreateVersion7(), now, finding.ResponsibleUnitCode, finding.Id, command.Note, actor), transaction, cancellationToken);
                break;
            case FindingState.Reopened:
                await outbox.AddAsync(new FindingReopened(Guid.CreateVersion7(), now, finding.ResponsibleUnitCode, finding.Id, command.Note ?? string.Empty, actor), transaction, cancellationToken);
                break;
        }

        if (finding.TargetType == TargetTypes.System)
        {
            await readiness.RecomputeAsync(transaction, finding.TargetId, VietnamTime.Today(time), cancellationToken);
        }
    }
}
