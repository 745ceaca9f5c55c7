using Dakla06.Contracts.Inspections;

namespace Dakla06.IntegrationTests.Inspections;

/// <summary>An endpoint device (e.g. an ID-card intake laptop) inspected with the endpoint checklist.</summary>
public sealed class DeviceInspectionTests(InspectionsFixture fixture) : IClassFixture<InspectionsFixture>
{
    [Fact]
    public async Task A_failed_critical_item_of_a_device_raises_a_finding_for_the_device_unit_and_no_readiness_is_involved()
    {
        using var inspector = await fixture.ClientForAsync("bmt.inspector");
        var device = await InspectionsFixture.PostAsync(inspector, "/api/inspections/devices", new
        {
            assetTag = "CA-643-LT-0042",
            unitCode = "24136",
            purpose = "Máy tính thu nhận hồ sơ căn cước",
        }, 201);
        var deviceId = device.GetProperty("id").GetGuid();

        // The system checklist is not for devices.
        await InspectionsFixture.PostAsync(inspector, "/api/inspections/inspections", new
        {
            targetType = "device", targetId = deviceId, teamCode = "CAH-643", plannedOn = InspectionsFixture.Iso(fixture.Today), checklistCode = "system-connection",
        }, 400);

        var completed = await InspectionsFixture.RunInspectionAsync(inspector, "device", deviceId, "CAH-643", fixture.Today, failed: [1]);
        Assert.Equal("CA-643-LT-0042 — Máy tính thu nhận hồ sơ căn cước", completed.GetProperty("targetName").GetString());
        Assert.Equal("24136", completed.GetProperty("ownerUnitCode").GetString());
        Assert.Equal("endpoint-connection", completed.GetProperty("checklistCode").GetString());
        var finding = Assert.Single(completed.GetProperty("findings").EnumerateArray());
        Assert.Equal("24136", finding.GetProperty("responsibleUnitCode").GetString());
        Assert.Equal("device", finding.GetProperty("targetType").GetString());

        var raised = Assert.Single(await fixture.AwaitEventsAsync<FindingRaised>(e => e.FindingId == finding.GetProperty("id").GetGuid()));
        Assert.Equal("24136", raised.UnitCode);
        Assert.Equal("643", raised.InspectingUnitCode);
        Assert.Equal("CAH-643", raised.TeamCode);
        Assert.Equal("critical", raised.Severity);
        Assert.Equal(fixture.Today.AddDays(7), raised.Deadline);
        Assert.Equal("bmt.inspector", raised.RaisedBy);

        // The ward's officer sees the finding on its device, without the technical description.
        using var tanLoi = await fixture.ClientForAsync("tanloi.officer");
        var seen = Assert.Single((await InspectionsFixture.GetAsync(tanLoi, "/api/inspections/findings?unit=24136")).GetProperty("items").EnumerateArray());
        Assert.Equal(finding.GetProperty("id").GetGuid(), seen.GetProperty("id").GetGuid());
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM readiness_changes"));
    }
}
