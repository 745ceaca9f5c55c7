using Dakla06.Cleansing;
using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Cleansing;
using Dakla06.Contracts.Http.Enrolment;
using Dakla06.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Dakla06.IntegrationTests.Support.ApiAssert;
using Masked = Dakla06.ServiceDefaults.Security.PersonalData;

namespace Dakla06.IntegrationTests.Enrolment;

/// <summary>
/// Enrolment with the cleansing service beside it (its own database, the same identity provider and broker virtual host):
/// enrolment calls cleansing with the caller's own token for the registry persons without an application.
/// </summary>
public class MissingListFixture : EnrolmentFixture
{
    private readonly string _cleansingUploads = Path.Combine(Path.GetTempPath(), $"dakla06-cleansing-beside-{Guid.NewGuid():N}");

    public ServiceFactory<CleansingMarker> Cleansing { get; private set; } = null!;

    // Service discovery resolves cleansing-api here; the requests go to the cleansing host in memory.
    protected override Dictionary<string, string> Settings() => new(base.Settings())
    {
        ["services:cleansing-api:http:0"] = "http://localhost",
    };

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.AddHttpClient(nameof(CleansingClient)).ConfigurePrimaryHttpMessageHandler(() => Cleansing.Server.CreateHandler());
    }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Cleansing = new ServiceFactory<CleansingMarker>(Identity, new Dictionary<string, string>
        {
            ["cleansingdb"] = await TestEnvironment.CreateDatabaseAsync("cleansing"),
            ["messaging"] = MessagingConnectionString,
            ["Cleansing:StorageDirectory"] = _cleansingUploads,
            ["Cleansing:SeedPersons"] = "0",
        });
        _ = Cleansing.Server;
    }

    public override async ValueTask DisposeAsync()
    {
        if (Cleansing is not null)
        {
            await Cleansing.DisposeAsync();
        }

        await base.DisposeAsync();
        if (Directory.Exists(_cleansingUploads))
        {
            Directory.Delete(_cleansingUploads, recursive: true);
        }
    }

    /// <summary>Loads registry persons through cleansing's import, as its province cleansing officer.</summary>
    public async Task LoadRegistryAsync(params string[] lines)
    {
        var http = Cleansing.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", await Identity.GetAccessTokenAsync("province.cleanser"));
        using var file = Csv("id_number,full_name,date_of_birth,gender,commune_code,household_id,is_household_head,old_id_number,status", lines);
        var imported = await new CleansingClient(http).ImportRegistryAsync(file, "dan-cu.csv", TestContext.Current.CancellationToken);
        Assert.Equal(lines.Length, imported.Inserted);
    }
}

