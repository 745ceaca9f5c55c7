using System.Globalization;
using System.Text;
using Dakla06.Cleansing.Jobs;
using Dakla06.Cleansing.Registry;
using Dakla06.Contracts.Cleansing;
using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Cleansing;
using Dakla06.IntegrationTests.Support;
using Dakla06.People;
using static Dakla06.IntegrationTests.Support.ApiAssert;

namespace Dakla06.IntegrationTests.Cleansing;

/// <summary>The cleansing API with a fake clock and a fast population publisher; records the population events.</summary>
public sealed class PopulationFixture : CleansingFixture
{
    protected override bool UsesFakeClock => true;

    protected override Dictionary<string, string> Settings()
    {
        var settings = base.Settings();
        settings[PopulationPublisher.PollIntervalKey] = "00:00:00.200";
        return settings;
    }

    protected override void ObserveEvents(EventRecorder recorder) => recorder.Record<RegistryPopulationCounted>();
}

/// <summary>
/// The registry's living persons aged 14+ per commune (enrolment's denominators): read through the API with the
/// caller's scope, and published as <see cref="RegistryPopulationCounted"/> when the registry changes and when the
/// date does. Persons are loaded into Tân Lợi (24136), Tân Lập (24118) and, for the daily count only, Tân Hòa (24121),
/// all in Buôn Ma Thuột (643).
/// </summary>
public sealed class PopulationTests(PopulationFixture fixture) : IClassFixture<PopulationFixture>
{
    private const string TanLoi = "24136";
    private const string TanLap = "24118";
    private const string TanHoa = "24121";
    private static int _serial = 300_000;

    private static RegistryPerson Born(DateOnly dateOfBirth, string commune, bool deceased = false) =>
        CleansingFixture.Person(Interlocked.Increment(ref _serial), "Nguyễn Văn Mười Bốn", dateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Gender.Male, commune, deceased);

    private static int CountOf(PopulationDto population, string commune) => population.Communes.Single(c => c.CommuneCode == commune).Persons;

    private static int CountOf(RegistryPopulationCounted counted, string commune) => counted.Communes.Single(c => c.CommuneCode == commune).Persons;

    private async Task<PopulationDto> PopulationAsync(string username, string? unit, DateOnly? asOf = null) =>
        await (await fixture.ClientForAsync(username)).GetPopulationAsync(new PopulationQuery(unit, asOf), TestContext.Current.CancellationToken)
        ?? throw new InvalidOperationException($"{username} does not see the population of {unit}");

    [Fact]
    public async Task Counts_living_persons_aged_14_or_over_on_the_date_per_commune()
    {
        var today = fixture.Today;
        var before = await PopulationAsync("province.cleanser", "643", today);
        var fourteenToday = Ages.LatestBirthDate(today, 14);
        await fixture.LoadRegistryAsync(
        [
            Born(fourteenToday, TanLoi),                  // turns 14 today: counts
            Born(fourteenToday.AddDays(1), TanLoi),       // turns 14 tomorrow: not yet
            Born(new DateOnly(1980, 6, 1), TanLoi),       // counts
            Born(new DateOnly(1950, 6, 1), TanLoi, deceased: true), // deceased: never
            Born(new DateOnly(1990, 6, 1), TanLap),       // counts, in the other commune
        ]);

        var population = await PopulationAsync("province.cleanser", "643", today);
        Assert.Equal(CountOf(before, TanLoi) + 2, CountOf(population, TanLoi));
        Assert.Equal(CountOf(before, TanLap) + 1, CountOf(population, TanLap));
        Assert.Equal(14, population.MinimumAge);
        Assert.Equal(today, population.AsOf);
        Assert.Equal(population.Communes.Sum(c => (long)c.Persons), population.Total);
        // Every commune of Buôn Ma Thuột is listed, those without persons with zero.
        Assert.True(population.Communes.Count > 2);
        Assert.All(population.Communes, c => Assert.StartsWith("66.643.", Dakla06.Contracts.AdminUnits.AdminUnitDirectory.Default.Find(c.CommuneCode)!.Path, StringComparison.Ordinal));

        // Tomorrow the one turning 14 then counts too.
        var tomorrow = await PopulationAsync("province.cleanser", "643", today.AddDays(1));
        Assert.Equal(CountOf(population, TanLoi) + 1, CountOf(tomorrow, TanLoi));
    }

