using Dakla06.Cleansing.Domain;
using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Cleansing;
using Dakla06.Cleansing.Registry;
using Dakla06.People;
using Dakla06.ServiceDefaults.Security;
using static Dakla06.IntegrationTests.Support.ApiAssert;

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

    private static (string, string) Pair(DuplicatePairDto p) => (p.First.IdNumber, p.Second.IdNumber);

    private static async Task<IReadOnlyList<DuplicatePairDto>> AllAsync(CleansingClient client, string? status = null) =>
        (await client.ListDuplicatesAsync(new DuplicateQuery(status), 1, 200, TestContext.Current.CancellationToken)).Items;

    [Fact]
    public async Task Scan_finds_the_planted_duplicates_with_scores_and_the_review_is_kept_across_scans()
    {
        var cancel = TestContext.Current.CancellationToken;
        var officer = await fixture.ClientForAsync("province.cleanser");
        var scan = await officer.ScanDuplicatesAsync(cancel);
        Assert.Equal(3_010, scan.Persons);

        var pairs = (await AllAsync(officer)).ToDictionary(Pair);
        Assert.Equal(scan.Pairs, pairs.Count);
        var exact = pairs[Pair(DuplicateTestsFixture.Hung, DuplicateTestsFixture.HungPlain)];
        Assert.Equal(95, exact.Score);
        Assert.Contains("Trùng họ tên", exact.Reason, StringComparison.Ordinal);
        Assert.Equal("pending", exact.Status);
        Assert.Equal(90, pairs[Pair(DuplicateTestsFixture.Lan, DuplicateTestsFixture.LanSwapped)].Score);
        Assert.Equal(85, pairs[Pair(DuplicateTestsFixture.Thanh, DuplicateTestsFixture.ThanhTypo)].Score);
        Assert.False(pairs.ContainsKey(Pair(DuplicateTestsFixture.Hoa, DuplicateTestsFixture.Mai)));
        Assert.False(pairs.ContainsKey(Pair(DuplicateTestsFixture.Nam, DuplicateTestsFixture.NamElsewhere)));
        // Highest score first, and the unmasked person details come from the registry.
        Assert.Equal(pairs.Values.Select(p => p.Score).OrderDescending(), pairs.Values.Select(p => p.Score));
        Assert.Equal("03/02/1980", exact.First.DateOfBirth);

        var reviewed = await officer.ReviewDuplicateAsync(exact.Id, new ReviewDuplicateRequest(DuplicateDecisions.SamePerson), cancel);
        Assert.Equal("same-person", reviewed.Status);
        Assert.Equal("province.cleanser", reviewed.ReviewedBy);

        // A second scan finds the same pairs, adds none and does not reopen the reviewed one.
        var again = await officer.ScanDuplicatesAsync(cancel);
        Assert.Equal(0, again.NewPairs);
        Assert.Equal(pairs.Count, again.Pairs);
        var same = await AllAsync(officer, "same-person");
        Assert.Equal([exact.Id], same.Select(p => p.Id));
        Assert.DoesNotContain(await AllAsync(officer, "pending"), p => p.Id == exact.Id);
    }

    [Fact]
    public async Task The_list_is_masked_without_pii_reader_audited_with_it_and_scoped_by_commune()
    {
        var cancel = TestContext.Current.CancellationToken;
        var province = await fixture.ClientForAsync("province.cleanser");
        await province.ScanDuplicatesAsync(cancel);

        // Without pii-reader: masked, and no audit row.
        var before = await fixture.ScalarAsync("SELECT count(*) FROM audit_log WHERE action = 'read-duplicates'");
        var masked = await AllAsync(await fixture.ClientForAsync("province.officer"));
        Assert.NotEmpty(masked);
        var hung = masked.Single(p => p.First.IdNumber == PersonalData.MaskIdNumber(Pair(DuplicateTestsFixture.Hung, DuplicateTestsFixture.HungPlain).Item1));
        Assert.True(hung.Masked);
        Assert.Equal("**/**/1980", hung.First.DateOfBirth);
        Assert.DoesNotContain("Hùng", hung.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(DuplicateTestsFixture.Hung.IdNumber, hung.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, await fixture.ScalarAsync("SELECT count(*) FROM audit_log WHERE action = 'read-duplicates'"));

        // With pii-reader: unmasked, and the read is written down.
        var plain = await AllAsync(province);
        Assert.Contains(plain, p => p.First.IdNumber == Pair(DuplicateTestsFixture.Hung, DuplicateTestsFixture.HungPlain).Item1);
        Assert.Equal(before + 1, await fixture.ScalarAsync("SELECT count(*) FROM audit_log WHERE action = 'read-duplicates' AND username = 'province.cleanser'"));

        // Buôn Ma Thuột sees its communes' pairs only; An Lạc's pair belongs to Buôn Hồ.
        var bmt = await fixture.ClientForAsync("bmt.officer");
        var city = await AllAsync(bmt);
        Assert.All(city, p => Assert.StartsWith("241", p.First.CommuneCode, StringComparison.Ordinal));
        Assert.DoesNotContain(city, p => p.First.CommuneCode == "24305");
        var anLac = plain.Single(p => Pair(p) == Pair(DuplicateTestsFixture.Thanh, DuplicateTestsFixture.ThanhTypo)).Id;
        await FailsAsync(ApiFailure.NotFound, () => bmt.ReviewDuplicateAsync(anLac, new ReviewDuplicateRequest(DuplicateDecisions.DifferentPeople), cancel));

        // Only the province scans; decisions and statuses are checked.
        await FailsAsync(ApiFailure.Forbidden, () => bmt.ScanDuplicatesAsync(cancel));
        var leader = await fixture.ClientForAsync("province.leader");
        await FailsAsync(ApiFailure.Forbidden, () => leader.ScanDuplicatesAsync(cancel));
        var badDecision = await FailsAsync(ApiFailure.Invalid, () => province.ReviewDuplicateAsync(anLac, new ReviewDuplicateRequest("maybe"), cancel));
        Assert.Equal(["decision"], Fields(badDecision));
        await FailsAsync(ApiFailure.Invalid, () => province.ListDuplicatesAsync(new DuplicateQuery("maybe"), 1, 20, cancel));
    }
}
