using Dakla06.Contracts.Http.Statistics;
using Dakla06.ServiceDefaults;
using Dakla06.Statistics.Jobs;

namespace Dakla06.IntegrationTests.Statistics;

/// <summary>A statistics service started on an empty database with <c>Statistics:SeedDossiers</c> set.</summary>
public sealed class SeededStatisticsFixture : StatisticsFixture
{
    public const int Dossiers = 600;

    protected override Dictionary<string, string> Settings() => new(base.Settings())
    {
        [DemoDataSeeder.SeedDossiersKey] = Dossiers.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

public sealed class DemoDataTests(SeededStatisticsFixture fixture) : IClassFixture<SeededStatisticsFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_fresh_service_seeds_a_catalogue_and_a_year_of_dossiers_that_the_indicators_count_at_every_level()
    {
        var province = await fixture.ClientForAsync("province.officer");
        var import = await StatisticsFixture.AwaitImportAsync(province, DemoDataSeeder.ImportId);
        Assert.Equal((ImportStatuses.Completed, (long)SeededStatisticsFixture.Dossiers, 0L), (import.Status, import.Inserted, import.Rejected));

        var catalogue = await province.ListProceduresAsync(new ProcedureQuery(), 1, 200, Cancel);
        Assert.Equal(Enumerable.Range(1, 25), catalogue.Items.Where(p => p.EssentialService is not null).Select(p => p.EssentialService!.Value).Distinct().Order());

        var today = VietnamTime.Today(TimeProvider.System);
        var year = await province.GetIndicatorsAsync(new IndicatorQuery(null, today.AddDays(-364), today, IndicatorBreakdowns.Child), Cancel);
        var received = year.Indicators.Single(i => i.Code == "received").Numerator;
        Assert.Equal(SeededStatisticsFixture.Dossiers, received);
        Assert.Equal(received, year.Groups.Sum(g => g.Indicators.Single(i => i.Code == "received").Numerator));
        Assert.True(year.Groups.Count(g => g.Indicators.Single(i => i.Code == "received").Numerator > 0) > 10, "dossiers spread over the districts");

        // A second replica starting on the same database seeds nothing more.
        await using var second = fixture.CreateHost();
        _ = second.Server;
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM imports"));
    }
}
