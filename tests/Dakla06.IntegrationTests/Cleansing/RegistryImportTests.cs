using System.Net;
using System.Text;
using Dakla06.Cleansing.Domain;
using Dakla06.Cleansing.Registry;
using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Cleansing;
using Dakla06.People;
using Microsoft.Extensions.DependencyInjection;
using static Dakla06.IntegrationTests.Support.ApiAssert;

namespace Dakla06.IntegrationTests.Cleansing;

/// <summary>
/// The registry import over HTTP: counts inserted/updated/unchanged/rejected, rejected lines with line number and
/// reason, upsert by ID number, the version bump the snapshot follows, and who may import. The tests of this class
/// share one database; only the first imports persons, the others check that they change nothing.
/// </summary>
public sealed class RegistryImportTests(CleansingFixture fixture) : IClassFixture<CleansingFixture>
{
    private static readonly List<RegistryPerson> Generated = new RegistryGenerator(77).Generate(2_000).ToList();

    private static string Csv(IEnumerable<RegistryPerson> persons, params string[] extraLines)
    {
        var writer = new StringWriter();
        RegistryCsv.Write(writer, persons);
        foreach (var line in extraLines)
        {
            writer.Write(line + "\n");
        }

        return writer.ToString();
    }

    private static Task<RegistryImportResponse> ImportAsync(CleansingClient client, string csv) => ImportAsync(client, Encoding.UTF8.GetBytes(csv));

    private static Task<RegistryImportResponse> ImportAsync(CleansingClient client, byte[] file) =>
        client.ImportRegistryAsync(new MemoryStream(file), "registry.csv", TestContext.Current.CancellationToken);

    private static async Task<RegistryDto> RegistryAsync(CleansingClient client) => await client.GetRegistryAsync(TestContext.Current.CancellationToken);

    [Fact]
    public async Task Import_loads_valid_lines_lists_rejected_ones_then_upserts_by_id_number()
    {
        var officer = await fixture.ClientForAsync("province.cleanser");
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM persons"));

        var csv = Csv(
            Generated.Take(1_500),
            "06609012345,Nguyễn Văn A,1990-01-02,male,24118,H1,true,,alive",                 // line 1502: 11 digits
            $"{Generated[0].IdNumber},Nguyễn Văn Lặp,1990-01-02,male,24118,H1,true,,alive", // line 1503: repeated in the file
            "066090123456,Nguyễn Văn B,1990-01-02,male,99999,H1,true,,alive",                // line 1504: unknown commune
            "066090123457,Nguyễn Văn C,02/01/1990,male,24118,H1,true,,alive",                // line 1505: date format
            "066090123458,Nguyễn Văn D,1990-01-02,nam,24118,H1,true,,alive",                 // line 1506: gender
            "066090123459,Nguyễn Văn E,1990-01-02,male,24118,H1,true,,sống");                // line 1507: status

        var result = await ImportAsync(officer, csv);

        Assert.Equal(1_500, result.Inserted);
        Assert.Equal(0, result.Updated);
        Assert.Equal(0, result.Unchanged);
        Assert.Equal(6, result.Rejected);
        var rejected = result.RejectedLines.ToDictionary(r => r.Line, r => r.Reason);
        Assert.Equal([1502, 1503, 1504, 1505, 1506, 1507], rejected.Keys.Order());
        Assert.Contains("12 chữ số", rejected[1502], StringComparison.Ordinal);
        Assert.Contains("trùng", rejected[1503], StringComparison.Ordinal);
        Assert.Contains("99999", rejected[1504], StringComparison.Ordinal);
        Assert.Contains("yyyy-MM-dd", rejected[1505], StringComparison.Ordinal);
        Assert.Contains("male hoặc female", rejected[1506], StringComparison.Ordinal);
        Assert.Contains("alive hoặc deceased", rejected[1507], StringComparison.Ordinal);
        Assert.Equal(1, result.Version);
        Assert.Equal(1_500, result.PersonCount);

        // What is stored is what the file said, with the folded name and the commune's unit path beside it.
        var hen = Generated.Take(1_500).First(p => p.FullName.StartsWith("H' ", StringComparison.Ordinal));
        Assert.Equal(1_500, await fixture.ScalarAsync("SELECT count(*) FROM persons"));
        Assert.Equal(1, await fixture.ScalarAsync(
            "SELECT count(*) FROM persons WHERE id_number = @id AND full_name = @name AND folded_name = @folded AND unit_path = @path::ltree",
            ("id", hen.IdNumber), ("name", hen.FullName), ("folded", Names.Fold(hen.FullName)),
            ("path", Dakla06.Contracts.AdminUnits.AdminUnitDirectory.Default.Get(hen.CommuneCode).Path)));
        Assert.Equal(Generated.Take(1_500).Count(p => p.Deceased), await fixture.ScalarAsync("SELECT count(*) FROM persons WHERE status = 'deceased'"));

        var after = await RegistryAsync(officer);
        Assert.Equal(1_500, after.PersonCount);
        Assert.Equal(1, after.Version);

        await Second_import_upserts_by_id_number_and_counts_inserted_updated_and_unchanged(officer, version: 1);
    }

