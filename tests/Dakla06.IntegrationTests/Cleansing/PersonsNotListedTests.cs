using System.Globalization;
using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Cleansing;
using Dakla06.People;
using Dakla06.ServiceDefaults.Security;
using static Dakla06.IntegrationTests.Support.ApiAssert;

namespace Dakla06.IntegrationTests.Cleansing;

/// <summary>
/// Enrolment's "persons still missing": a commune's living registry persons of an age whose ID numbers are not in the
/// list enrolment sends, masked unless pii-reader (unmasked reads audited), each with a stable opaque reference, only
/// for enrolment officers of the commune or above. Persons live in Tân Lợi (24136, tanloi.officer's commune) and one in
/// Tân Lập (24118).
/// </summary>
public sealed class PersonsNotListedTests(CleansingFixture fixture) : IClassFixture<CleansingFixture>, IAsyncLifetime
{
    private const string TanLoi = "24136";
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    private static readonly RegistryPersonSet Persons = new(
        Listed: CleansingFixture.Person(500_001, "Nguyễn Văn Có Hồ Sơ", "1980-01-02", Gender.Male, TanLoi),
        Missing: CleansingFixture.Person(500_002, "Trần Thị Chưa Thu Nhận", "1992-07-08", Gender.Female, TanLoi),
        Thirteen: CleansingFixture.Person(500_003, "Lê Văn Mười Ba", Ages.LatestBirthDate(Today, 13).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Gender.Male, TanLoi),
        Deceased: CleansingFixture.Person(500_004, "Phạm Văn Đã Mất", "1940-03-04", Gender.Male, TanLoi, deceased: true),
        Elsewhere: CleansingFixture.Person(500_005, "Hoàng Văn Tân Lập", "1985-05-06", Gender.Male, "24118"));

    private sealed record RegistryPersonSet(RegistryPerson Listed, RegistryPerson Missing, RegistryPerson Thirteen, RegistryPerson Deceased, RegistryPerson Elsewhere);

