using System.Diagnostics.Metrics;
using Dakla06.Contracts.Http.Inspections;
using Dakla06.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Dakla06.IntegrationTests.Inspections;

/// <summary>Security inspections' business metric and the completion's activity, read from the API host's own telemetry.</summary>
public sealed class InspectionsMetricsTests(InspectionsFixture fixture) : IClassFixture<InspectionsFixture>
{
    [Fact]
    public async Task Findings_raised_by_hand_or_by_a_completed_inspection_are_counted_once_by_severity()
    {
        using var raised = new MetricCollector<long>(
            fixture.Api.Services.GetRequiredService<IMeterFactory>(), "Dakla06.Inspections", "dakla06.inspections.findings.raised");
        using var activities = new ActivityRecorder("Dakla06.Inspections");
        var cancel = TestContext.Current.CancellationToken;
        var inspector = await fixture.ClientForAsync("province.inspector");
        var systemId = await InspectionsFixture.RegisterSystemAsync(inspector, "Cổng dịch vụ công tỉnh", "66", "application", 3);

        // Items 3 and 7 are critical: completing the inspection raises two critical findings; item 2 is not.
        var inspection = await InspectionsFixture.RunInspectionAsync(inspector, "system", systemId, "PA05", fixture.Today, failed: [2, 3, 7]);
        var finding = new RaiseFindingRequest("Chưa mã hoá kết nối quản trị", "Giao diện quản trị dùng HTTP.", "high", "66", null);
        var first = await inspector.RaiseFindingAsync(inspection.Id, finding, "admin-http", cancel);
        // The same request again answers with the first finding and raises (and counts) nothing.
        var again = await inspector.RaiseFindingAsync(inspection.Id, finding, "admin-http", cancel);
        Assert.Equal(first.Id, again.Id);

        var bySeverity = raised.GetMeasurementSnapshot()
            .GroupBy(m => (string)m.Tags["dakla06.finding.severity"]!)
            .ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
        Assert.Equal(new Dictionary<string, long> { ["critical"] = 2, ["high"] = 1 }, bySeverity);

        var completion = Assert.Single(activities.Stopped, a => a.OperationName == "inspections.complete" && Equals(a.GetTagItem("dakla06.inspection.id"), inspection.Id));
        Assert.Equal(2, completion.GetTagItem("dakla06.inspection.findings_raised"));
    }
}
