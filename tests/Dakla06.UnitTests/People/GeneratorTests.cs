using Dakla06.Contracts.AdminUnits;
using Dakla06.People;

namespace Dakla06.UnitTests.People;

/// <summary>The registry generator: the same registry for the same seed, and a registry that looks like Đắk Lắk's.</summary>
public class GeneratorTests
{
    // One shared registry of 100,000 persons (a few hundred milliseconds) for the structural checks.
    private static readonly Lazy<List<RegistryPerson>> Registry = new(() => new RegistryGenerator(2022).Generate(100_000).ToList());

    [Fact]
    public void Same_seed_gives_the_same_registry_and_another_seed_a_different_one()
    {
        var first = new RegistryGenerator(7).Generate(5_000).ToList();
        var second = new RegistryGenerator(7).Generate(5_000).ToList();
        var other = new RegistryGenerator(8).Generate(5_000).ToList();

        Assert.Equal(first, second);
        Assert.NotEqual(first.Select(p => p.IdNumber), other.Select(p => p.IdNumber));
    }

    [Fact]
    public void A_smaller_registry_is_a_prefix_of_a_larger_one_of_the_same_seed()
    {
        var small = new RegistryGenerator(2022).Generate(1_000).ToList();
        Assert.Equal(1_000, small.Count);
        Assert.Equal(small, Registry.Value.Take(1_000));
    }

    [Fact]
    public void Id_numbers_are_unique_well_formed_and_agree_with_birth_year_and_gender()
    {
        var persons = Registry.Value;
        Assert.Equal(persons.Count, persons.Select(p => p.IdNumber).Distinct(StringComparer.Ordinal).Count());
        foreach (var person in persons)
        {
            var check = IdNumbers.Check(person.IdNumber, RegistryGenerator.ReferenceDate.Year);
            Assert.True(check.IsWellFormed, $"{person.IdNumber}: {check.Reason}");
            Assert.Equal(person.DateOfBirth.Year, check.BirthYear);
            Assert.Equal(person.Gender, check.Gender);
            Assert.True(person.DateOfBirth < RegistryGenerator.ReferenceDate);
        }

        // Mostly registered in Đắk Lắk (066), some born elsewhere.
        var local = persons.Count(p => p.IdNumber.StartsWith("066", StringComparison.Ordinal)) / (double)persons.Count;
        Assert.InRange(local, 0.75, 0.95);
        Assert.True(persons.Select(p => p.IdNumber[..3]).Distinct().Count() >= 15);
    }

    [Fact]
    public void Surname_distribution_is_roughly_national_and_ethnic_minority_names_are_present()
    {
        var persons = Registry.Value;
        var ethnic = persons.Where(p => p.FullName.StartsWith("Y ", StringComparison.Ordinal) || p.FullName.StartsWith("H' ", StringComparison.Ordinal)).ToList();
        var kinh = persons.Except(ethnic).ToList();

        // About a third of the province belongs to an ethnic minority; men are "Y …", women "H' …".
        Assert.InRange(ethnic.Count / (double)persons.Count, 0.25, 0.42);
        Assert.All(ethnic, p => Assert.Equal(p.Gender == Gender.Male ? "Y " : "H' ", p.FullName[..(p.Gender == Gender.Male ? 2 : 3)]));
        Assert.Contains(ethnic, p => p.FullName.EndsWith(" Niê", StringComparison.Ordinal));
        Assert.Contains(ethnic, p => p.FullName.EndsWith(" Ênuôl", StringComparison.Ordinal));
        Assert.Contains(ethnic, p => p.FullName.EndsWith(" Buôn Yă", StringComparison.Ordinal));
        Assert.Contains(ethnic, p => p.FullName.EndsWith(" Ksơr", StringComparison.Ordinal));

        double Share(string surname) => kinh.Count(p => p.FullName.StartsWith(surname + " ", StringComparison.Ordinal)) / (double)kinh.Count;
        Assert.InRange(Share("Nguyễn"), 0.33, 0.43);
        Assert.InRange(Share("Trần"), 0.08, 0.14);
        Assert.InRange(Share("Lê"), 0.07, 0.12);
        Assert.True(Share("Phạm") > Share("Bùi"));
        Assert.True(Share("Lý") > 0);

        // Kinh women mostly carry "Thị", men often "Văn".
        Assert.InRange(kinh.Count(p => p.Gender == Gender.Female && p.FullName.Contains(" Thị ", StringComparison.Ordinal)) / (double)kinh.Count(p => p.Gender == Gender.Female), 0.4, 0.9);
        Assert.All(persons, p => Assert.Equal(p.FullName, Names.Normalize(p.FullName)));
    }

    [Fact]
    public void Every_commune_is_used_and_the_city_wards_are_densest()
    {
        var persons = Registry.Value;
        var communes = AdminUnitDirectory.Default.All.Where(u => u.Level == AdminLevel.Commune).ToList();
        var perCommune = persons.GroupBy(p => p.CommuneCode).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(184, communes.Count);
        Assert.All(communes, c => Assert.True(perCommune.GetValueOrDefault(c.Code) > 0, $"{c.Code} {c.Name} has nobody"));
        Assert.All(perCommune.Keys, code => Assert.Contains(communes, c => c.Code == code));

        var bmtWards = communes.Where(c => c.ParentCode == "643" && c.Name.StartsWith("Phường", StringComparison.Ordinal)).ToList();
        var ruralElsewhere = communes.Where(c => c.ParentCode != "643" && c.Name.StartsWith("Xã", StringComparison.Ordinal)).ToList();
        Assert.True(bmtWards.Average(c => perCommune[c.Code]) > 1.8 * ruralElsewhere.Average(c => perCommune[c.Code]));
    }

    [Fact]
    public void Every_household_has_one_head_and_lives_in_one_commune()
    {
        var households = Registry.Value.GroupBy(p => p.HouseholdId).ToList();
        // The last household may be cut off by the requested size; every complete one has its head.
        foreach (var household in households.SkipLast(1))
        {
            Assert.Equal(1, household.Count(p => p.IsHouseholdHead));
            Assert.Single(household.Select(p => p.CommuneCode).Distinct());
            Assert.InRange(household.Count(), 1, 7);
        }

        Assert.InRange(Registry.Value.Count / (double)households.Count, 3.0, 4.2);
    }

    [Fact]
    public void About_one_percent_are_deceased_and_some_older_people_carry_a_9_digit_old_id()
    {
        var persons = Registry.Value;
        Assert.InRange(persons.Count(p => p.Deceased) / (double)persons.Count, 0.005, 0.02);

        var withOldId = persons.Where(p => p.OldIdNumber is not null).ToList();
        Assert.InRange(withOldId.Count / (double)persons.Count, 0.05, 0.2);
        Assert.All(withOldId, p =>
        {
            Assert.Matches("^[0-9]{9}$", p.OldIdNumber!);
            Assert.True(p.DateOfBirth.Year <= RegistryGenerator.ReferenceDate.Year - 20);
        });
        Assert.Equal(withOldId.Count, withOldId.Select(p => p.OldIdNumber).Distinct().Count());
    }
}
