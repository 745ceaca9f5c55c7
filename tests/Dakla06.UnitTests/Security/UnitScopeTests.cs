using Dakla06.Contracts.AdminUnits;
using Dakla06.ServiceDefaults.Security;

namespace Dakla06.UnitTests.Security;

public class UnitScopeTests
{
    private static UnitScope ScopeOf(string code) => new(AdminUnitDirectory.Default.Get(code));

    [Fact]
    public void Province_scope_covers_every_unit()
    {
        var province = ScopeOf("66");
        Assert.All(AdminUnitDirectory.Default.All, unit => Assert.True(province.IsInScope(unit.Code)));
        Assert.Equal("66", province.Path);
    }

    [Fact]
    public void District_scope_covers_its_communes_only()
    {
        var bmt = ScopeOf("643");
        Assert.True(bmt.IsInScope("643"));
        Assert.True(bmt.IsInScope("24136"));
        Assert.False(bmt.IsInScope("644"));
        Assert.False(bmt.IsInScope("24305"));
        Assert.False(bmt.IsInScope("66"));
        Assert.False(bmt.IsInScope("nonsense"));
    }

    [Fact]
    public void Commune_sees_its_ancestors_documents_but_not_a_siblings()
    {
        var tanLoi = ScopeOf("24136");
        Assert.True(tanLoi.IsInScopeOrAbove("66"));
        Assert.True(tanLoi.IsInScopeOrAbove("643"));
        Assert.True(tanLoi.IsInScopeOrAbove("24136"));
        Assert.False(tanLoi.IsInScopeOrAbove("24118")); // sibling commune
        Assert.False(tanLoi.IsInScopeOrAbove("644"));   // another district
        Assert.False(tanLoi.IsInScope("643"));          // may read, not write, above itself
    }

    [Fact]
    public void Sql_fragment_filters_on_the_ltree_parameter() =>
        Assert.Equal("unit_path <@ @scope::ltree", UnitScope.SqlCondition());

    [Fact]
    public void Sql_fragment_for_documents_also_admits_the_callers_ancestors()
    {
        Assert.Equal("(unit_path <@ @scope::ltree OR unit_path @> @scope::ltree)", UnitScope.SqlConditionInScopeOrAbove());
        Assert.Equal("(d.issuer_path <@ @scope::ltree OR d.issuer_path @> @scope::ltree)", UnitScope.SqlConditionInScopeOrAbove("d.issuer_path"));
        Assert.Equal("t.unit_path <@ @scope::ltree", UnitScope.SqlCondition("t.unit_path"));
    }

    [Fact]
    public void Unknown_or_missing_codes_are_outside_every_scope()
    {
        var province = ScopeOf("66");
        Assert.False(province.IsInScope(null));
        Assert.False(province.IsInScopeOrAbove(null));
        Assert.False(province.IsInScopeOrAbove("99999"));
    }
}
