using Dakla06.Contracts.AdminUnits;
using Dakla06.Statistics.Domain;
using Dapper;
using Npgsql;

namespace Dakla06.Statistics.Data;

/// <summary>
/// The rules that need the procedure's catalogue entry in force on the day a dossier was received, checked in one
/// set-based query on a chunk's staging table (no round trip per line): an online dossier of a procedure without an
/// online level that day, and a procedure carried out at another level of government than the receiving unit's.
/// Lines with an error finding are taken out of the stage; warnings leave them in.
/// </summary>
public static class CatalogueChecks
{
    // Each catalogue entry with the day its successor takes over (a procedure keeps its level history). The unit's
    // level is the depth of its path: province 1, district 2, commune 3 (the admin-unit directory's paths). A dossier
    // received before its procedure's first entry has no level that day: no level mismatch, and online it is flagged.
    private const string Find = """
        WITH version AS (
            SELECT code, effective_from, lead(effective_from) OVER (PARTITION BY code ORDER BY effective_from) AS until,
                   administrative_level, online_level
            FROM procedures
        )
        SELECT * FROM (
            SELECT s.line, s.unit_code, s.received_on, s.procedure_code, v.online_level, v.administrative_level,
                   @checkOnline AND s.channel = @online AND (v.online_level IS NULL OR v.online_level <> ALL (@onlineCapable)) AS online,
                   coalesce(@checkLevel AND nlevel(s.unit_path::ltree) <> CASE v.administrative_level WHEN 'tinh' THEN 1 WHEN 'huyen' THEN 2 WHEN 'xa' THEN 3 END,
                            false) AS level
            FROM dossier_stage s
            LEFT JOIN version v ON v.code = s.procedure_code AND v.effective_from <= s.received_on AND (v.until IS NULL OR s.received_on < v.until)
        ) hit
        WHERE online OR level
        """;

    private sealed class Hit
    {
        public long Line { get; init; }

        public string UnitCode { get; init; } = string.Empty;

        public DateOnly ReceivedOn { get; init; }

        public string ProcedureCode { get; init; } = string.Empty;

        public string? OnlineLevel { get; init; }

        public string? AdministrativeLevel { get; init; }

        public bool Online { get; init; }

        public bool Level { get; init; }
    }

    /// <summary>Adds the findings to <paramref name="findings"/>, removes the lines they refuse from the stage; returns how many were removed.</summary>
    public static async Task<int> ApplyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, ValidationRules rules, List<ImportLineError> findings, CancellationToken cancellationToken)
    {
        var checkOnline = rules.IsEnabled(ValidationRules.OnlineWithoutOnlineLevel);
        var checkLevel = rules.IsEnabled(ValidationRules.LevelMismatch);
        if (!checkOnline && !checkLevel)
        {
            return 0;
        }

        var hits = await connection.QueryAsync<Hit>(new CommandDefinition(Find, new
        {
            checkOnline, checkLevel, online = Vocabulary.Online, onlineCapable = Vocabulary.OnlineCapableLevels.ToArray(),
        }, transaction, commandTimeout: 600, cancellationToken: cancellationToken));

        var problems = new List<LineProblems>();
        foreach (var hit in hits)
        {
            var line = new LineProblems(hit.Line, rules);
            if (hit.Online)
            {
                line.Add(DossierFile.Channel, hit.OnlineLevel is null
                    ? $"Hồ sơ trực tuyến nhưng thủ tục {hit.ProcedureCode} chưa có trong danh mục vào ngày tiếp nhận {hit.ReceivedOn:dd/MM/yyyy}."
                    : $"Hồ sơ trực tuyến nhưng thủ tục {hit.ProcedureCode} ở mức độ \"{hit.OnlineLevel}\" (không trực tuyến) vào ngày tiếp nhận {hit.ReceivedOn:dd/MM/yyyy}.",
                    ValidationRules.OnlineWithoutOnlineLevel);
            }

            if (hit.Level)
            {
                var unit = AdminUnitDirectory.Default.Get(hit.UnitCode);
                line.Add(DossierFile.UnitCode,
                    $"Thủ tục {hit.ProcedureCode} thực hiện ở cấp \"{hit.AdministrativeLevel}\" nhưng đơn vị tiếp nhận {unit.Name} ({unit.Code}) là cấp {LevelName(unit.Level)}.",
                    ValidationRules.LevelMismatch);
            }

            problems.Add(line);
        }

        findings.AddRange(problems.SelectMany(p => p.Findings));
        var refused = problems.Where(p => p.Rejects).Select(p => p.Line).ToArray();
        if (refused.Length > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM dossier_stage WHERE line = ANY(@refused)", new { refused }, transaction, cancellationToken: cancellationToken));
        }

        return refused.Length;
    }

    private static string LevelName(AdminLevel level) => level switch
    {
        AdminLevel.Province => "tỉnh",
        AdminLevel.District => "huyện",
        _ => "xã",
    };
}
