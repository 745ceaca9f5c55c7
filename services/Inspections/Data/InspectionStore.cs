using System.Globalization;
using Dakla06.Inspections.Domain;
using Dakla06.ServiceDefaults;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Messaging;
using Dakla06.ServiceDefaults.Security;
using Dapper;
using Npgsql;

namespace Dakla06.Inspections.Data;

/// <summary>An inspection as stored, with its team's name and its checklist's title.</summary>
public sealed class InspectionRow
{
    public Guid Id { get; init; }

    public string TargetType { get; init; } = string.Empty;

    public Guid TargetId { get; init; }

    public string TargetName { get; init; } = string.Empty;

    public string OwnerUnitCode { get; init; } = string.Empty;

    public string TeamCode { get; init; } = string.Empty;

    public string TeamName { get; init; } = string.Empty;

    public string InspectingUnitCode { get; init; } = string.Empty;

    public string ChecklistCode { get; init; } = string.Empty;

    public int ChecklistVersion { get; init; }

    public string ChecklistTitle { get; init; } = string.Empty;

    public string Status { get; init; } = string.Empty;

    public DateOnly PlannedOn { get; init; }

    public DateOnly? StartedOn { get; init; }

    public DateOnly? CompletedOn { get; init; }

    public string? Conclusion { get; init; }

    public string CreatedBy { get; init; } = string.Empty;

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The date the inspection was performed (announced with its findings): started, else planned.</summary>
    public DateOnly InspectedOn => StartedOn ?? PlannedOn;
}

/// <summary>
/// An inspection in lists. <see cref="Conclusion"/> is null and <see cref="DetailsVisible"/> false unless the caller is
/// an inspector or leader whose scope holds the target's owner or the inspecting unit (decided in SQL).
/// </summary>
public sealed class InspectionSummaryRow
{
    public Guid Id { get; init; }

    public string TargetType { get; init; } = string.Empty;

    public Guid TargetId { get; init; }

    public string TargetName { get; init; } = string.Empty;

    public string OwnerUnitCode { get; init; } = string.Empty;

    public string TeamCode { get; init; } = string.Empty;

    public string InspectingUnitCode { get; init; } = string.Empty;

    public string Status { get; init; } = string.Empty;

    public DateOnly PlannedOn { get; init; }

    public DateOnly? StartedOn { get; init; }

    public DateOnly? CompletedOn { get; init; }

    public string? Conclusion { get; init; }

    public bool DetailsVisible { get; init; }
}

/// <summary>An inspection with its checklist, results and findings.</summary>
public sealed record InspectionDetails(InspectionRow Inspection, IReadOnlyList<ChecklistItem> Items, IReadOnlyList<ItemResult> Results, IReadOnlyList<FindingRow> Findings);

/// <summary>Filters of the inspection list; all optional.</summary>
public sealed record InspectionFilter(string? TargetType, Guid? TargetId, string? Status);

/// <summary>A checked request to plan an inspection (the store resolves the references in the caller's scope).</summary>
public sealed record NewInspection(string TargetType, Guid TargetId, string TeamCode, DateOnly PlannedOn, string ChecklistCode);

public enum InspectionOutcome
{
    Done,
    NotFound,
    Invalid,
    Conflict,
}

