using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Cleansing;
using Dakla06.Contracts.Http.Enrolment;
using Dakla06.Contracts.Http.Statistics;
using Dakla06.IntegrationTests.Support;
using static Dakla06.IntegrationTests.Enrolment.EnrolmentFixture;

namespace Dakla06.IntegrationTests.Enrolment;

/// <summary>The coverage denominators arrive from cleansing over the bus (RegistryPopulationCounted), counts only.</summary>
public sealed class PopulationTests(EnrolmentFixture fixture) : IClassFixture<EnrolmentFixture>
{
    private static RegistryPopulationCounted Counted(DateTimeOffset at, int tanLoi, int tanLap) => new(
        Guid.NewGuid(), at, "66", DateOnly.FromDateTime(at.UtcDateTime), 7, 14,
        [.. AdminUnitDirectory.Default.All.Where(u => u.Level == AdminLevel.Commune)
            .Select(u => new CommunePopulation(u.Code, u.Code switch { "24136" => tanLoi, "24118" => tanLap, _ => 0 }))]);

    private async Task<FunnelResponse> FunnelAsync() =>
        await (await fixture.ClientForAsync("bmt.officer")).GetFunnelAsync(new FunnelQuery("643", new DateOnly(2025, 6, 30), FunnelBreakdowns.Child), TestContext.Current.CancellationToken);

    private static IndicatorDto Figure(IReadOnlyList<IndicatorDto> indicators, string code) => indicators.Single(i => i.Code == code);

    [Fact]
    public async Task Coverage_is_persons_with_an_application_over_the_registrys_persons_aged_14_and_over()
    {
        await fixture.ImportAsync("province.enrolment", EnrolmentImportKinds.Applications,
            Application("P1", IdNumber(701), "24136", "2025-02-01"), Application("P2", IdNumber(702), "24136", "2025-02-02"));
        var now = DateTimeOffset.UtcNow;
        await fixture.PublishAsync(Counted(now, tanLoi: 8, tanLap: 2));
        var funnel = await Eventually.ReturnsAsync(FunnelAsync, f => Figure(f.Indicators, FunnelCodes.Population14Plus).Numerator == 10, because: "population counted");

        Assert.Equal(20.00m, Figure(funnel.Indicators, FunnelCodes.CoverageShare).Value); // 2 of 10 in Buôn Ma Thuột
        Assert.Equal(25.00m, Figure(funnel.Groups.Single(g => g.Key == "24136").Indicators, FunnelCodes.CoverageShare).Value);
        Assert.Null(Figure(funnel.Groups.Single(g => g.Key == "24121").Indicators, FunnelCodes.CoverageShare).Value); // nobody to reach
        Assert.NotNull(funnel.PopulationAsOf);

        // An announcement published before the stored one, arriving late, changes nothing; a newer one replaces it.
        await fixture.PublishAsync(Counted(now.AddMinutes(-5), tanLoi: 100, tanLap: 100));
        await fixture.AwaitConsumedAsync<RegistryPopulationCounted>(e => e.OccurredAt == now.AddMinutes(-5));
        Assert.Equal(10, Figure((await FunnelAsync()).Indicators, FunnelCodes.Population14Plus).Numerator);
        await fixture.PublishAsync(Counted(now.AddMinutes(5), tanLoi: 4, tanLap: 0));
        funnel = await Eventually.ReturnsAsync(FunnelAsync, f => Figure(f.Indicators, FunnelCodes.Population14Plus).Numerator == 4, because: "newer count applied");
        Assert.Equal(50.00m, Figure(funnel.Indicators, FunnelCodes.CoverageShare).Value);
    }
}
