using Dakla06.Inspections.Domain;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Persistence;
using Dakla06.ServiceDefaults.Security;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Dakla06.Inspections.Data;

/// <summary>An endpoint device as stored, with the outcome of its latest completed inspection.</summary>
public sealed class DeviceRow
{
    public Guid Id { get; init; }

    public string AssetTag { get; init; } = string.Empty;

    public string UnitCode { get; init; } = string.Empty;

    public string Purpose { get; init; } = string.Empty;

    public string Description { get; init; } = string.Empty;

    public DateTimeOffset CreatedAt { get; init; }

    public string CreatedBy { get; init; } = string.Empty;

    public DateTimeOffset UpdatedAt { get; init; }

    public DateOnly? LastInspectedOn { get; init; }

    /// <summary><c>pass</c> or <c>fail</c> (a critical item failed) for the latest completed inspection; null when never inspected.</summary>
    public string? LastResult { get; init; }
}

/// <summary>Filters of the device list; all optional. <see cref="UnitPath"/> narrows to a unit's subtree.</summary>
public sealed record DeviceFilter(string? Text, string? UnitPath);

/// <summary>What an import saved and what it refused.</summary>
public sealed record DeviceImportOutcome(int Inserted, int Updated, IReadOnlyList<DeviceImportError> Refused);