    [Fact]
    public async Task A_commune_officer_reads_the_own_commune_only_and_bad_queries_name_the_field()
    {
        var own = await PopulationAsync("tanloi.officer", null);
        Assert.Equal(TanLoi, own.UnitCode);
        Assert.Equal(TanLoi, Assert.Single(own.Communes).CommuneCode);

        var officer = await fixture.ClientForAsync("tanloi.officer");
        Assert.Null(await officer.GetPopulationAsync(new PopulationQuery(TanLap), TestContext.Current.CancellationToken));
        Assert.Null(await officer.GetPopulationAsync(new PopulationQuery("643"), TestContext.Current.CancellationToken));
        Assert.Equal(["unit"], Fields(await FailsAsync(ApiFailure.Invalid,
            () => officer.GetPopulationAsync(new PopulationQuery("99999"), TestContext.Current.CancellationToken))));
        Assert.Equal(["asOf"], Fields(await FailsAsync(ApiFailure.Invalid,
            () => officer.GetPopulationAsync(new PopulationQuery(null, new DateOnly(1, 1, 1)), TestContext.Current.CancellationToken))));
    }

    [Fact]
    public async Task Counts_are_published_when_an_import_changes_the_registry()
    {
        var person = Born(new DateOnly(1985, 2, 3), TanLap);
        var csv = new StringWriter();
        RegistryCsv.Write(csv, [person]);
        var cleanser = await fixture.ClientForAsync("province.cleanser");
        var imported = await cleanser.ImportRegistryAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), "registry.csv", TestContext.Current.CancellationToken);
        Assert.Equal(1, imported.Inserted);

        var counted = (await fixture.AwaitEventsAsync<RegistryPopulationCounted>(e => e.RegistryVersion == imported.Version)).Single();
        var population = await PopulationAsync("province.cleanser", "66", counted.CountedOn);
        Assert.Equal(population.Communes.Count, counted.Communes.Count);
        Assert.Equal(CountOf(population, TanLap), CountOf(counted, TanLap));
        Assert.Equal("66", counted.UnitCode);
        Assert.Equal(14, counted.MinimumAge);

        // Importing the same person again changes nothing, so nothing new is due for that version.
        await cleanser.ImportRegistryAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), "registry.csv", TestContext.Current.CancellationToken);
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM population_publication WHERE registry_version = @v", ("v", imported.Version)));
        Assert.Single(fixture.Seen<RegistryPopulationCounted>(e => e.RegistryVersion == imported.Version));
    }

    [Fact]
    public async Task Counts_are_published_again_each_day_as_ages_change()
    {
        var tomorrow = fixture.Today.AddDays(1);
        await fixture.LoadRegistryAsync([Born(Ages.LatestBirthDate(tomorrow, 14), TanHoa), Born(new DateOnly(1970, 1, 1), TanHoa)]);
        var version = (await (await fixture.ClientForAsync("province.cleanser")).GetRegistryAsync(TestContext.Current.CancellationToken)).Version;
        var today = (await fixture.AwaitEventsAsync<RegistryPopulationCounted>(e => e.RegistryVersion == version)).Single();

        fixture.Clock.Advance(TimeSpan.FromDays(1));

        var next = (await fixture.AwaitEventsAsync<RegistryPopulationCounted>(e => e.CountedOn == tomorrow)).Single();
        Assert.Equal(version, next.RegistryVersion);
        Assert.Equal(1, CountOf(today, TanHoa));
        Assert.Equal(2, CountOf(next, TanHoa));
    }
}
