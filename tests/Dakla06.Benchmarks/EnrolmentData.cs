using System.Globalization;
using System.Text;
using Dakla06.Contracts.Http.Enrolment;
using Dakla06.People;

namespace Dakla06.Benchmarks;

/// <summary>
/// The enrolment benchmark's input, over the province's 184 communes: applications of the persons of the shared
/// registry generator (<see cref="RegistryGenerator"/>: ID numbers composed from place code, gender and birth year, so
/// they pass the shared structure rules and agree with the birth date and gender), their card events and e-ID accounts.
/// Valid by construction, so every line is stored: only living persons aged 14 or over on the reference date apply (about
/// one in eight of them never does: the "missing"); about one applicant in sixteen applies a second time (exchange or
/// re-issue, a later day); ~90% of the applications have their card received 7–40 days later and ~88% of those handed over
/// 1–30 days after that, up to the export day; e-ID accounts for about a quarter of the applicants (level 2 with the
/// card when the application registered it, else level 2 for a card holder or level 1), ~75% activated.
/// Cached by <see cref="DataCache"/>.
/// </summary>
internal sealed class EnrolmentData
{
    /// <summary>Applications are received from this day for 18 months (the registry's ages are computed at it).</summary>
    private static readonly DateOnly FirstDay = RegistryGenerator.ReferenceDate;

    private static readonly DateOnly LastReceived = new(2025, 6, 30);

    /// <summary>The day the files are exported: no event after it.</summary>
    public static readonly DateOnly Exported = new(2025, 8, 31);

    /// <summary>The day the funnel is asked for: mid-month, so the answer uses month and day counts.</summary>
    public static readonly DateOnly AsOf = new(2025, 6, 15);

    private EnrolmentData(string directory, int applications, int accounts)
    {
        Directory = directory;
        Applications = applications;
        Accounts = accounts;
    }

    public string Directory { get; }

    public int Applications { get; }

    public int Accounts { get; }

    public string ApplicationsCsv => Path.Combine(Directory, "applications.csv");

    public string CardsCsv => Path.Combine(Directory, "cards.csv");

    public string EidCsv => Path.Combine(Directory, "eid.csv");

    public static EnrolmentData Prepare(string repo, int applications, int accounts, int seed)
    {
        var directory = DataCache.DirectoryOf(repo, $"enrolment-{accounts}", seed, applications,
            "tests/Dakla06.Benchmarks/EnrolmentData.cs", "services/Dakla06.People/RegistryGenerator.cs");
        var data = new EnrolmentData(directory, applications, accounts);
        DataCache.GenerateOnce(directory, $"{applications:N0} applications, their card events and {accounts:N0} e-ID accounts", partial =>
        {
            using var applicationFile = Writer(Path.Combine(partial, "applications.csv"), EnrolmentFileHeaders.Applications);
            using var cardFile = Writer(Path.Combine(partial, "cards.csv"), EnrolmentFileHeaders.Cards);
            using var eidFile = Writer(Path.Combine(partial, "eid.csv"), EnrolmentFileHeaders.Eid);
            var random = new Random(seed);
            var written = 0;
            var accountsWritten = 0;
            var line = new StringBuilder(200);
            // The registry is generated as long as needed: a prefix of the same seed's registry is always the same.
            foreach (var person in new RegistryGenerator(seed).Generate(int.MaxValue))
            {
                if (written == applications)
                {
                    break;
                }

                if (person.Deceased || !Ages.IsAtLeast(person.DateOfBirth, FirstDay, 14) || random.NextDouble() < 0.12)
                {
                    continue;
                }

                var received = FirstDay.AddDays(random.Next(LastReceived.DayNumber - FirstDay.DayNumber + 1));
                var withEid2 = random.NextDouble() < 0.6;
                var first = random.NextDouble() switch { < 0.7 => "cap_moi", < 0.95 => "doi", _ => "cap_lai" };
                WriteApplication(++written, received, first, withEid2);
                var again = received.AddDays(30 + random.Next(200));
                if (written < applications && again <= LastReceived && random.NextDouble() < 0.0625)
                {
                    WriteApplication(++written, again, random.NextDouble() < 0.8 ? "doi" : "cap_lai", withEid2: false);
                }

                if (accountsWritten < accounts && random.NextDouble() < 0.25)
                {
                    accountsWritten++;
                    var (level, channel, registered) = withEid2
                        ? (2, "kem_cccd", received)
                        : (random.NextDouble() < 0.7 ? 2 : 1, "da_co_cccd", FirstDay.AddDays(random.Next(LastReceived.DayNumber - FirstDay.DayNumber + 1)));
                    var activated = registered.AddDays(1 + random.Next(60));
                    line.Clear().Append(person.IdNumber).Append(',').Append(person.CommuneCode).Append(',')
                        .Append(level.ToString(CultureInfo.InvariantCulture)).Append(',').Append(channel).Append(',').Append(Day(registered)).Append(',')
                        .Append(activated <= Exported && random.NextDouble() < 0.75 ? Day(activated) : string.Empty);
                    eidFile.WriteLine(line);
                }

                void WriteApplication(int n, DateOnly day, string kind, bool withEid2)
                {
                    var code = FormattableString.Invariant($"HS{n:D9}");
                    line.Clear().Append(code).Append(',').Append(person.IdNumber).Append(',').Append(person.FullName).Append(',')
                        .Append(Day(person.DateOfBirth)).Append(',').Append(person.Gender.ToVietnamese()).Append(',').Append(person.CommuneCode).Append(',')
                        .Append(Day(day)).Append(',')
                        .Append(random.NextDouble() switch { < 0.75 => "tai_tru_so", < 0.95 => "luu_dong", _ => "tai_nha" }).Append(',')
                        .Append(kind).Append(',').Append(withEid2 ? '1' : '0');
                    applicationFile.WriteLine(line);

                    var cardReceived = day.AddDays(7 + random.Next(34));
                    if (cardReceived > Exported || random.NextDouble() >= 0.9)
                    {
                        return;
                    }

                    cardFile.WriteLine(FormattableString.Invariant($"{code},nhan_tu_c06,{Day(cardReceived)}"));
                    var handed = cardReceived.AddDays(1 + random.Next(30));
                    if (handed <= Exported && random.NextDouble() < 0.88)
                    {
                        cardFile.WriteLine(FormattableString.Invariant($"{code},tra_cong_dan,{Day(handed)}"));
                    }
                }
            }

            if (written < applications || accountsWritten < accounts)
            {
                throw new InvalidOperationException($"Generated only {written:N0} applications and {accountsWritten:N0} accounts.");
            }
        });
        return data;
    }

    private static StreamWriter Writer(string path, IReadOnlyList<string> header)
    {
        var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.WriteLine(string.Join(',', header));
        return writer;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
