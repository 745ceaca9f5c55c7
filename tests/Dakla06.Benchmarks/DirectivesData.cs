using Dakla06.Contracts.AdminUnits;
using Dakla06.Directives.Domain;
using Npgsql;
using NpgsqlTypes;

namespace Dakla06.Benchmarks;

/// <summary>Directive documents and tasks over the province, loaded straight into a migrated directives database.</summary>
internal static class DirectivesData
{
    /// <summary>
    /// Loads <paramref name="documentCount"/> documents and <paramref name="taskCount"/> tasks spread over the province the
    /// way the work is spread, with binary COPY, then VACUUM ANALYZE. Tasks: mostly communes, some districts, a few the
    /// province's own; assigned by the province or by the district above; every status, deadlines within half a year either
    /// side. Documents: the first is the province's plan; the others issued by the province (10%), a district (30%) or a
    /// commune (60%) within the last year. The tasks are the same whatever the number of documents (separate random streams).
    /// </summary>
    public static async Task LoadAsync(NpgsqlDataSource dataSource, AdminUnitDirectory units, int taskCount, int documentCount, DateOnly today)
    {
        var random = new Random(6);
        var documentRandom = new Random(7);
        var communes = units.All.Where(u => u.Level == AdminLevel.Commune).ToArray();
        var districts = units.All.Where(u => u.Level == AdminLevel.District).ToArray();
        string[] statuses = ["assigned", "in_progress", "reported_done", "accepted"];
        string[] priorities = ["low", "normal", "high", "urgent"];
        var now = DateTime.UtcNow;

        await using var connection = await dataSource.OpenConnectionAsync();
        var documentIds = new Guid[Math.Max(documentCount, 1)];
        await using (var importer = await connection.BeginBinaryImportAsync(
            """
            COPY documents (id, document_type, number, issuing_unit_code, unit_path, issued_on, subject, created_by, created_by_name)
            FROM STDIN (FORMAT BINARY)
            """))
        {
            for (var i = 0; i < documentIds.Length; i++)
            {
                var roll = documentRandom.Next(100);
                var issuer = i == 0 || roll < 10 ? units.Root : roll < 40 ? districts[documentRandom.Next(districts.Length)] : communes[documentRandom.Next(communes.Length)];
                var type = i == 0 ? DocumentType.Plan : DocumentType.All[documentRandom.Next(DocumentType.All.Count)];
                documentIds[i] = Guid.CreateVersion7();
                await importer.StartRowAsync();
                await importer.WriteAsync(documentIds[i], NpgsqlDbType.Uuid);
                await importer.WriteAsync(type.Code, NpgsqlDbType.Text);
                await importer.WriteAsync(type.Abbreviation is { } abbreviation ? $"{i + 1}/{abbreviation}-UBND" : $"{i + 1}/UBND", NpgsqlDbType.Text);
                await importer.WriteAsync(issuer.Code, NpgsqlDbType.Text);
                await importer.WriteAsync(issuer.Path, NpgsqlDbType.LTree);
                await importer.WriteAsync(i == 0 ? today.AddDays(-200) : today.AddDays(-documentRandom.Next(365)), NpgsqlDbType.Date);
                await importer.WriteAsync(i == 0 ? "Kế hoạch triển khai Đề án 06" : $"{type.NameVi} về triển khai Đề án 06 số {i + 1}", NpgsqlDbType.Text);
                await importer.WriteAsync("bench", NpgsqlDbType.Text);
                await importer.WriteAsync("Benchmark", NpgsqlDbType.Text);
            }

            await importer.CompleteAsync();
        }

        await using (var importer = await connection.BeginBinaryImportAsync(
            """
            COPY tasks (id, document_id, title, description, expected_output, due_on, priority, assignee_unit_code, unit_path,
                        assigner_unit_code, assigner_unit_path, status, latest_percent, created_by, created_by_name,
                        created_at, updated_at, accepted_at, overdue_notified_at)
            FROM STDIN (FORMAT BINARY)
            """))
        {
            for (var i = 0; i < taskCount; i++)
            {
                var roll = random.Next(100);
                var assignee = roll < 80 ? communes[random.Next(communes.Length)] : roll < 98 ? districts[random.Next(districts.Length)] : units.Root;
                var assigner = assignee.Level == AdminLevel.Commune && random.Next(2) == 0 ? units.Get(assignee.ParentCode!) : units.Root;
                if (assignee == units.Root)
                {
                    assigner = units.Root;
                }

                var status = statuses[random.Next(statuses.Length)];
                var dueOn = today.AddDays(random.Next(-180, 180));
                var percent = status switch { "assigned" => (int?)null, "in_progress" => random.Next(0, 100), _ => 100 };
                await importer.StartRowAsync();
                await importer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await importer.WriteAsync(documentIds[documentRandom.Next(documentIds.Length)], NpgsqlDbType.Uuid);
                await importer.WriteAsync($"Nhiệm vụ {i}", NpgsqlDbType.Text);
                await importer.WriteAsync(string.Empty, NpgsqlDbType.Text);
                await importer.WriteAsync(string.Empty, NpgsqlDbType.Text);
                await importer.WriteAsync(dueOn, NpgsqlDbType.Date);
                await importer.WriteAsync(priorities[random.Next(priorities.Length)], NpgsqlDbType.Text);
                await importer.WriteAsync(assignee.Code, NpgsqlDbType.Text);
                await importer.WriteAsync(assignee.Path, NpgsqlDbType.LTree);
                await importer.WriteAsync(assigner.Code, NpgsqlDbType.Text);
                await importer.WriteAsync(assigner.Path, NpgsqlDbType.LTree);
                await importer.WriteAsync(status, NpgsqlDbType.Text);
                if (percent is { } p)
                {
                    await importer.WriteAsync(p, NpgsqlDbType.Integer);
                }
                else
                {
                    await importer.WriteNullAsync();
                }

                await importer.WriteAsync("bench", NpgsqlDbType.Text);
                await importer.WriteAsync("Benchmark", NpgsqlDbType.Text);
                await importer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await importer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                if (status == "accepted")
                {
                    var acceptedOn = dueOn.AddDays(random.Next(-20, 10)).ToDateTime(new TimeOnly(3, 0), DateTimeKind.Utc);
                    await importer.WriteAsync(acceptedOn, NpgsqlDbType.TimestampTz);
                }
                else
                {
                    await importer.WriteNullAsync();
                }

                await importer.WriteNullAsync();
            }

            await importer.CompleteAsync();
        }

        foreach (var table in new[] { "documents", "tasks" })
        {
            await using var analyze = new NpgsqlCommand($"VACUUM ANALYZE {table}", connection);
            await analyze.ExecuteNonQueryAsync();
        }
    }
}
