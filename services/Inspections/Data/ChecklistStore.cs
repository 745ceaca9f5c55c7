using System.Text.Json;
using Dakla06.Inspections.Domain;
using Dakla06.ServiceDefaults.Security;
using Dapper;
using Npgsql;

namespace Dakla06.Inspections.Data;

/// <summary>A checklist template version with its items (also the shape of the shipped <c>Data/Checklists/*.json</c>).</summary>
public sealed record ChecklistTemplate(string Code, int Version, string Title, string TargetType, IReadOnlyList<ChecklistItem> Items);

/// <summary>An inspection team and its members (usernames).</summary>
public sealed class TeamRow
{
    public string Code { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;

    public string UnitCode { get; init; } = string.Empty;

    public string UnitPath { get; init; } = string.Empty;

    public string[] Members { get; init; } = [];
}

/// <summary>Checklist templates (versioned, read-only at run time) and inspection teams.</summary>
public sealed class ChecklistStore(NpgsqlDataSource dataSource)
{
    /// <summary>The latest version of every checklist, by code.</summary>
    public async Task<IReadOnlyList<ChecklistTemplate>> ListLatestAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var heads = (await connection.QueryAsync<(string Code, int Version, string Title, string TargetType)>(new CommandDefinition(
            "SELECT DISTINCT ON (code) code, version, title, target_type FROM checklists ORDER BY code, version DESC",
            cancellationToken: cancellationToken))).ToList();
        var items = (await connection.QueryAsync<(string Code, int Version, int No, string Text, bool Critical, int Weight)>(new CommandDefinition(
            """
            SELECT ci.code, ci.version, ci.no, ci.text, ci.critical, ci.weight
            FROM checklist_items ci
            JOIN (SELECT code, max(version) AS version FROM checklists GROUP BY code) latest
              ON latest.code = ci.code AND latest.version = ci.version
            ORDER BY ci.code, ci.no
            """,
            cancellationToken: cancellationToken))).ToLookup(i => i.Code);
        return heads.Select(h => new ChecklistTemplate(h.Code, h.Version, h.Title, h.TargetType,
            items[h.Code].Select(i => new ChecklistItem(i.No, i.Text, i.Critical, i.Weight)).ToList())).ToList();
    }

    /// <summary>The items of one checklist version, in order.</summary>
    public static async Task<IReadOnlyList<ChecklistItem>> ItemsAsync(NpgsqlConnection connection, string code, int version, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<ChecklistItem>(new CommandDefinition(
            "SELECT no, text, critical, weight FROM checklist_items WHERE code = @code AND version = @version ORDER BY no",
            new { code, version }, transaction, cancellationToken: cancellationToken))).ToList();

    /// <summary>Teams whose unit is the caller's, above it or below it (a commune sees the province's teams).</summary>
    public async Task<IReadOnlyList<TeamRow>> ListTeamsAsync(UnitScope scope, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<TeamRow>(new CommandDefinition(
            $"SELECT code, name, unit_code, unit_path::text AS unit_path, members FROM teams WHERE {UnitScope.SqlConditionInScopeOrAbove()} ORDER BY unit_path, code",
            new { scope = scope.Path }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>
    /// Inserts a template version unless it exists: a published (code, version) never changes, so a restart or a
    /// second replica loading the same files changes nothing (<c>ON CONFLICT DO NOTHING</c>). Returns true when inserted.
    /// </summary>
    public async Task<bool> InsertIfMissingAsync(ChecklistTemplate template, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO checklists (code, version, title, target_type) VALUES (@Code, @Version, @Title, @TargetType) ON CONFLICT (code, version) DO NOTHING",
            template, transaction, cancellationToken: cancellationToken));
        if (inserted == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO checklist_items (code, version, no, text, critical, weight) VALUES (@code, @version, @No, @Text, @Critical, @Weight)",
            template.Items.Select(i => new { code = template.Code, version = template.Version, i.No, i.Text, i.Critical, i.Weight }),
            transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Reads and checks a shipped template; throws with the resource name when it is malformed (a build defect).</summary>
    public static ChecklistTemplate Parse(Stream json, string source)
    {
        var template = JsonSerializer.Deserialize<ChecklistTemplate>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException($"Checklist {source} is empty.");
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(template.Code)) problems.Add("code is missing");
        if (template.Version < 1) problems.Add("version must be at least 1");
        if (string.IsNullOrWhiteSpace(template.Title)) problems.Add("title is missing");
        if (!TargetTypes.IsValid(template.TargetType)) problems.Add("targetType must be system or device");
        if (template.Items is null || template.Items.Count == 0) problems.Add("items are missing");
        else
        {
            if (template.Items.Select(i => i.No).Distinct().Count() != template.Items.Count) problems.Add("item numbers repeat");
            if (template.Items.Any(i => i.No < 1 || i.Weight < 1 || string.IsNullOrWhiteSpace(i.Text))) problems.Add("every item needs no ≥ 1, text and weight ≥ 1");
        }

        return problems.Count == 0 ? template : throw new InvalidOperationException($"Checklist {source} is invalid: {string.Join("; ", problems)}.");
    }
}
