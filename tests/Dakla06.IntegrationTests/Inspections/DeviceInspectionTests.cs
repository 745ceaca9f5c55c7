using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Inspections;
using Dakla06.Contracts.Inspections;
using static Dakla06.IntegrationTests.Inspections.InspectionsFixture;
using static Dakla06.IntegrationTests.Support.ApiAssert;

namespace Dakla06.IntegrationTests.Inspections;

/// <summary>An endpoint device (e.g. an ID-card intake laptop) inspected with the endpoint checklist.</summary>
public sealed class DeviceInspectionTests(InspectionsFixture fixture) : IClassFixture<InspectionsFixture>
{
    [Fact]
    public async Task A_failed_critical_item_of_a_device_raises_a_finding_for_the_device_unit_and_no_readiness_is_involved()
    {
        var cancel = TestContext.Current.CancellationToken;
        var inspector = await fixture.ClientForAsync("bmt.inspector");
        var device = await inspector.CreateDeviceAsync(new CreateDeviceRequest("CA-643-LT-0042", "24136", "Máy tính thu nhận hồ sơ căn cước", null), cancel);

        // The system checklist is not for devices.
        await FailsAsync(ApiFailure.Invalid, () => inspector.CreateInspectionAsync(
            new CreateInspectionRequest("device", device.Id, "CAH-643", fixture.Today, "system-connection"), cancellationToken: cancel));

        var completed = await RunInspectionAsync(inspector, "device", device.Id, "CAH-643", fixture.Today, failed: [1]);
        Assert.Equal("CA-643-LT-0042 — Máy tính thu nhận hồ sơ căn cước", completed.TargetName);
        Assert.Equal("24136", completed.OwnerUnitCode);
        Assert.Equal("endpoint-connection", completed.ChecklistCode);
        var finding = Assert.Single(completed.Findings);
        Assert.Equal("24136", finding.ResponsibleUnitCode);
        Assert.Equal("device", finding.TargetType);

        var raised = Assert.Single(await fixture.AwaitEventsAsync<FindingRaised>(e => e.FindingId == finding.Id));
        Assert.Equal("24136", raised.UnitCode);
        Assert.Equal("643", raised.InspectingUnitCode);
        Assert.Equal("CAH-643", raised.TeamCode);
        Assert.Equal("critical", raised.Severity);
        Assert.Equal(fixture.Today.AddDays(7), raised.Deadline);
        Assert.Equal("bmt.inspector", raised.RaisedBy);

        // The ward's officer sees the finding on its device, without the technical description.
        var tanLoi = await fixture.ClientForAsync("tanloi.officer");
        var seen = Assert.Single((await tanLoi.ListFindingsAsync(new FindingQuery(Unit: "24136"), 1, 20, cancel)).Items);
        Assert.Equal(finding.Id, seen.Id);
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM readiness_changes"));
    }
}
