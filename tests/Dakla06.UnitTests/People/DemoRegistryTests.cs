using Dakla06.People;

namespace Dakla06.UnitTests.People;

/// <summary>The demo registry: the generator's persons, dressed with the optional fields and a realistic share of each error.</summary>
public class DemoRegistryTests
{
    private static readonly Lazy<(List<RegistryPerson> Plain, List<RegistryPerson> Dressed)> Registry = new(() =>
        (new RegistryGenerator(2022).Generate(60_000).ToList(), DemoRegistry.Generate(2022, 60_000).ToList()));

    [Fact]
    public void Persons_keep_the_generators_identity_so_other_services_see_the_same_people()
    {
        var (plain, dressed) = Registry.Value;
        Assert.Equal(plain.Select(p => (p.IdNumber, p.FullName, p.DateOfBirth, p.Gender, p.CommuneCode, p.HouseholdId, p.Deceased)),
            dressed.Select(p => (p.IdNumber, p.FullName, p.DateOfBirth, p.Gender, p.CommuneCode, p.HouseholdId, p.Deceased)));
        // Old ID numbers are only ever added, never changed, and stay unique.
        Assert.All(plain.Zip(dressed).Where(p => p.First.OldIdNumber is not null), p => Assert.Equal(p.First.OldIdNumber, p.Second.OldIdNumber));
        var oldIds = dressed.Where(p => p.OldIdNumber is not null).Select(p => p.OldIdNumber).ToList();
        Assert.Equal(oldIds.Count, oldIds.Distinct().Count());
        Assert.Equal(dressed, DemoRegistry.Generate(2022, 60_000));
    }

    [Fact]
    public void Each_error_the_rules_look_for_is_planted_at_a_realistic_share()
    {
        var dressed = Registry.Value.Dressed;
        var households = dressed.GroupBy(p => p.HouseholdId).Select(h => h.Count(p => p.IsHouseholdHead)).ToList();
        var noHead = households.Count(h => h == 0) / (double)households.Count;
        var manyHeads = households.Count(h => h > 1) / (double)households.Count;
        var missing = dressed.Count(p => Enumerable.Range(0, RegistryDetails.Columns.Count).Any(i => string.IsNullOrEmpty(p.Details![i]))) / (double)dressed.Count;
        var eligible = dressed.Where(p => p.DateOfBirth <= DemoRegistry.OldIdBornBy).ToList();
        var oldIdMissing = eligible.Count(p => p.OldIdNumber is null) / (double)eligible.Count;

        Assert.InRange(noHead, 0.003, 0.012);
        Assert.InRange(manyHeads, 0.002, 0.008);
        Assert.InRange(missing, 0.02, 0.045);
        Assert.InRange(oldIdMissing, 0.05, 0.09);
        Assert.Equal("Chủ hộ", dressed.First(p => p.IsHouseholdHead).Details!.RelationToHead);
    }
}
