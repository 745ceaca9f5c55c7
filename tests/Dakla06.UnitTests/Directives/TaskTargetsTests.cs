using Dakla06.Contracts.AdminUnits;
using Dakla06.Directives.Domain;
using Dakla06.ServiceDefaults.Http;

namespace Dakla06.UnitTests.Directives;

public class TaskTargetsTests
{
    private static readonly AdminUnitDirectory Units = AdminUnitDirectory.Default;
    private static readonly AdminUnit Province = Units.Get("66");
    private static readonly AdminUnit BuonMaThuot = Units.Get("643");
    private static readonly AdminUnit TanLoi = Units.Get("24136");

    private static (TargetResolution Resolution, ValidationErrors Errors) Resolve(TaskTarget target, AdminUnit assigner)
    {
        var errors = new ValidationErrors();
        return (TaskTargets.Resolve(target, assigner, Units, errors), errors);
    }

    [Fact]
    public void All_districts_from_the_province_are_the_15_districts()
    {
        var (resolution, errors) = Resolve(new TaskTarget(null, true, null, null), Province);
        Assert.True(errors.IsEmpty);
        Assert.Empty(resolution.Forbidden);
        Assert.Equal(15, resolution.Units.Count);
        Assert.All(resolution.Units, u => Assert.Equal(AdminLevel.District, u.Level));
    }

    [Fact]
    public void All_communes_of_Buon_Ma_Thuot_are_its_21_communes_from_the_province_or_the_city()
    {
        foreach (var assigner in new[] { Province, BuonMaThuot })
        {
            var (resolution, errors) = Resolve(new TaskTarget(null, null, "643", null), assigner);
            Assert.True(errors.IsEmpty);
            Assert.Empty(resolution.Forbidden);
            Assert.Equal(21, resolution.Units.Count);
            Assert.All(resolution.Units, u => Assert.Equal("643", u.ParentCode));
        }
    }

    [Fact]
    public void All_communes_in_scope_is_21_for_the_city_and_184_for_the_province()
    {
        Assert.Equal(21, Resolve(new TaskTarget(null, null, null, true), BuonMaThuot).Resolution.Units.Count);
        var province = Resolve(new TaskTarget(null, null, null, true), Province).Resolution;
        Assert.Equal(184, province.Units.Count);
        Assert.Empty(province.Forbidden);
    }

    [Fact]
    public void A_commune_cannot_fan_out_below_itself()
    {
        var (inScope, _) = Resolve(new TaskTarget(null, null, null, true), TanLoi);
        Assert.Equal(["24136"], inScope.Forbidden.Select(u => u.Code));

        var (itself, _) = Resolve(new TaskTarget(["24136"], null, null, null), TanLoi);
        Assert.Equal(["24136"], itself.Forbidden.Select(u => u.Code));
    }

    [Fact]
    public void A_district_may_not_assign_to_other_districts_or_their_communes()
    {
        var (districts, _) = Resolve(new TaskTarget(null, true, null, null), BuonMaThuot);
        Assert.Equal(15, districts.Forbidden.Count);   // every district, itself included, is not strictly below it

        var (listed, errors) = Resolve(new TaskTarget(["24136", "24305", "24118"], null, null, null), BuonMaThuot);
        Assert.True(errors.IsEmpty);
        Assert.Equal(["24305"], listed.Forbidden.Select(u => u.Code));
    }

    [Theory]
    [InlineData(false, false, false, false)]
    [InlineData(true, true, false, false)]
    [InlineData(true, false, true, false)]
    [InlineData(false, true, false, true)]
    public void Zero_or_several_targets_are_a_validation_error_on_target(bool units, bool allDistricts, bool allCommunesOf, bool inScope)
    {
        var (_, errors) = Resolve(
            new TaskTarget(units ? ["24136"] : null, allDistricts ? true : null, allCommunesOf ? "643" : null, inScope ? true : null),
            Province);
        Assert.Equal(["target"], errors.ToDictionary().Keys);
    }

    [Fact]
    public void Unknown_unit_codes_and_a_non_district_for_all_communes_of_are_validation_errors()
    {
        Assert.Equal(["units"], Resolve(new TaskTarget(["99999"], null, null, null), Province).Errors.ToDictionary().Keys);
        Assert.Equal(["allCommunesOf"], Resolve(new TaskTarget(null, null, "24136", null), Province).Errors.ToDictionary().Keys);
    }

    [Fact]
    public void New_task_reports_every_invalid_field_by_name()
    {
        var errors = new ValidationErrors();
        var task = NewTask.TryCreate(" ", null, new string('x', 2000), null, "critical",
            new TaskTarget(["24136"], null, null, null), BuonMaThuot, Units, errors, out _);
        Assert.Null(task);
        Assert.Equal(["dueOn", "expectedOutput", "priority", "title"], errors.ToDictionary().Keys.Order());
    }
}
