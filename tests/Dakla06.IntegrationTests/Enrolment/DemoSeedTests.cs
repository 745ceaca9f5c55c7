using Dakla06.Contracts.Http.Enrolment;
using Dakla06.Contracts.Http.Statistics;
using Dakla06.Enrolment.Jobs;
using Dakla06.IntegrationTests.Support;

namespace Dakla06.IntegrationTests.Enrolment;

/// <summary>A fresh installation seeded at start-up (Enrolment:SeedPersons), as <c>./dakla06 run</c> does with cleansing's count.</summary>
public sealed class DemoSeedFixture : EnrolmentFixture
{
    public const int SeedPersons = 1_500;

    protected override Dictionary<string, string> Settings() => new(base.Settings())
    {
        [DemoDataSeeder.SeedPersonsKey] = SeedPersons.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Enrolment:ChunkSize"] = "500",
    };
}

public sealed class DemoSeedTests(DemoSeedFixture fixture) : IClassFixture<DemoSeedFixture>
{
    [Fact]
    public async Task The_seed_imports_the_registrys_persons_with_cards_accounts_stuck_and_missing_people()
    {
        var cancel = TestContext.Current.CancellationToken;
        var client = await fixture.ClientForAsync("province.enrolment");
        var imports = await Eventually.ReturnsAsync(
            async () => (await client.ListImportsAsync(new EnrolmentImportQuery(), 1, 10, cancel)).Items,
            items => items.Count == 3 && items.All(i => i.Status == ImportStatuses.Completed),
            timeout: TimeSpan.FromMinutes(2), because: "the three demo imports completed");
        Assert.All(imports, i => Assert.Equal(0, i.Rejected)); // the generated persons pass every rule

        var funnel = (await client.GetFunnelAsync(new FunnelQuery("66", null), cancel)).Indicators.ToDictionary(i => i.Code, i => i.Numerator);
        Assert.InRange(funnel[FunnelCodes.PersonsWithApplication], 1, DemoSeedFixture.SeedPersons - 1); // some are missing
        Assert.True(funnel[FunnelCodes.CardsHandedOver] > 0 && funnel[FunnelCodes.AwaitingCard] > 0 && funnel[FunnelCodes.EidLevel2Activated] > 0,
            string.Join(", ", funnel.Select(f => $"{f.Key}={f.Value}")));
        Assert.Equal(funnel[FunnelCodes.Applications], imports.Single(i => i.Kind == EnrolmentImportKinds.Applications).Inserted);
    }
}