/// <summary>Dapper queries for endpoint devices. Every read is scoped by the caller's unit path in SQL.</summary>
public sealed class DeviceStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    // The latest completed inspection of each listed device and whether a critical item failed in it.
    private const string Select = """
        SELECT d.id, d.asset_tag, d.unit_code, d.purpose, d.description, d.created_at, d.created_by, d.updated_at,
               last.completed_on AS last_inspected_on, last.result AS last_result
        FROM devices d
        LEFT JOIN LATERAL (
            SELECT i.completed_on,
                   CASE WHEN EXISTS (
                            SELECT 1
                            FROM inspection_results r
                            JOIN checklist_items ci ON ci.code = i.checklist_code AND ci.version = i.checklist_version AND ci.no = r.item_no
                            WHERE r.inspection_id = i.id AND r.result = 'fail' AND ci.critical)
                        THEN 'fail' ELSE 'pass' END AS result
            FROM inspections i
            WHERE i.target_type = 'device' AND i.target_id = d.id AND i.status = 'completed'
            ORDER BY i.completed_on DESC, i.updated_at DESC
            LIMIT 1
        ) last ON true
        """;

    private static readonly string ListFilter = $"""
        WHERE {UnitScope.SqlCondition("d.unit_path")}
          AND (@unitPath::ltree IS NULL OR d.unit_path <@ @unitPath::ltree)
          AND (@text::text IS NULL OR d.asset_tag ILIKE '%' || @text || '%' OR d.purpose ILIKE '%' || @text || '%'
               OR d.description ILIKE '%' || @text || '%')
        """;

    /// <summary>Devices in the caller's scope (optionally one unit's subtree), by asset tag.</summary>
    public async Task<PagedResult<DeviceRow>> ListAsync(UnitScope scope, DeviceFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        var parameters = new
        {
            scope = scope.Path,
            unitPath = filter.UnitPath,
            text = SqlText.Like(filter.Text),
            limit = page.PageSize,
            offset = page.Offset,
        };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM devices d {ListFilter}", parameters, cancellationToken: cancellationToken));
        var rows = total == 0 ? [] : (await connection.QueryAsync<DeviceRow>(new CommandDefinition(
            $"""
            {Select}
            {ListFilter}
            ORDER BY d.asset_tag
            LIMIT @limit OFFSET @offset
            """, parameters, cancellationToken: cancellationToken))).ToList();
        return new PagedResult<DeviceRow>(page.Page, page.PageSize, total, rows);
    }

    /// <summary>Registers one device; null when its asset tag is already registered (anywhere in the province).</summary>
    public async Task<DeviceRow?> CreateAsync(NewDevice device, Caller caller, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var row = new DeviceRow
        {
            Id = Guid.CreateVersion7(),
            AssetTag = device.AssetTag,
            UnitCode = device.Unit.Code,
            Purpose = device.Purpose,
            Description = device.Description,
            CreatedAt = now,
            CreatedBy = caller.Username,
            UpdatedAt = now,
        };
        const string insert = """
            INSERT INTO devices (id, asset_tag, unit_code, unit_path, purpose, description, created_at, created_by, updated_at)
            VALUES (@Id, @AssetTag, @UnitCode, @unitPath::ltree, @Purpose, @Description, @CreatedAt, @CreatedBy, @UpdatedAt)
            ON CONFLICT (asset_tag) DO NOTHING
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(insert, new
        {
            row.Id, row.AssetTag, row.UnitCode, unitPath = device.Unit.Path, row.Purpose, row.Description, row.CreatedAt, row.CreatedBy, row.UpdatedAt,
        }, cancellationToken: cancellationToken));
        return inserted == 1 ? row : null;
    }

    /// <summary>
    /// Saves the checked rows in one transaction: binary COPY into a temporary table, then one upsert by asset tag.
    /// An existing device is only updated when it already belongs to a unit in the importer's scope — otherwise an
    /// import could move another district's device into one's own unit; such lines come back as refused.
    /// </summary>
    public async Task<DeviceImportOutcome> ImportAsync(IReadOnlyList<DeviceImportRow> rows, Caller caller, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return new DeviceImportOutcome(0, 0, []);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            CREATE TEMP TABLE device_import (
                id uuid NOT NULL, asset_tag text NOT NULL, unit_code text NOT NULL, unit_path text NOT NULL,
                purpose text NOT NULL, description text NOT NULL
            ) ON COMMIT DROP
            """, transaction: transaction, cancellationToken: cancellationToken));

        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY device_import (id, asset_tag, unit_code, unit_path, purpose, description) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var (_, device) in rows)
            {
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, cancellationToken);
                await importer.WriteAsync(device.AssetTag, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(device.Unit.Code, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(device.Unit.Path, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(device.Purpose, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(device.Description, NpgsqlDbType.Text, cancellationToken);
            }

            await importer.CompleteAsync(cancellationToken);
        }

        // xmax = 0 on the returned row version means it was inserted, not updated (PostgreSQL's upsert idiom).
        const string upsert = """
            INSERT INTO devices AS d (id, asset_tag, unit_code, unit_path, purpose, description, created_at, created_by, updated_at)
            SELECT id, asset_tag, unit_code, unit_path::ltree, purpose, description, @now, @createdBy, @now
            FROM device_import
            ON CONFLICT (asset_tag) DO UPDATE
               SET unit_code = EXCLUDED.unit_code, unit_path = EXCLUDED.unit_path, purpose = EXCLUDED.purpose,
                   description = EXCLUDED.description, updated_at = EXCLUDED.updated_at
             WHERE d.unit_path <@ @scope::ltree
            RETURNING d.asset_tag, (d.xmax = 0) AS inserted
            """;
        var saved = (await connection.QueryAsync<(string AssetTag, bool Inserted)>(new CommandDefinition(upsert, new
        {
            now = time.GetUtcNow().UtcDateTime,
            createdBy = caller.Username,
            scope = caller.Scope.Path,
        }, transaction, cancellationToken: cancellationToken))).ToList();
        await transaction.CommitAsync(cancellationToken);

        var savedTags = saved.Select(s => s.AssetTag).ToHashSet(StringComparer.Ordinal);
        var refused = rows
            .Where(r => !savedTags.Contains(r.Device.AssetTag))
            .Select(r => new DeviceImportError(r.Line, "assetTag", $"Mã tài sản {r.Device.AssetTag} đã được đăng ký cho một đơn vị ngoài phạm vi quản lý của bạn."))
            .ToList();
        var inserted = saved.Count(s => s.Inserted);
        return new DeviceImportOutcome(inserted, saved.Count - inserted, refused);
    }
}
