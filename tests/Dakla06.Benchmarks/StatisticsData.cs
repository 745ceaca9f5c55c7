using System.Globalization;
using System.Text;
using Dakla06.Contracts.AdminUnits;
using Dakla06.Statistics.Domain;

namespace Dakla06.Benchmarks;

/// <summary>
/// The statistics benchmark's input: a procedure catalogue and a year of dossiers received over the whole province
/// (its 184 communes, 15 districts and the province itself, each with procedures of its own level), every line valid
/// by construction: due and end dates not before receipt, online dossiers only while their procedure has an online
/// level, online payment only with a fee obligation. Cached by <see cref="DataCache"/> (keyed by seed, size and a hash
/// of this file).
/// </summary>
internal sealed class StatisticsData
{
    /// <summary>The year the dossiers were received in; the indicators are asked for it.</summary>
    public const int Year = 2025;

    /// <summary>The day the file is exported: dossiers due to finish after it are still in progress.</summary>
    private static readonly DateOnly Exported = new(Year + 1, 1, 10);

    /// <summary>Procedures per level of government, about a province's catalogue (~1,900 procedures).</summary>
    private static readonly (string Level, AdminLevel Units, int Procedures, double DossierShare)[] Tiers =
    [
        ("xa", AdminLevel.Commune, 150, 0.65),
        ("huyen", AdminLevel.District, 250, 0.25),
        ("tinh", AdminLevel.Province, 1_450, 0.10),
    ];

    private StatisticsData(string directory, int dossiers)
    {
        Directory = directory;
        Dossiers = dossiers;
    }

    public string Directory { get; }

    public int Dossiers { get; }

    public string CatalogueCsv => Path.Combine(Directory, "procedures.csv");

    public string DossiersCsv => Path.Combine(Directory, "dossiers.csv");

    public static DateOnly From => new(Year, 1, 1);

    public static DateOnly To => new(Year, 12, 31);

    public static StatisticsData Prepare(string repo, int dossiers, int seed)
    {
        var data = new StatisticsData(DataCache.DirectoryOf(repo, "statistics", seed, dossiers, "tests/Dakla06.Benchmarks/StatisticsData.cs"), dossiers);
        DataCache.GenerateOnce(data.Directory, $"a catalogue and {dossiers:N0} dossiers", partial =>
        {
            var random = new Random(seed);
            var catalogue = Catalogue(random);
            using (var writer = new StreamWriter(Path.Combine(partial, "procedures.csv"), false, new UTF8Encoding(false)))
            {
                writer.WriteLine(string.Join(',', ProcedureFile.Columns));
                foreach (var procedure in catalogue)
                {
                    foreach (var (from, level) in procedure.Levels)
                    {
                        writer.WriteLine(string.Join(',', procedure.Code, $"Thủ tục {procedure.Code}", procedure.Tier, procedure.Sector, level, Day(from),
                            procedure.Essential?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, procedure.HasFee ? "1" : "0"));
                    }
                }
            }

            using var dossierWriter = new StreamWriter(Path.Combine(partial, "dossiers.csv"), false, new UTF8Encoding(false), 1 << 16);
            dossierWriter.WriteLine(string.Join(',', DossierFile.Columns));
            WriteDossiers(dossierWriter, random, catalogue, dossiers);
        });
        return data;
    }

    private sealed record Procedure(string Code, string Tier, string Sector, bool HasFee, int? Essential, List<(DateOnly From, string Level)> Levels)
    {
        /// <summary>Whether a dossier received on <paramref name="day"/> could be submitted online.</summary>
        public bool OnlineOn(DateOnly day) => Vocabulary.IsOnlineLevel(Levels.Last(l => l.From <= day).Level);
    }