    public async ValueTask InitializeAsync()
    {
        if (await fixture.ScalarAsync("SELECT count(*) FROM persons") == 0)
        {
            await fixture.LoadRegistryAsync([Persons.Listed, Persons.Missing, Persons.Thirteen, Persons.Deceased, Persons.Elsewhere]);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static NotListedPersonsRequest Request(int? minimumAge = null, string communeCode = TanLoi) =>
        new(communeCode, null, minimumAge, [Persons.Listed.IdNumber, "066099999999"]);

    /// <summary>An enrolment officer of Tân Lợi who may read personal data (the realm has none: a token of the realm's shape).</summary>
    private async Task<CleansingClient> PiiReaderAsync() =>
        new(fixture.HttpClientWithToken(await fixture.Identity.ForgeAsync(TanLoi, [Roles.CommuneUser, Roles.EnrolmentOfficer, Roles.PiiReader])));

    private static Task<PagedResult<RegistryPersonDto>> ListAsync(CleansingClient client, NotListedPersonsRequest request, int page = 1, int pageSize = 50) =>
        client.ListPersonsNotListedAsync(request, page, pageSize, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Lists_the_communes_living_persons_of_the_age_not_in_the_list()
    {
        var officer = await fixture.ClientForAsync("tanloi.officer");

        var adults = await ListAsync(officer, Request());
        var only = Assert.Single(adults.Items);
        Assert.Equal(1, adults.Total);
        Assert.Equal(PersonalData.MaskIdNumber(Persons.Missing.IdNumber), only.IdNumber);

        var fromTen = await ListAsync(officer, Request(minimumAge: 10));
        Assert.Equal(2, fromTen.Total);
        Assert.Equal(
            new[] { Persons.Missing.IdNumber, Persons.Thirteen.IdNumber }.Select(PersonalData.MaskIdNumber).Order(StringComparer.Ordinal),
            fromTen.Items.Select(p => p.IdNumber).Order(StringComparer.Ordinal));

        // Without the list everyone living of the age counts as missing; paging keeps the order.
        var everyone = await ListAsync(officer, new NotListedPersonsRequest(TanLoi), pageSize: 1);
        Assert.Equal(2, everyone.Total);
        var second = await ListAsync(officer, new NotListedPersonsRequest(TanLoi), page: 2, pageSize: 1);
        Assert.Equal(2, second.Total);
        Assert.NotEqual(Assert.Single(everyone.Items).PersonRef, Assert.Single(second.Items).PersonRef);
        Assert.Equal(2, (await ListAsync(officer, new NotListedPersonsRequest(TanLoi), page: 3, pageSize: 1)).Total);
    }

    [Fact]
    public async Task Personal_data_is_masked_unless_pii_reader_and_unmasked_reads_are_audited()
    {
        var audited = "SELECT count(*) FROM audit_log WHERE action = 'read-registry-persons' AND username = @username";
        var maskedBefore = await fixture.ScalarAsync(audited, ("username", "tanloi.officer"));
        var masked = Assert.Single((await ListAsync(await fixture.ClientForAsync("tanloi.officer"), Request())).Items);
        Assert.True(masked.Masked);
        Assert.Equal(PersonalData.MaskIdNumber(Persons.Missing.IdNumber), masked.IdNumber);
        Assert.Equal(PersonalData.MaskName(Persons.Missing.FullName), masked.FullName);
        Assert.Equal("**/**/1992", masked.DateOfBirth);
        Assert.Equal(PersonalData.MaskIdNumber(Persons.Missing.HouseholdId), masked.HouseholdId);
        Assert.Equal("female", masked.Gender);
        Assert.Equal(maskedBefore, await fixture.ScalarAsync(audited, ("username", "tanloi.officer")));

        var unmaskedBefore = await fixture.ScalarAsync(audited, ("username", "forged.user"));
        var unmasked = Assert.Single((await ListAsync(await PiiReaderAsync(), Request())).Items);
        Assert.False(unmasked.Masked);
        Assert.Equal(Persons.Missing.IdNumber, unmasked.IdNumber);
        Assert.Equal(Persons.Missing.FullName, unmasked.FullName);
        Assert.Equal("08/07/1992", unmasked.DateOfBirth);
        Assert.Equal(Persons.Missing.HouseholdId, unmasked.HouseholdId);
        Assert.Equal(unmaskedBefore + 1, await fixture.ScalarAsync(audited, ("username", "forged.user")));
    }

    [Fact]
    public async Task The_person_reference_is_stable_opaque_and_distinct()
    {
        var masked = await ListAsync(await fixture.ClientForAsync("tanloi.officer"), Request(minimumAge: 10));
        var again = await ListAsync(await PiiReaderAsync(), Request(minimumAge: 10));

        Assert.Equal(masked.Items.Select(p => p.PersonRef), again.Items.Select(p => p.PersonRef));
        Assert.Equal(2, masked.Items.Select(p => p.PersonRef).Distinct().Count());
        Assert.All(again.Items, p =>
        {
            Assert.Matches("^[A-Za-z0-9_-]{43}$", p.PersonRef); // 32 bytes of HMAC-SHA256, base64url without padding
            Assert.DoesNotContain(p.IdNumber[3..], p.PersonRef, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Only_enrolment_officers_of_the_commune_or_above_and_bad_requests_name_the_field()
    {
        var officer = await fixture.ClientForAsync("tanloi.officer");
        await FailsAsync(ApiFailure.NotFound, () => ListAsync(officer, Request(communeCode: "24118")));
        await FailsAsync(ApiFailure.Forbidden, async () => await ListAsync(await fixture.ClientForAsync("province.cleanser"), Request()));

        Assert.Equal(["communeCode"], Fields(await FailsAsync(ApiFailure.Invalid, () => ListAsync(officer, Request(communeCode: "643")))));
        Assert.Equal(["communeCode"], Fields(await FailsAsync(ApiFailure.Invalid, () => ListAsync(officer, new NotListedPersonsRequest(null)))));
        Assert.Equal(["minimumAge"], Fields(await FailsAsync(ApiFailure.Invalid, () => ListAsync(officer, Request(minimumAge: -1)))));
        var tooMany = Enumerable.Range(0, NotListedPersonsRequest.MaxIdNumbers + 1).Select(i => $"066090{i:D6}").ToList();
        Assert.Equal(["idNumbers"], Fields(await FailsAsync(ApiFailure.Invalid, () => ListAsync(officer, new NotListedPersonsRequest(TanLoi, null, null, tooMany)))));

        // The longest list allowed is answered.
        var longest = tooMany.Take(NotListedPersonsRequest.MaxIdNumbers).Append(Persons.Listed.IdNumber).Skip(1).ToList();
        Assert.Equal(1, (await ListAsync(officer, new NotListedPersonsRequest(TanLoi, null, null, longest))).Total);
    }
}