/// <summary>
/// The missing lists of Tân Lợi (24136): registry persons aged 14+ without an application (R1 applied, R2 and R3 did
/// not; R4 lives in Tân Lập) and level-2 accounts not activated (E1 activated, E2 and E3 not).
/// </summary>
public sealed class MissingListTests(MissingListTests.Data fixture) : IClassFixture<MissingListTests.Data>
{
    private const string TanLoi = "24136";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public sealed class Data : MissingListFixture
    {
        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            await LoadRegistryAsync(
                $"{IdNumber(11)},Nguyễn Văn An,1990-05-01,male,{TanLoi},HH1,true,,alive",
                $"{IdNumber(12)},Trần Văn Hai,1990-06-02,male,{TanLoi},HH1,false,,alive",
                $"{IdNumber(13)},Lê Văn Ba,1990-07-03,male,{TanLoi},HH2,true,,alive",
                $"{IdNumber(14)},Phạm Văn Bốn,1990-08-04,male,24118,HH3,true,,alive");
            await ImportAsync("province.enrolment", EnrolmentImportKinds.Applications, Application("M1", IdNumber(11), TanLoi, "2025-03-10"));
            await ImportAsync("province.enrolment", EnrolmentImportKinds.Eid,
                EidAccount(IdNumber(21), TanLoi, 2, "da_co_cccd", "2025-03-01", "2025-03-05"),
                EidAccount(IdNumber(22), TanLoi, 2, "da_co_cccd", "2025-03-02"),
                EidAccount(IdNumber(11), TanLoi, 2, "kem_cccd", "2025-03-10"));
        }
    }

    [Fact]
    public async Task The_registry_persons_without_an_application_come_from_cleansing_masked_for_the_commune_officer()
    {
        var tanloi = await fixture.ClientForAsync("tanloi.officer");
        var page = await tanloi.ListMissingAsync(new MissingQuery(TanLoi, MissingKinds.NoApplication), 1, 20, Cancel);
        Assert.Equal(2, page.Total);
        Assert.All(page.Items, p =>
        {
            Assert.Equal((MissingKinds.NoApplication, TanLoi, true), (p.Kind, p.CommuneCode, p.Masked));
            Assert.Contains('*', p.IdNumber);
            Assert.False(string.IsNullOrEmpty(p.PersonRef));
        });

        // A reason recorded for one of them travels with the list and filters it.
        var person = page.Items[0].PersonRef;
        await tanloi.SetMissingReasonAsync(person, new SetMissingReasonRequest(TanLoi, MissingReasons.WorkingAway, null), Cancel);
        await tanloi.PlanVisitAsync(person, new PlanVisitRequest(TanLoi, fixture.Today.AddDays(2), null), Cancel);
        var again = await tanloi.ListMissingAsync(new MissingQuery(TanLoi, MissingKinds.NoApplication), 1, 20, Cancel);
        var withReason = Assert.Single(again.Items, p => p.PersonRef == person);
        Assert.Equal((MissingReasons.WorkingAway, fixture.Today.AddDays(2)), (withReason.Reason?.Reason, withReason.NextVisit?.PlannedOn));
        Assert.Equal([person], (await tanloi.ListMissingAsync(new MissingQuery(TanLoi, MissingKinds.NoApplication, MissingReasons.WorkingAway), 1, 20, Cancel))
            .Items.Select(p => p.PersonRef));
        var none = await tanloi.ListMissingAsync(new MissingQuery(TanLoi, MissingKinds.NoApplication, "none"), 1, 20, Cancel);
        Assert.Equal((1L, false), (none.Total, none.Items.Any(p => p.PersonRef == person)));
    }

    [Fact]
    public async Task Cleansing_applies_the_callers_own_rights()
    {
        // tanlap.officer is not an enrolment officer: refused here before any call; bmt.officer neither.
        var tanlap = await fixture.ClientForAsync("tanlap.officer");
        await FailsAsync(ApiFailure.Forbidden, () => tanlap.ListMissingAsync(new MissingQuery("24118", MissingKinds.NoApplication), 1, 20, Cancel));
        var tanloi = await fixture.ClientForAsync("tanloi.officer");
        await FailsAsync(ApiFailure.NotFound, () => tanloi.ListMissingAsync(new MissingQuery("24118", MissingKinds.NoApplication), 1, 20, Cancel));

        // The province's enrolment officer reads another commune through cleansing with their own token (still masked: no pii-reader).
        var province = await fixture.ClientForAsync("province.enrolment");
        var tanLap = Assert.Single((await province.ListMissingAsync(new MissingQuery("24118", MissingKinds.NoApplication), 1, 20, Cancel)).Items);
        Assert.Equal(Masked.MaskIdNumber(IdNumberOf(14)), tanLap.IdNumber);
    }

    [Fact]
    public async Task Level_2_accounts_not_activated_are_listed_with_a_stable_reference_and_masked_unless_pii_reader()
    {
        var tanloi = await fixture.ClientForAsync("tanloi.officer");
        var page = await tanloi.ListMissingAsync(new MissingQuery(TanLoi, MissingKinds.Eid2NotActivated), 1, 20, Cancel);
        Assert.Equal(2, page.Total);
        Assert.All(page.Items, p => Assert.Equal((MissingKinds.Eid2NotActivated, true), (p.Kind, p.Masked)));
        // IdNumber(11) applied: the holder's name comes from the application; IdNumber(22) has none.
        var holder = Assert.Single(page.Items, p => p.FullName is not null);
        Assert.Equal(Masked.MaskName("Nguyễn Văn An"), holder.FullName);

        var leader = await fixture.ClientForAsync("province.leader");
        var unmasked = await leader.ListMissingAsync(new MissingQuery(TanLoi, MissingKinds.Eid2NotActivated), 1, 20, Cancel);
        Assert.Equal([IdNumberOf(22), IdNumberOf(11)], unmasked.Items.Select(p => p.IdNumber));
        Assert.Equal(page.Items.Select(p => p.PersonRef), unmasked.Items.Select(p => p.PersonRef));
        Assert.True(await fixture.ScalarAsync("SELECT count(*) FROM audit_log WHERE action = 'enrolment.missing.read'") >= 1);

        Assert.Equal(["kind"], Fields(await FailsAsync(ApiFailure.Invalid, () => leader.ListMissingAsync(new MissingQuery(TanLoi, "tat_ca"), 1, 20, Cancel))));
        Assert.Equal(["unit"], Fields(await FailsAsync(ApiFailure.Invalid, () => leader.ListMissingAsync(new MissingQuery("643", MissingKinds.Eid2NotActivated), 1, 20, Cancel))));
    }

    private static string IdNumberOf(int serial) => EnrolmentFixture.IdNumber(serial);
}
