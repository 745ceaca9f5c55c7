using System.Text.Json;
using Dakla06.Cleansing.Domain;
using Dakla06.Cleansing.Registry;
using Dakla06.IntegrationTests.Support;

namespace Dakla06.IntegrationTests.Cleansing;

/// <summary>A generated registry with planted duplicates and look-alikes that are not duplicates.</summary>
public sealed class DuplicateTestsFixture : CleansingFixture
{
    public static readonly RegistryPerson Hung = Person(999_031, "Nguyễn Văn Hùng", "1980-02-03", Gender.Male, "24136");
    public static readonly RegistryPerson HungPlain = Person(999_032, "Nguyen Van Hung", "1980-02-03", Gender.Male, "24136");
    public static readonly RegistryPerson Lan = Person(999_033, "Trần Thị Lan", "1975-06-07", Gender.Female, "24118");
    public static readonly RegistryPerson LanSwapped = Person(999_034, "Lan Trần Thị", "1975-06-07", Gender.Female, "24118");
    public static readonly RegistryPerson Thanh = Person(999_035, "Lê Văn Thành", "1966-01-01", Gender.Male, "24305");
    public static readonly RegistryPerson ThanhTypo = Person(999_036, "Lê Văn Thàn", "1966-01-01", Gender.Male, "24305");

    // Same day and commune but another person; same name and day but another commune: neither is a duplicate.
    public static readonly RegistryPerson Hoa = Person(999_037, "Phạm Văn Hòa", "1988-08-08", Gender.Male, "24136");
    public static readonly RegistryPerson Mai = Person(999_038, "Đỗ Thị Mai", "1988-08-08", Gender.Female, "24136");
    public static readonly RegistryPerson Nam = Person(999_039, "Hoàng Văn Nam", "1990-01-01", Gender.Male, "24136");
    public static readonly RegistryPerson NamElsewhere = Person(999_040, "Hoàng Văn Nam", "1990-01-01", Gender.Male, "24118");

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await LoadRegistryAsync([.. new RegistryGenerator(88).Generate(3_000), Hung, HungPlain, Lan, LanSwapped, Thanh, ThanhTypo, Hoa, Mai, Nam, NamElsewhere]);
    }
}

public sealed class DuplicateTests(DuplicateTestsFixture fixture) : IClassFixture<DuplicateTestsFixture>
{
    private static (string, string) Pair(RegistryPerson a, RegistryPerson b) =>
        string.CompareOrdinal(a.IdNumber, b.IdNumber) < 0 ? (a.IdNumber, b.IdNumber) : (b.IdNumber, a.IdNumber);

    private static (string, string) Pair(JsonElement p) =>
        (p.GetProperty("first").GetProperty("idNumber").GetString()!, p.GetProperty("second").GetProperty("idNumber").GetString()!);

