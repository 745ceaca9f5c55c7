using Dakla06.Cleansing.Registry;
using Dakla06.People;
using Microsoft.Extensions.DependencyInjection;

namespace Dakla06.IntegrationTests.Cleansing;

/// <summary>A fresh installation seeded at start-up (Cleansing:SeedPersons), as <c>./dakla06 run</c> does with 30,000.</summary>
public sealed class RegistrySeedFixture : CleansingFixture
{
    public const int SeedPersons = 1_200;

    protected override Dictionary<string, string> Settings()
    {
        var settings = base.Settings();
        settings[RegistrySeeder.SeedPersonsKey] = SeedPersons.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return settings;
    }
}

public sealed class RegistrySeedTests(RegistrySeedFixture fixture) : IClassFixture<RegistrySeedFixture>
{
    [Fact]
    public async Task Empty_registry_is_seeded_with_the_seed_2022_persons_once_even_with_two_replicas()
    {
        // The started service is seeded: start-up waits for it.
        Assert.Equal(RegistrySeedFixture.SeedPersons, await fixture.ScalarAsync("SELECT count(*) FROM persons"));
        var expected = DemoRegistry.Generate(RegistrySeeder.Seed, RegistrySeedFixture.SeedPersons).ToList();
        Assert.Equal(1, await fixture.ScalarAsync(
            "SELECT count(*) FROM persons WHERE id_number = @id AND full_name = @name", ("id", expected[^1].IdNumber), ("name", expected[^1].FullName)));

        // Two more replicas start together on the same database: the registry is not empty, neither seeds again.
        await using var second = fixture.CreateHost();
        await using var third = fixture.CreateHost();
        await Task.WhenAll(Task.Run(() => second.Server), Task.Run(() => third.Server));
        Assert.Equal(RegistrySeedFixture.SeedPersons, await fixture.ScalarAsync("SELECT count(*) FROM persons"));
        Assert.Equal(1, await fixture.ScalarAsync("SELECT version FROM registry_state"));

        // The seeded registry was checked once, and the quality pages have content at once.
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM quality_rule_runs"));
        Assert.True(await fixture.ScalarAsync("SELECT count(*) FROM quality_items WHERE category = 'missing_fields'") > 0);
        Assert.True(await fixture.ScalarAsync("SELECT count(*) FROM quality_items WHERE category = 'old_id_missing'") > 0);
        var dressed = expected.First(p => p.Details!.Ethnicity is { Length: > 0 });
        Assert.Equal(1, await fixture.ScalarAsync(
            "SELECT count(*) FROM persons WHERE id_number = @id AND ethnicity = @ethnicity", ("id", dressed.IdNumber), ("ethnicity", dressed.Details!.Ethnicity!)));

        var officer = await fixture.ClientForAsync("tanloi.officer", second);
        var registry = await officer.GetRegistryAsync(TestContext.Current.CancellationToken);
        Assert.Equal(RegistrySeedFixture.SeedPersons, registry.PersonCount);

        // Concurrent first readers of the snapshot share one load.
        var provider = second.Services.GetRequiredService<RegistrySnapshotProvider>();
        var snapshots = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => provider.GetCurrentAsync(TestContext.Current.CancellationToken)));
        Assert.All(snapshots, s => Assert.Same(snapshots[0], s));
        Assert.Equal(RegistrySeedFixture.SeedPersons, snapshots[0].Count);
        Assert.True(snapshots[0].TryGet(expected[0].IdNumber, out var first));
        Assert.Equal(expected[0] with { Details = null }, first);
    }
}