    /// <summary>
    /// Levels as a province's catalogue has them: most fully or partly online since 2023, some not online; every fifth
    /// procedure moves up on 1 July of the year (not online → partly, partly → fully), so the level history matters.
    /// The first 25 procedures of the commune and district tiers carry the essential services' numbers.
    /// </summary>
    private static List<Procedure> Catalogue(Random random)
    {
        string[] sectors = ["Hộ tịch", "Chứng thực", "Đất đai", "Xây dựng", "Lao động", "Giáo dục", "Y tế", "Tư pháp"];
        var essential = 0;
        var procedures = new List<Procedure>();
        foreach (var (tier, _, count, _) in Tiers)
        {
            for (var i = 1; i <= count; i++)
            {
                var level = random.NextDouble() switch { < 0.45 => "toan_trinh", < 0.85 => "mot_phan", _ => "khong" };
                var levels = new List<(DateOnly, string)> { (new DateOnly(2023, 1, 1), level) };
                if (i % 5 == 0 && level != "toan_trinh")
                {
                    levels.Add((new DateOnly(Year, 7, 1), level == "khong" ? "mot_phan" : "toan_trinh"));
                }

                int? number = tier != "tinh" && essential < 25 && i % 4 == 1 ? ++essential : null;
                procedures.Add(new Procedure(FormattableString.Invariant($"{tier}.{i:0000}.DL"), tier, sectors[random.Next(sectors.Length)],
                    random.NextDouble() < 0.4, number, levels));
            }
        }

        return procedures;
    }

    private static void WriteDossiers(StreamWriter writer, Random random, List<Procedure> catalogue, int count)
    {
        var tiers = Tiers.Select(t => (
            t.DossierShare,
            Procedures: catalogue.Where(p => p.Tier == t.Level).ToArray(),
            Units: AdminUnitDirectory.Default.All.Where(u => u.Level == t.Units).ToArray())).ToArray();
        var line = new StringBuilder(160);
        for (var n = 1; n <= count; n++)
        {
            var roll = random.NextDouble();
            var tier = roll < tiers[0].DossierShare ? tiers[0] : roll < tiers[0].DossierShare + tiers[1].DossierShare ? tiers[1] : tiers[2];
            // A few procedures get most dossiers (birth registration, certification), as in a real one-stop system.
            var procedure = tier.Procedures[(int)(tier.Procedures.Length * Math.Pow(random.NextDouble(), 3))];
            var unit = tier.Units[random.Next(tier.Units.Length)];
            var received = From.AddDays(random.Next(365));
            var due = received.AddDays(1 + random.Next(15));
            var channel = procedure.OnlineOn(received) && random.NextDouble() < 0.55 ? Vocabulary.Online : random.NextDouble() < 0.9 ? "truc_tiep" : "buu_chinh";
            var finished = random.NextDouble() < 0.92 ? received.AddDays(random.Next(due.DayNumber - received.DayNumber + 1)) : due.AddDays(1 + random.Next(20));
            var status = finished > Exported || random.NextDouble() < 0.02
                ? Vocabulary.InProgress
                : random.NextDouble() switch { < 0.03 => "tu_choi", < 0.05 => "rut", _ => Vocabulary.Resolved };
            var paidOnline = procedure.HasFee && channel == Vocabulary.Online && random.NextDouble() < 0.7;
            line.Clear()
                .Append(CultureInfo.InvariantCulture, $"000.00.{unit.Code}.H{n:0000000}").Append(',')
                .Append(procedure.Code).Append(',')
                .Append(unit.Code).Append(',')
                .Append(channel).Append(',')
                .Append(Day(received)).Append(',')
                .Append(Day(due)).Append(',')
                .Append(status == Vocabulary.InProgress ? string.Empty : Day(finished)).Append(',')
                .Append(status).Append(',')
                .Append(Flag(random.NextDouble() < 0.8)).Append(',')
                .Append(Flag(status == Vocabulary.Resolved && random.NextDouble() < 0.7)).Append(',')
                .Append(Flag(procedure.HasFee)).Append(',')
                .Append(Flag(paidOnline)).Append(',')
                .Append(Flag(paidOnline && random.NextDouble() < 0.96)).Append(',')
                .Append(procedure.HasFee ? 1000L * (20 + random.Next(480)) : 0);
            writer.WriteLine(line);
        }
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static char Flag(bool value) => value ? '1' : '0';
}