    private static async Task<List<JsonElement>> AllAsync(HttpClient client, string query = "")
    {
        var page = await CleansingFixture.GetAsync(client, $"/api/cleansing/duplicates?pageSize=200{query}");
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    [Fact]
    public async Task Scan_finds_the_planted_duplicates_with_scores_and_the_review_is_kept_across_scans()
    {
        var officer = await fixture.ClientForAsync("province.cleanser");
        var scan = await CleansingFixture.PostAsync(officer, "/api/cleansing/duplicates/scan", null);
        Assert.Equal(3_010, scan.GetProperty("persons").GetInt64());

        var pairs = (await AllAsync(officer)).ToDictionary(Pair);
        Assert.Equal(scan.GetProperty("pairs").GetInt32(), pairs.Count);
        var exact = pairs[Pair(DuplicateTestsFixture.Hung, DuplicateTestsFixture.HungPlain)];
        Assert.Equal(95, exact.GetProperty("score").GetInt32());
        Assert.Contains("Trùng họ tên", exact.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("pending", exact.GetProperty("status").GetString());
        Assert.Equal(90, pairs[Pair(DuplicateTestsFixture.Lan, DuplicateTestsFixture.LanSwapped)].GetProperty("score").GetInt32());
        Assert.Equal(85, pairs[Pair(DuplicateTestsFixture.Thanh, DuplicateTestsFixture.ThanhTypo)].GetProperty("score").GetInt32());
        Assert.False(pairs.ContainsKey(Pair(DuplicateTestsFixture.Hoa, DuplicateTestsFixture.Mai)));
        Assert.False(pairs.ContainsKey(Pair(DuplicateTestsFixture.Nam, DuplicateTestsFixture.NamElsewhere)));
        // Highest score first, and the unmasked person details come from the registry.
        Assert.Equal(pairs.Values.Select(p => p.GetProperty("score").GetInt32()).OrderDescending(), pairs.Values.Select(p => p.GetProperty("score").GetInt32()));
        Assert.Equal("03/02/1980", exact.GetProperty("first").GetProperty("dateOfBirth").GetString());

        var reviewed = await CleansingFixture.PostAsync(officer, $"/api/cleansing/duplicates/{exact.GetProperty("id").GetGuid()}/review", new { decision = "same-person" });
        Assert.Equal("same-person", reviewed.GetProperty("status").GetString());
        Assert.Equal("province.cleanser", reviewed.GetProperty("reviewedBy").GetString());

        // A second scan finds the same pairs, adds none and does not reopen the reviewed one.
        var again = await CleansingFixture.PostAsync(officer, "/api/cleansing/duplicates/scan", null);
        Assert.Equal(0, again.GetProperty("newPairs").GetInt32());
        Assert.Equal(pairs.Count, again.GetProperty("pairs").GetInt32());
        var same = await AllAsync(officer, "&status=same-person");
        Assert.Equal([exact.GetProperty("id").GetGuid()], same.Select(p => p.GetProperty("id").GetGuid()));
        Assert.DoesNotContain(await AllAsync(officer, "&status=pending"), p => p.GetProperty("id").GetGuid() == exact.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task The_list_is_masked_without_pii_reader_audited_with_it_and_scoped_by_commune()
    {
        var province = await fixture.ClientForAsync("province.cleanser");
        await CleansingFixture.PostAsync(province, "/api/cleansing/duplicates/scan", null);

        // Without pii-reader: masked, and no audit row.
        var before = await fixture.ScalarAsync("SELECT count(*) FROM audit_log WHERE action = 'read-duplicates'");
        var masked = await AllAsync(await fixture.ClientForAsync("province.officer"));
        Assert.NotEmpty(masked);
        var hung = masked.Single(p => p.GetProperty("first").GetProperty("idNumber").GetString() == Dakla06.Cleansing.Domain.PersonalData.MaskIdNumber(Pair(DuplicateTestsFixture.Hung, DuplicateTestsFixture.HungPlain).Item1));
        Assert.True(hung.GetProperty("masked").GetBoolean());
        Assert.Equal("**/**/1980", hung.GetProperty("first").GetProperty("dateOfBirth").GetString());
        // Decoded values: hung.ToString() is the raw JSON text, where "Hùng" stands as "H\u00F9ng" even when it leaks.
        Assert.DoesNotContain(JsonStrings.Of(hung), s => s.Contains("Hùng", StringComparison.Ordinal) || s.Contains(DuplicateTestsFixture.Hung.IdNumber, StringComparison.Ordinal));
        Assert.Equal(before, await fixture.ScalarAsync("SELECT count(*) FROM audit_log WHERE action = 'read-duplicates'"));

        // With pii-reader: unmasked, and the read is written down.
        var plain = await AllAsync(province);
        Assert.Contains(plain, p => p.GetProperty("first").GetProperty("idNumber").GetString() == Pair(DuplicateTestsFixture.Hung, DuplicateTestsFixture.HungPlain).Item1);
        Assert.Equal(before + 1, await fixture.ScalarAsync("SELECT count(*) FROM audit_log WHERE action = 'read-duplicates' AND username = 'province.cleanser'"));

        // Buôn Ma Thuột sees its communes' pairs only; An Lạc's pair belongs to Buôn Hồ.
        var bmt = await fixture.ClientForAsync("bmt.officer");
        var city = await AllAsync(bmt);
        Assert.All(city, p => Assert.StartsWith("241", p.GetProperty("first").GetProperty("communeCode").GetString(), StringComparison.Ordinal));
        Assert.DoesNotContain(city, p => p.GetProperty("first").GetProperty("communeCode").GetString() == "24305");
        var anLac = plain.Single(p => Pair(p) == Pair(DuplicateTestsFixture.Thanh, DuplicateTestsFixture.ThanhTypo)).GetProperty("id").GetGuid();
        await CleansingFixture.PostAsync(bmt, $"/api/cleansing/duplicates/{anLac}/review", new { decision = "different-people" }, 404);

        // Only the province scans; decisions and statuses are checked.
        await CleansingFixture.PostAsync(bmt, "/api/cleansing/duplicates/scan", null, 403);
        await CleansingFixture.PostAsync(await fixture.ClientForAsync("province.leader"), "/api/cleansing/duplicates/scan", null, 403);
        var badDecision = await CleansingFixture.PostAsync(province, $"/api/cleansing/duplicates/{anLac}/review", new { decision = "maybe" }, 400);
        Assert.True(badDecision.GetProperty("errors").TryGetProperty("decision", out _));
        await CleansingFixture.GetAsync(province, "/api/cleansing/duplicates?status=maybe", 400);
    }
}