    private async Task Second_import_upserts_by_id_number_and_counts_inserted_updated_and_unchanged(CleansingClient officer, long version)
    {

        // 100 persons changed (moved commune, died), 400 the same as before, 500 new.
        var changed = Generated.Take(100).Select(p => p with { CommuneCode = p.CommuneCode == "24118" ? "24121" : "24118", Deceased = true }).ToList();
        var same = Generated.Skip(100).Take(400);
        var added = Generated.Skip(1_500).Take(500);
        var result = await ImportAsync(officer, Csv(changed.Concat(same).Concat(added)));

        Assert.Equal(500, result.Inserted);
        Assert.Equal(100, result.Updated);
        Assert.Equal(400, result.Unchanged);
        Assert.Equal(0, result.Rejected);
        Assert.Equal(version + 1, result.Version);
        Assert.Equal(2_000, result.PersonCount);
        Assert.Equal(2_000, await fixture.ScalarAsync("SELECT count(*) FROM persons"));
        Assert.Equal(1, await fixture.ScalarAsync(
            "SELECT count(*) FROM persons WHERE id_number = @id AND commune_code = @commune AND status = 'deceased' AND unit_path = @path::ltree",
            ("id", changed[0].IdNumber), ("commune", changed[0].CommuneCode),
            ("path", Dakla06.Contracts.AdminUnits.AdminUnitDirectory.Default.Get(changed[0].CommuneCode).Path)));

        // The snapshot the engine validates with follows the new version.
        var snapshot = await fixture.Api.Services.GetRequiredService<RegistrySnapshotProvider>().GetCurrentAsync(TestContext.Current.CancellationToken);
        Assert.Equal(version + 1, snapshot.Version);
        Assert.Equal(2_000, snapshot.Count);
        Assert.True(snapshot.TryGet(changed[0].IdNumber, out var moved));
        Assert.Equal(changed[0], moved);
        Assert.True(snapshot.TryGet(Generated[1_999].IdNumber, out var last));
        Assert.Equal(Generated[1_999], last);

        // The same file again changes nothing: nothing inserted or updated, the version (and the snapshot) stay.
        var again = await ImportAsync(officer, Csv(changed.Concat(same).Concat(added)));
        Assert.Equal(0, again.Inserted);
        Assert.Equal(0, again.Updated);
        Assert.Equal(1_000, again.Unchanged);
        Assert.Equal(version + 1, again.Version);
        Assert.Same(snapshot, await fixture.Api.Services.GetRequiredService<RegistrySnapshotProvider>().GetCurrentAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Only_province_cleansing_officers_may_import()
    {
        var csv = Csv(new RegistryGenerator(78).Generate(3));
        var count = await fixture.ScalarAsync("SELECT count(*) FROM persons");
        foreach (var username in new[] { "bmt.officer", "tanloi.officer", "province.officer", "province.leader" })
        {
            var client = await fixture.ClientForAsync(username);
            await FailsAsync(ApiFailure.Forbidden, () => ImportAsync(client, csv));
        }

        // Reading the registry's size needs no role.
        var reader = await fixture.ClientForAsync("tanlap.officer");
        Assert.Equal(count, (await RegistryAsync(reader)).PersonCount);
        Assert.Equal(count, await fixture.ScalarAsync("SELECT count(*) FROM persons"));
    }

    [Fact]
    public async Task A_file_that_is_not_the_import_format_is_400_naming_the_file()
    {
        var officer = await fixture.ClientForAsync("province.cleanser");
        var version = (await RegistryAsync(officer)).Version;

        foreach (var (csv, message) in new[]
                 {
                     ("", "Tệp trống"),
                     ("ho_ten,ngay_sinh,gioi_tinh,so_dinh_danh\nNguyễn Văn A,01/01/1990,Nam,066090123456\n", "Thiếu cột"),
                 })
        {
            var invalid = await FailsAsync(ApiFailure.Invalid, () => ImportAsync(officer, csv));
            Assert.Equal(["file"], Fields(invalid));
            Assert.Contains(message, invalid.ErrorFor("file"), StringComparison.Ordinal);
        }

        // No multipart body at all (not something the client sends).
        var raw = await fixture.HttpClientForAsync("province.cleanser");
        using var plain = await raw.PostAsync(CleansingRoutes.Path(CleansingRoutes.RegistryImport), new StringContent("id_number"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
        Assert.Contains("\"file\"", await plain.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        // A file in Windows-1258 or Latin-1 instead of UTF-8: its lines are rejected, not imported garbled.
        var latin1 = Encoding.Latin1.GetBytes(RegistryCsv.HeaderLine + "\n066090123456,Nguyễn Văn Á,1990-01-02,male,24118,H1,true,,alive\n");
        var result = await ImportAsync(officer, latin1);
        Assert.Equal(1, result.Rejected);
        Assert.Contains("UTF-8", result.RejectedLines[0].Reason, StringComparison.Ordinal);
        Assert.Equal(version, result.Version);
    }
}
