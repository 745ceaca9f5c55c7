using System.Globalization;
using System.Text;
using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Http.Enrolment;
using Dakla06.Contracts.Http.Statistics;
using Dakla06.Enrolment.Api;
using Dakla06.Enrolment.Domain;
using Dakla06.People;
using Dakla06.ServiceDefaults;
using Dakla06.ServiceDefaults.Imports;
using Dakla06.ServiceDefaults.Security;

namespace Dakla06.Enrolment.Jobs;

/// <summary>
/// First start of a fresh installation (<c>./dakla06 run</c>): when <c>Enrolment:SeedPersons</c> &gt; 0, generates the
/// same persons as cleansing's start-up registry (same count, same generator seed) and imports, through the ordinary
/// jobs, applications for most of those aged 14+, cards for most applications, level-2 accounts for a share (most of them
/// activated) — leaving some applications stuck without a card and some persons without any application, so every page
/// has content at once. The three files are queued one after the other (cards need their applications stored) under
/// fixed ids, so replicas starting together queue each once. Days are counted back from today.
/// </summary>
public sealed partial class DemoDataSeeder(
    ImportJobStore jobs, ImportSignal signal, TimeProvider time, IConfiguration configuration, ILogger<DemoDataSeeder> logger) : BackgroundService
{
    public const string SeedPersonsKey = "Enrolment:SeedPersons";

    /// <summary>Cleansing's start-up registry seed (RegistrySeeder.Seed): the persons must be the registry's.</summary>
    public const int GeneratorSeed = 2022;

    private const string SeedUser = "demo-seed";

    private static readonly Guid[] ImportIds =
    [
        new("5eed0012-0000-7000-8000-000000000001"), new("5eed0012-0000-7000-8000-000000000002"), new("5eed0012-0000-7000-8000-000000000003"),
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var count = configuration.GetValue<int?>(SeedPersonsKey) ?? 0;
        if (count <= 0)
        {
            return;
        }

        var files = Generate(new RegistryGenerator(GeneratorSeed).Generate(count), VietnamTime.Today(time));
        var province = new UnitScope(AdminUnitDirectory.Default.Root);
        string[] kinds = [EnrolmentImportKinds.Applications, EnrolmentImportKinds.Cards, EnrolmentImportKinds.Eid];
        for (var i = 0; i < kinds.Length; i++)
        {
            var path = Path.Combine(ImportsApi.StorageDirectory(configuration), $"demo-{kinds[i]}-{ImportIds[i]:N}.csv");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (await jobs.FindAsync(province, ImportIds[i], stoppingToken) is null)
            {
                await File.WriteAllTextAsync(path, files[i], new UTF8Encoding(false), stoppingToken);
                if (await jobs.CreateAsync(new NewImportJob(ImportIds[i], kinds[i], $"demo-{kinds[i]}.csv", path, new FileInfo(path).Length, province, SeedUser), stoppingToken, once: true))
                {
                    LogQueued(kinds[i]);
                    signal.Notify();
                }
            }

            // The next file refers to this one's rows: wait until its job has finished.
            while (await jobs.FindAsync(province, ImportIds[i], stoppingToken) is { } job && job.Status is ImportStatuses.Queued or ImportStatuses.Running)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
            }
        }
    }

    /// <summary>The three files (applications, card events, e-ID accounts) of the persons aged 14+ on the days they apply.</summary>
    public static string[] Generate(IEnumerable<RegistryPerson> persons, DateOnly today)
    {
        var random = new Random(GeneratorSeed);
        var applications = new StringBuilder(string.Join(',', EnrolmentFileHeaders.Applications)).Append('\n');
        var cards = new StringBuilder(string.Join(',', EnrolmentFileHeaders.Cards)).Append('\n');
        var accounts = new StringBuilder(string.Join(',', EnrolmentFileHeaders.Eid)).Append('\n');
        var serial = 0;
        foreach (var person in persons)
        {
            var draw = random.NextDouble();
            var received = today.AddDays(-random.Next(3, 400));
            if (person.Deceased || EnrolmentRules.AgeOn(person.DateOfBirth, received) < EnrolmentRules.MinimumAge || draw >= 0.85)
            {
                continue; // not to reach, or missing: no application
            }

            var withEid2 = random.NextDouble() < 0.35;
            var code = $"DL-{received:yyMMdd}-{++serial:D7}";
            applications.Append(Line(code, person, received, withEid2 ? "1" : "0", random));
            if (random.NextDouble() < 0.03 && received.AddDays(30) < today)
            {
                applications.Append(Line($"DL-{received.AddDays(30):yyMMdd}-{++serial:D7}", person, received.AddDays(30), "0", random, "doi"));
            }

            // Most cards arrive within 7–25 days and are handed over within 2–15 more; the rest are stuck.
            var cardOn = received.AddDays(random.Next(7, 26));
            if (random.NextDouble() < 0.9 && cardOn <= today)
            {
                cards.Append(Csv(code, EnrolmentCodes.CardReceived, Day(cardOn)));
                var handedOn = cardOn.AddDays(random.Next(2, 16));
                if (random.NextDouble() < 0.9 && handedOn <= today)
                {
                    cards.Append(Csv(code, EnrolmentCodes.CardHandedOver, Day(handedOn)));
                }
            }

            var hasCardAccount = !withEid2 && random.NextDouble() < 0.15;
            if (withEid2 || hasCardAccount)
            {
                var registered = withEid2 ? received : received.AddDays(random.Next(0, 3));
                var activated = registered.AddDays(random.Next(0, 11));
                accounts.Append(Csv(person.IdNumber, person.CommuneCode, "2", withEid2 ? EnrolmentCodes.EidWithCard : EnrolmentCodes.EidHasCard,
                    Day(registered), random.NextDouble() < 0.8 && activated <= today ? Day(activated) : string.Empty));
            }
            else if (random.NextDouble() < 0.2)
            {
                accounts.Append(Csv(person.IdNumber, person.CommuneCode, "1", EnrolmentCodes.EidHasCard, Day(received), Day(received)));
            }
        }

        return [applications.ToString(), cards.ToString(), accounts.ToString()];
    }

    private static string Line(string code, RegistryPerson person, DateOnly received, string withEid2, Random random, string kind = EnrolmentCodes.NewCard) =>
        Csv(code, person.IdNumber, person.FullName, Day(person.DateOfBirth), person.Gender == Gender.Female ? "Nữ" : "Nam", person.CommuneCode, Day(received),
            EnrolmentCodes.Channels[random.Next(EnrolmentCodes.Channels.Count)], kind, withEid2);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A CSV line; a value with a comma or a quote (a generated name never has one, but be safe) is quoted.</summary>
    private static string Csv(params string[] values) =>
        string.Join(',', values.Select(v => v.Contains(',') || v.Contains('"') ? $"\"{v.Replace("\"", "\"\"")}\"" : v)) + "\n";

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo enrolment {Kind} queued for import")]
    private partial void LogQueued(string kind);
}
