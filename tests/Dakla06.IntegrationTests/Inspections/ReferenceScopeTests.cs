using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Inspections;
using static Dakla06.IntegrationTests.Inspections.InspectionsFixture;
using static Dakla06.IntegrationTests.Support.ApiAssert;

namespace Dakla06.IntegrationTests.Inspections;

/// <summary>An id in a body that points outside the caller's scope answers exactly like an id that does not exist.</summary>
public sealed class ReferenceScopeTests(InspectionsFixture fixture) : IClassFixture<InspectionsFixture>
{
    [Fact]
    public async Task Planning_an_inspection_of_a_system_or_with_a_team_outside_the_scope_answers_like_unknown_ids()
    {
        var cancel = TestContext.Current.CancellationToken;
        var province = await fixture.ClientForAsync("province.inspector");
        var bmt = await fixture.ClientForAsync("bmt.inspector");
        var buonHoSystem = await RegisterSystemAsync(province, "Phần mềm một cửa thị xã Buôn Hồ", "644", "application", 2);
        var citySystem = await RegisterSystemAsync(bmt, "Phần mềm một cửa thành phố", "643", "application", 2);

        var outside = await FailsAsync(ApiFailure.Invalid, () => bmt.CreateInspectionAsync(
            new CreateInspectionRequest("system", buonHoSystem, "CAH-643", fixture.Today, "system-connection"), cancellationToken: cancel));
        var unknown = await FailsAsync(ApiFailure.Invalid, () => bmt.CreateInspectionAsync(
            new CreateInspectionRequest("system", Guid.NewGuid(), "CAH-643", fixture.Today, "system-connection"), cancellationToken: cancel));
        Assert.Equal(["targetId"], outside.FieldErrors.Keys);
        Assert.Equal(unknown.FieldErrors["targetId"], outside.FieldErrors["targetId"]);

        // The province's team lies above the city inspector's scope: named like a team code that does not exist.
        var team = await FailsAsync(ApiFailure.Invalid, () => bmt.CreateInspectionAsync(
            new CreateInspectionRequest("system", citySystem, "PA05", fixture.Today, "system-connection"), cancellationToken: cancel));
        Assert.Equal(["teamCode"], team.FieldErrors.Keys);
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM inspections"));
    }
}