/// <summary>
/// Dapper queries and commands for inspections. Inspection details are visible only to inspectors and leaders whose
/// scope holds the target's owner unit or the inspecting unit; lists show others the inspections of targets in their
/// scope without the conclusion. Completing an inspection raises its automatic findings and recomputes readiness
/// in the same transaction.
/// </summary>
public sealed class InspectionStore(
    NpgsqlDataSource dataSource, FindingStore findings, ReadinessRecorder readiness, Outbox outbox, InspectionsTelemetry telemetry, TimeProvider time)
{
    /// <summary>The caller may see the details (binds <c>@privileged</c>: the caller is an inspector or a leader, and <c>@scope</c>).</summary>
    public const string DetailsCondition = "(@privileged AND (i.unit_path <@ @scope::ltree OR i.inspecting_unit_path <@ @scope::ltree))";

    private const string Columns = """
        i.id, i.target_type, i.target_id, i.target_name, i.owner_unit_code, i.team_code, t.name AS team_name, i.inspecting_unit_code,
        i.checklist_code, i.checklist_version, c.title AS checklist_title, i.status, i.planned_on, i.started_on, i.completed_on,
        i.conclusion, i.created_by, i.created_at
        """;

    private const string From = """
        FROM inspections i
        JOIN teams t ON t.code = i.team_code
        JOIN checklists c ON c.code = i.checklist_code AND c.version = i.checklist_version
        """;

    private static readonly string ListFilter = $"""
        WHERE ({UnitScope.SqlCondition("i.unit_path")} OR {DetailsCondition})
          AND (@targetType::text IS NULL OR i.target_type = @targetType)
          AND (@targetId::uuid IS NULL OR i.target_id = @targetId)
          AND (@status::text IS NULL OR i.status = @status)
        """;

    /// <summary>Inspector or leader: the roles that may see inspection details at all.</summary>
    public static bool IsPrivileged(Caller caller) => caller.HasRole(Roles.SecurityInspector) || caller.HasRole(Roles.Leader);

    public async Task<PagedResult<InspectionSummaryRow>> ListAsync(Caller caller, InspectionFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await ListSummariesAsync(connection, caller, filter, page, cancellationToken);
    }

    /// <summary>Visible inspections, newest plan first; also used by a system's detail.</summary>
    public static async Task<PagedResult<InspectionSummaryRow>> ListSummariesAsync(
        NpgsqlConnection connection, Caller caller, InspectionFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        var parameters = new
        {
            scope = caller.Scope.Path, privileged = IsPrivileged(caller), targetType = filter.TargetType, targetId = filter.TargetId,
            status = filter.Status, limit = page.PageSize, offset = page.Offset,
        };
        var rows = (await connection.QueryAsync<InspectionSummaryRow, long, (InspectionSummaryRow Row, long Total)>(
            new CommandDefinition(
                $"""
                SELECT i.id, i.target_type, i.target_id, i.target_name, i.owner_unit_code, i.team_code, i.inspecting_unit_code, i.status,
                       i.planned_on, i.started_on, i.completed_on,
                       CASE WHEN {DetailsCondition} THEN i.conclusion END AS conclusion,
                       {DetailsCondition} AS details_visible,
                       count(*) OVER () AS total
                FROM inspections i
                {ListFilter}
                ORDER BY i.planned_on DESC, i.created_at DESC, i.id
                LIMIT @limit OFFSET @offset
                """,
                parameters, cancellationToken: cancellationToken),
            (row, total) => (row, total), splitOn: "total")).ToList();
        var total = rows.Count > 0 ? rows[0].Total
            : page.Page == 1 ? 0
            : await connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT count(*) FROM inspections i {ListFilter}", parameters, cancellationToken: cancellationToken));
        return new PagedResult<InspectionSummaryRow>(page.Page, page.PageSize, total, rows.Select(r => r.Row).ToList());
    }

    /// <summary>An inspection with checklist, results and findings, only for an inspector or leader in scope; null otherwise (404).</summary>
    public async Task<InspectionDetails?> FindAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var inspection = await connection.QuerySingleOrDefaultAsync<InspectionRow>(new CommandDefinition(
            $"SELECT {Columns} {From} WHERE i.id = @id AND {DetailsCondition}",
            new { id, scope = caller.Scope.Path, privileged = IsPrivileged(caller) }, cancellationToken: cancellationToken));
        if (inspection is null)
        {
            return null;
        }

        var items = await ChecklistStore.ItemsAsync(connection, inspection.ChecklistCode, inspection.ChecklistVersion, null, cancellationToken);
        var results = await ResultsAsync(connection, id, null, cancellationToken);
        var raised = await FindingStore.ListForInspectionAsync(connection, caller, id, cancellationToken);
        return new InspectionDetails(inspection, items, results, raised);
    }

    /// <summary>
    /// Plans an inspection: the team must be one of the caller's scope, the checklist (its latest version) must be
    /// for the target's type, and the target must be registered in the caller's scope; each failure names its field.
    /// The target's name and owner unit are copied so visibility does not depend on later edits of the register.
    /// </summary>
    public async Task<(InspectionOutcome Outcome, Guid Id)> CreateAsync(
        NewInspection request, Caller caller, string? idempotencyKey, ValidationErrors errors, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var team = await connection.QuerySingleOrDefaultAsync<TeamRow>(new CommandDefinition(
            $"SELECT code, name, unit_code, unit_path::text AS unit_path, members FROM teams WHERE code = @code AND {UnitScope.SqlCondition()}",
            new { code = request.TeamCode, scope = caller.Scope.Path }, cancellationToken: cancellationToken));
        if (team is null)
        {
            errors.Add("teamCode", $"Không có đoàn kiểm tra mã {request.TeamCode} trong phạm vi của {caller.Unit.Name}.");
        }

        var checklist = await connection.QuerySingleOrDefaultAsync<(string Code, int Version, string TargetType)>(new CommandDefinition(
            "SELECT code, version, target_type FROM checklists WHERE code = @code ORDER BY version DESC LIMIT 1",
            new { code = request.ChecklistCode }, cancellationToken: cancellationToken));
        if (checklist.Code is null)
        {
            errors.Add("checklistCode", $"Không có bảng kiểm mã {request.ChecklistCode}.");
        }
        else if (checklist.TargetType != request.TargetType)
        {
            errors.Add("checklistCode", $"Bảng kiểm {request.ChecklistCode} dùng cho đối tượng loại {checklist.TargetType}, không dùng cho {request.TargetType}.");
        }

        var targetSql = request.TargetType == TargetTypes.System
            ? $"SELECT name, owner_unit_code AS unit_code, unit_path::text AS unit_path FROM systems WHERE id = @id AND {UnitScope.SqlCondition()}"
            : $"SELECT asset_tag || ' — ' || purpose AS name, unit_code, unit_path::text AS unit_path FROM devices WHERE id = @id AND {UnitScope.SqlCondition()}";
        var target = await connection.QuerySingleOrDefaultAsync<(string Name, string UnitCode, string UnitPath)>(new CommandDefinition(
            targetSql, new { id = request.TargetId, scope = caller.Scope.Path }, cancellationToken: cancellationToken));
        if (target.Name is null)
        {
            errors.Add("targetId", request.TargetType == TargetTypes.System
                ? "Không có hệ thống thông tin này trong phạm vi của đơn vị."
                : "Không có thiết bị đầu cuối này trong phạm vi của đơn vị.");
        }

        if (!errors.IsEmpty)
        {
            return (InspectionOutcome.Invalid, Guid.Empty);
        }

        var id = Guid.CreateVersion7();
        var now = time.GetUtcNow().UtcDateTime;
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO inspections (id, target_type, target_id, target_name, owner_unit_code, unit_path, team_code,
                                     inspecting_unit_code, inspecting_unit_path, checklist_code, checklist_version, planned_on,
                                     created_by, created_by_name, created_at, updated_by, updated_at, idempotency_key)
            VALUES (@id, @targetType, @targetId, @targetName, @ownerUnitCode, @ownerPath::ltree, @teamCode,
                    @inspectingUnitCode, @inspectingPath::ltree, @checklistCode, @checklistVersion, @plannedOn,
                    @by, @byName, @now, @by, @now, @idempotencyKey)
            ON CONFLICT (created_by, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
            """,
            new
            {
                id, targetType = request.TargetType, targetId = request.TargetId, targetName = target.Name, ownerUnitCode = target.UnitCode,
                ownerPath = target.UnitPath, teamCode = team!.Code, inspectingUnitCode = team.UnitCode, inspectingPath = team.UnitPath,
                checklistCode = checklist.Code, checklistVersion = checklist.Version, plannedOn = request.PlannedOn,
                by = caller.Username, byName = caller.DisplayName, now, idempotencyKey,
            },
            cancellationToken: cancellationToken));
        if (inserted == 0)
        {
            // The same Idempotency-Key was used before by this inspector: answer with that inspection.
            id = await connection.QuerySingleAsync<Guid>(new CommandDefinition(
                "SELECT id FROM inspections WHERE created_by = @by AND idempotency_key = @idempotencyKey",
                new { by = caller.Username, idempotencyKey }, cancellationToken: cancellationToken));
        }

        return (InspectionOutcome.Done, id);
    }

    /// <summary>planned → in_progress, performed from <paramref name="startedOn"/>.</summary>
    public async Task<(InspectionOutcome Outcome, string? Refusal)> StartAsync(Guid id, DateOnly startedOn, Caller caller, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inspection = await LockAsync(transaction, id, caller, cancellationToken);
        if (inspection is null)
        {
            return (InspectionOutcome.NotFound, null);
        }

        if (inspection.Status != InspectionStatuses.Planned)
        {
            return (InspectionOutcome.Conflict,
                $"Chỉ bắt đầu được đợt kiểm tra ở trạng thái \"{InspectionStatuses.Vietnamese(InspectionStatuses.Planned)}\"; đợt kiểm tra này đang ở trạng thái \"{InspectionStatuses.Vietnamese(inspection.Status)}\".");
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE inspections SET status = 'in_progress', started_on = @startedOn, updated_by = @by, updated_at = @now WHERE id = @id",
            new { id, startedOn, by = caller.Username, now = time.GetUtcNow().UtcDateTime }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return (InspectionOutcome.Done, null);
    }

    /// <summary>Records (or replaces) results of checklist items while the inspection is in progress; unknown item numbers are named.</summary>
    public async Task<(InspectionOutcome Outcome, string? Refusal)> SaveResultsAsync(
        Guid id, IReadOnlyList<ItemResult> results, Caller caller, ValidationErrors errors, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inspection = await LockAsync(transaction, id, caller, cancellationToken);
        if (inspection is null)
        {
            return (InspectionOutcome.NotFound, null);
        }

        if (inspection.Status != InspectionStatuses.InProgress)
        {
            return (InspectionOutcome.Conflict, NotInProgress(inspection, "ghi kết quả"));
        }

        var items = await ChecklistStore.ItemsAsync(connection, inspection.ChecklistCode, inspection.ChecklistVersion, transaction, cancellationToken);
        var known = items.Select(i => i.No).ToHashSet();
        for (var i = 0; i < results.Count; i++)
        {
            if (!known.Contains(results[i].ItemNo))
            {
                errors.Add($"results[{i}].itemNo", $"Bảng kiểm {inspection.ChecklistCode} (phiên bản {inspection.ChecklistVersion}) không có hạng mục số {results[i].ItemNo}.");
            }
        }

        if (!errors.IsEmpty)
        {
            return (InspectionOutcome.Invalid, null);
        }

        var now = time.GetUtcNow().UtcDateTime;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO inspection_results (inspection_id, item_no, result, note, recorded_by, recorded_at)
            VALUES (@id, @ItemNo, @Result, @Note, @by, @now)
            ON CONFLICT (inspection_id, item_no) DO UPDATE
              SET result = excluded.result, note = excluded.note, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at
            """,
            results.Select(r => new { id, r.ItemNo, r.Result, r.Note, by = caller.Username, now }),
            transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE inspections SET updated_by = @by, updated_at = @now WHERE id = @id",
            new { id, by = caller.Username, now }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return (InspectionOutcome.Done, null);
    }

    /// <summary>
    /// in_progress → completed with a conclusion, when every item has a result (else the missing items are named
    /// under <c>results</c>). In the same transaction: one critical finding per failed critical item (responsible:
    /// the target's owner unit, deadline by SLA), each with its history row and <c>FindingRaised</c>, and the
    /// system's readiness recomputed, effective on the completion date.
    /// </summary>
    public async Task<(InspectionOutcome Outcome, string? Refusal)> CompleteAsync(
        Guid id, string conclusion, DateOnly? completedOn, Caller caller, ValidationErrors errors, CancellationToken cancellationToken)
    {
        using var activity = telemetry.StartActivity("inspections.complete");
        activity?.SetTag("dakla06.inspection.id", id);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inspection = await LockAsync(transaction, id, caller, cancellationToken);
        if (inspection is null)
        {
            return (InspectionOutcome.NotFound, null);
        }

        if (inspection.Status != InspectionStatuses.InProgress)
        {
            return (InspectionOutcome.Conflict, NotInProgress(inspection, "hoàn thành"));
        }

        var items = await ChecklistStore.ItemsAsync(connection, inspection.ChecklistCode, inspection.ChecklistVersion, transaction, cancellationToken);
        var results = await ResultsAsync(connection, id, transaction, cancellationToken);
        var missing = ChecklistRules.Missing(items, results);
        if (missing.Count > 0)
        {
            errors.Add("results", $"Chưa có kết quả cho hạng mục số: {string.Join(", ", missing)}.");
        }

        var today = VietnamTime.Today(time);
        var completed = completedOn ?? today;
        if (inspection.StartedOn is { } started && completed < started)
        {
            errors.Add("completedOn", $"Ngày hoàn thành không được trước ngày bắt đầu kiểm tra ({started.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}).");
        }

        if (!errors.IsEmpty)
        {
            return (InspectionOutcome.Invalid, null);
        }

        var now = time.GetUtcNow();
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE inspections SET status = 'completed', completed_on = @completed, conclusion = @conclusion, updated_by = @by, updated_at = @now WHERE id = @id",
            new { id, completed, conclusion, by = caller.Username, now = now.UtcDateTime }, transaction, cancellationToken: cancellationToken));

        var autoFindings = ChecklistRules.AutoFindings(items, results);
        foreach (var auto in autoFindings)
        {
            var item = items.Single(i => i.No == auto.ItemNo);
            var note = results.Single(r => r.ItemNo == auto.ItemNo).Note;
            await findings.InsertAsync(transaction, inspection, new FindingDraft(
                auto.Title,
                $"Hạng mục trọng yếu số {item.No} của bảng kiểm không đạt: {item.Text}" + (note is null ? string.Empty : $"\nGhi chú của đoàn kiểm tra: {note}"),
                Severities.Critical, inspection.OwnerUnitCode, null, auto.ItemNo), caller, cancellationToken);
        }

        if (inspection.TargetType == TargetTypes.System)
        {
            await readiness.RecomputeAsync(transaction, inspection.TargetId, completed, cancellationToken);
        }

        await outbox.CommitAsync(transaction, cancellationToken);
        // After the commit, as for a finding raised by hand.
        telemetry.FindingsRaised(Severities.Critical, autoFindings.Count);
        activity?.SetTag("dakla06.inspection.findings_raised", autoFindings.Count);
        return (InspectionOutcome.Done, null);
    }

    /// <summary>Locks an inspection the caller may see the details of (inspectors act only on those).</summary>
    public static async Task<InspectionRow?> LockAsync(NpgsqlTransaction transaction, Guid id, Caller caller, CancellationToken cancellationToken) =>
        await transaction.Connection!.QuerySingleOrDefaultAsync<InspectionRow>(new CommandDefinition(
            $"SELECT {Columns} {From} WHERE i.id = @id AND {DetailsCondition} FOR UPDATE OF i",
            new { id, scope = caller.Scope.Path, privileged = IsPrivileged(caller) }, transaction, cancellationToken: cancellationToken));

    private static async Task<IReadOnlyList<ItemResult>> ResultsAsync(NpgsqlConnection connection, Guid id, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<ItemResult>(new CommandDefinition(
            "SELECT item_no, result, note FROM inspection_results WHERE inspection_id = @id ORDER BY item_no",
            new { id }, transaction, cancellationToken: cancellationToken))).ToList();

    private static string NotInProgress(InspectionRow inspection, string action) =>
        $"Chỉ {action} được đợt kiểm tra đang ở trạng thái \"{InspectionStatuses.Vietnamese(InspectionStatuses.InProgress)}\"; đợt kiểm tra này đang ở trạng thái \"{InspectionStatuses.Vietnamese(inspection.Status)}\".";
}
