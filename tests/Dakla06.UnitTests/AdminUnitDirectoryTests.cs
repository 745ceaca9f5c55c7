using Dakla06.Contracts.AdminUnits;

namespace Dakla06.UnitTests;

public class AdminUnitDirectoryTests
{
    private static readonly AdminUnitDirectory Units = AdminUnitDirectory.Default;

    [Fact]
    public void Shipped_list_has_one_province_fifteen_districts_and_184_communes()
    {
        Assert.Equal(1, Units.All.Count(u => u.Level == AdminLevel.Province));
        Assert.Equal(15, Units.All.Count(u => u.Level == AdminLevel.District));
        Assert.Equal(184, Units.All.Count(u => u.Level == AdminLevel.Commune));
    }

    [Fact]
    public void Commune_path_runs_through_its_district_not_a_code_range()
    {
        // 24313 belongs to Krông Búk (649) although its code sits among Buôn Hồ's (644).
        Assert.Equal("66.643.24136", Units.Get("24136").Path);
        Assert.StartsWith("66.649.", Units.Get("24313").Path, StringComparison.Ordinal);
    }

    [Fact]
    public void District_contains_its_communes_and_not_another_districts()
    {
        var bmt = Units.Get("643");
        Assert.True(bmt.Contains(Units.Get("24136")));
        Assert.False(bmt.Contains(Units.Get("24305")));
        Assert.False(Units.Get("24136").Contains(bmt));
        Assert.Equal(21, Units.ChildrenOf("643").Count);
    }
}
