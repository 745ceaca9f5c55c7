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

    [Fact]
    public void A_unit_does_not_contain_one_whose_code_merely_starts_with_its_own()
    {
        // "66.64" is not an ancestor of "66.643": containment follows whole path labels.
        var shortCode = new AdminUnit("64", "Ngắn", AdminLevel.District, "66", "66.64");
        var district = new AdminUnit("643", "Dài", AdminLevel.District, "66", "66.643");
        Assert.False(shortCode.Contains(district));
        Assert.True(shortCode.Contains(shortCode));
    }

    [Fact]
    public void Children_come_shorter_codes_first_then_in_code_order_and_the_root_has_none_above()
    {
        var units = new AdminUnitDirectory(
        [
            ("1", "Tỉnh", AdminLevel.Province, null),
            ("11", "Huyện 11", AdminLevel.District, "1"),
            ("9", "Huyện 9", AdminLevel.District, "1"),
            ("10", "Huyện 10", AdminLevel.District, "1"),
            ("100", "Xã 100", AdminLevel.Commune, "10"),
        ]);

        Assert.Equal(["9", "10", "11"], units.ChildrenOf("1").Select(u => u.Code));
        Assert.Equal(["100"], units.ChildrenOf("10").Select(u => u.Code));
        Assert.Empty(units.ChildrenOf("100"));
        Assert.Equal("1", units.Root.Code);
        Assert.Equal("1.10.100", units.Get("100").Path);
        Assert.Equal(["1", "1.10", "1.10.100", "1.11", "1.9"], units.All.Select(u => u.Path));
        Assert.Equal(["10", "100"], units.SubtreeOf("10").Select(u => u.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_list_without_a_root_or_with_a_cyclic_parent_chain_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => new AdminUnitDirectory([("643", "Buôn Ma Thuột", AdminLevel.District, "66")]));
        Assert.Throws<InvalidDataException>(() => new AdminUnitDirectory(
            [("66", "Tỉnh", AdminLevel.Province, null), ("1", "A", AdminLevel.District, "2"), ("2", "B", AdminLevel.District, "1")]));
    }

    [Fact]
    public void Every_shipped_unit_below_the_province_has_its_parent_in_the_list()
    {
        Assert.Null(Units.Root.ParentCode);
        Assert.Equal("66", Units.Root.Code);
        Assert.All(Units.All.Where(u => u != Units.Root), u => Assert.Equal(Units.Get(u.ParentCode!).Path + "." + u.Code, u.Path));
        Assert.Equal(Units.All.Select(u => u.Path).Order(StringComparer.Ordinal), Units.All.Select(u => u.Path));
    }

    [Fact]
    public void Names_and_lookups_of_unknown_codes()
    {
        Assert.Equal("Thành phố Buôn Ma Thuột", Units.NameOf("643"));
        Assert.Equal("99999", Units.NameOf("99999"));
        Assert.Equal("643", Units.Find(" 643 ")?.Code);
        Assert.Null(Units.Find(null));
        Assert.Contains("99999", Assert.Throws<KeyNotFoundException>(() => Units.Get("99999")).Message, StringComparison.Ordinal);
    }
}
