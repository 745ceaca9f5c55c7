using System.Globalization;
using System.Text;
using Dakla06.Contracts.Http.Enrolment;
using Dakla06.Contracts.Http.Statistics;
using Dakla06.Enrolment;
using Dakla06.IntegrationTests.Support;
using Dakla06.People;

namespace Dakla06.IntegrationTests.Enrolment;

/// <summary>
/// The enrolment API on its own database and broker virtual host, its uploads in a directory of its own, no demo seed,
/// and import chunks of three lines so that every test file spans several chunk transactions.
/// </summary>
public class EnrolmentFixture() : ServiceFixture<EnrolmentMarker, EnrolmentClient>("enrolment", http => new EnrolmentClient(http))
{
    public static readonly string ApplicationHeader = string.Join(',', EnrolmentFileHeaders.Applications);
    public static readonly string CardHeader = string.Join(',', EnrolmentFileHeaders.Cards);
    public static readonly string EidHeader = string.Join(',', EnrolmentFileHeaders.Eid);

    private readonly string _uploads = Path.Combine(Path.GetTempPath(), $"dakla06-enrolment-test-{Guid.NewGuid():N}");

    protected override Dictionary<string, string> Settings() => new(base.Settings())
    {
        ["Enrolment:StorageDirectory"] = _uploads,
        ["Enrolment:ChunkSize"] = "3",
        ["Enrolment:WorkerPollInterval"] = "00:00:00.200",
        ["Enrolment:SeedPersons"] = "0",
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_uploads))
        {
            Directory.Delete(_uploads, recursive: true);
        }
    }

    /// <summary>Uploads lines of <paramref name="kind"/> (the header is added) as <paramref name="username"/> and awaits the end of the job.</summary>
    public async Task<EnrolmentImportDto> ImportAsync(string username, string kind, params string[] lines)
    {
        var client = await ClientForAsync(username);
        using var file = Csv(kind switch
        {
            EnrolmentImportKinds.Applications => ApplicationHeader,
            EnrolmentImportKinds.Cards => CardHeader,
            _ => EidHeader,
        }, lines);
        var cancel = TestContext.Current.CancellationToken;
        var queued = kind switch
        {
            EnrolmentImportKinds.Applications => await client.ImportApplicationsAsync(file, "ho-so.csv", cancel),
            EnrolmentImportKinds.Cards => await client.ImportCardsAsync(file, "the.csv", cancel),
            _ => await client.ImportEidAccountsAsync(file, "dinh-danh.csv", cancel),
        };
        return await AwaitImportAsync(client, queued.Id);
    }

    /// <summary>Waits until the import job completed or failed; returns it.</summary>
    public static Task<EnrolmentImportDto> AwaitImportAsync(EnrolmentClient client, Guid id) =>
        Eventually.ReturnsAsync(
            async () => (await client.GetImportAsync(id, TestContext.Current.CancellationToken))!,
            import => import.Status is ImportStatuses.Completed or ImportStatuses.Failed,
            because: $"import {id} finished");

    /// <summary>The rejected lines of an import as "line field: message".</summary>
    public async Task<List<ImportErrorDto>> ErrorsAsync(string username, Guid importId)
    {
        var client = await ClientForAsync(username);
        return [.. (await client.ListImportErrorsAsync(importId, 1, 200, TestContext.Current.CancellationToken)).Items];
    }

    /// <summary>A UTF-8 CSV with a BOM, as Excel writes it.</summary>
    public static MemoryStream Csv(string header, IEnumerable<string> lines) =>
        new([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(string.Join("\r\n", [header, .. lines]) + "\r\n")]);

    /// <summary>A structurally valid ID number (Đắk Lắk's place code 066) agreeing with the birth year and gender.</summary>
    public static string IdNumber(int serial, int birthYear = 1990, Gender gender = Gender.Male) => IdNumbers.Compose("066", gender, birthYear, serial);

    /// <summary>
    /// An application line: code, a person born 1990-05-01 (male unless said), commune, day received (yyyy-MM-dd), kind,
    /// with a level-2 e-ID or not.
    /// </summary>
    public static string Application(
        string code, string idNumber, string commune, string receivedOn, string kind = "cap_moi", bool withEid2 = false,
        string birthDate = "1990-05-01", string gender = "Nam", string channel = "tai_tru_so") =>
        string.Join(',', code, idNumber, "Nguyễn Văn An", birthDate, gender, commune, receivedOn, channel, kind, withEid2 ? "1" : "0");

    public static string CardEvent(string code, string cardEvent, string day) => string.Join(',', code, cardEvent, day);

    public static string EidAccount(string idNumber, string commune, int level, string channel, string registeredOn, string? activatedOn = null) =>
        string.Join(',', idNumber, commune, level.ToString(CultureInfo.InvariantCulture), channel, registeredOn, activatedOn ?? string.Empty);
}
