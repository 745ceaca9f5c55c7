using System.Globalization;
using System.Text;
using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Http.Statistics;
using Dakla06.ServiceDefaults;
using Dakla06.ServiceDefaults.Security;
using Dakla06.Statistics.Api;
using Dakla06.Statistics.Data;
using Dakla06.Statistics.Domain;

namespace Dakla06.Statistics.Jobs;

/// <summary>
/// First start of a fresh installation (<c>./dakla06 run</c>): when <c>Statistics:SeedDossiers</c> &gt; 0 and the catalogue
/// is empty, stores a generated catalogue (every essential service, some procedures with a level history) and queues a
/// generated file of that many dossiers over the last twelve months and every unit of the province, imported by the
/// ordinary import job — so every page has content at once. Generated with a fixed seed: the same data on every machine.
/// The queued import has a fixed id, so replicas starting together queue it once.
/// </summary>
public sealed partial class DemoDataSeeder(
    ProcedureStore procedures, ImportStore imports, ImportSignal signal, TimeProvider time, IConfiguration configuration, ILogger<DemoDataSeeder> logger)
    : IHostedService
{
    public const string SeedDossiersKey = "Statistics:SeedDossiers";

    /// <summary>The id of the seeded import (fixed: a second replica's insert of it does nothing).</summary>
    public static readonly Guid ImportId = new("5eed0011-0000-7000-8000-000000000001");

    private const string SeedUser = "demo-seed";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var count = configuration.GetValue<int?>(SeedDossiersKey) ?? 0;
        if (count <= 0 || (await procedures.CodesAsync(cancellationToken)).Count > 0)
        {
            return;
        }

        var random = new Random(2025);
        var catalogue = Catalogue(random);
        await procedures.ImportAsync(catalogue, SeedUser, cancellationToken);

        var directory = Uploads.Directory(configuration);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{ImportId:N}.csv");
        var today = VietnamTime.Today(time);
        await File.WriteAllLinesAsync(path, [string.Join(',', DossierFile.Columns), .. Dossiers(random, catalogue, count, today)], new UTF8Encoding(false), cancellationToken);
        var province = new UnitScope(AdminUnitDirectory.Default.Root);
        if (await imports.CreateOnceAsync(new NewImport(ImportId, DossierSources.Igate, "du-lieu-mau.csv", path, new FileInfo(path).Length, province, SeedUser), cancellationToken))
        {
            signal.Notify();
            LogSeeded(catalogue.Count, count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>One procedure per essential service and a few others, each at its level of government; every fourth went from level 3 to full online service in mid-2023.</summary>
    private static List<ProcedureLevel> Catalogue(Random random)
    {
        var levels = new List<ProcedureLevel>();
        string[] tiers = ["xa", "xa", "huyen", "tinh"];
        string[] online = ["toan_trinh", "toan_trinh", "mot_phan", "khong"];
        for (var i = 1; i <= 40; i++)
        {
            var essential = i <= 25 ? EssentialServices.Find(i) : null;
            var code = $"1.{i:000}.DL";
            var name = essential?.Name ?? $"Thủ tục hành chính mẫu số {i}";
            var sector = essential?.Sector ?? "Tổng hợp";
            var tier = tiers[random.Next(tiers.Length)];
            var hasFee = random.Next(3) == 0;
            if (i % 4 == 0)
            {
                levels.Add(new ProcedureLevel(0, code, name, tier, sector, "3", new DateOnly(2022, 1, 1), essential?.Number, hasFee));
                levels.Add(new ProcedureLevel(0, code, name, tier, sector, "toan_trinh", new DateOnly(2023, 7, 1), essential?.Number, hasFee));
            }
            else
            {
                levels.Add(new ProcedureLevel(0, code, name, tier, sector, online[random.Next(online.Length)], new DateOnly(2022, 1, 1), essential?.Number, hasFee));
            }
        }

        return levels;
    }

    private static IEnumerable<string> Dossiers(Random random, List<ProcedureLevel> catalogue, int count, DateOnly today)
    {
        var current = catalogue.GroupBy(p => p.Code).Select(g => g.MaxBy(p => p.EffectiveFrom)!).ToList();
        var units = AdminUnitDirectory.Default.All.GroupBy(u => u.Level).ToDictionary(g => g.Key, g => g.ToList());
        for (var n = 1; n <= count; n++)
        {
            var procedure = current[random.Next(current.Count)];
            var candidates = units[Vocabulary.AdministrativeLevels[procedure.AdministrativeLevel]];
            var unit = candidates[random.Next(candidates.Count)];
            var received = today.AddDays(-random.Next(365));
            var due = received.AddDays(3 + random.Next(13));
            var onlineLevel = Vocabulary.IsOnlineLevel(procedure.OnlineLevel);
            var channel = onlineLevel && random.NextDouble() < 0.6 ? Vocabulary.Online : random.NextDouble() < 0.9 ? "truc_tiep" : "buu_chinh";
            var (status, finished) = Outcome(random, received, due, today);
            var paidOnline = procedure.HasFee && channel == Vocabulary.Online && random.NextDouble() < 0.7;
            var succeeded = paidOnline && random.NextDouble() < 0.95;
            var amount = procedure.HasFee ? 1000L * (50 + random.Next(450)) : 0;
            yield return string.Join(',',
                $"DL-{n:0000000}", procedure.Code, unit.Code, channel, Day(received), Day(due), finished is { } f ? Day(f) : string.Empty, status,
                Flag(random.NextDouble() < 0.8), Flag(status == Vocabulary.Resolved && random.NextDouble() < 0.7), Flag(procedure.HasFee),
                Flag(paidOnline), Flag(succeeded), amount.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Most dossiers are resolved, nine in ten on time; recent ones are often still in progress.</summary>
    private static (string Status, DateOnly? Finished) Outcome(Random random, DateOnly received, DateOnly due, DateOnly today)
    {
        var roll = random.NextDouble();
        var span = due.DayNumber - received.DayNumber;
        var finished = random.NextDouble() < 0.9 ? received.AddDays(random.Next(span + 1)) : due.AddDays(1 + random.Next(10));
        if (finished > today || roll < 0.04)
        {
            return (Vocabulary.InProgress, null);
        }

        return roll switch
        {
            < 0.07 => ("tu_choi", finished),
            < 0.09 => ("rut", finished),
            _ => (Vocabulary.Resolved, finished),
        };
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Flag(bool value) => value ? "1" : "0";

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded a demo catalogue of {Levels} procedure levels and queued {Dossiers} demo dossiers")]
    private partial void LogSeeded(int levels, int dossiers);
}
