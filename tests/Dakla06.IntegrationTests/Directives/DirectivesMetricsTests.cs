using System.Diagnostics.Metrics;
using Dakla06.Contracts.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using static Dakla06.IntegrationTests.Directives.DirectivesFixture;
using static Dakla06.IntegrationTests.Support.ApiAssert;

namespace Dakla06.IntegrationTests.Directives;

/// <summary>Directive tracking's business metric, read from the API host's own meters.</summary>
public sealed class DirectivesMetricsTests(DirectivesFixture fixture) : IClassFixture<DirectivesFixture>
{
    [Fact]
    public async Task Tasks_assigned_are_counted_once_per_committed_task_by_the_assignee_units_level()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var assigned = new MetricCollector<long>(
            fixture.Api.Services.GetRequiredService<IMeterFactory>(), "Dakla06.Directives", "dakla06.directives.tasks.assigned");
        var province = await fixture.ClientForAsync("province.officer");
        var document = await CreateDocumentAsync(province, "plan", "12/KH-UBND", "66", "Kế hoạch triển khai VNeID");

        var toTwoDistricts = NewTask("Rà soát dữ liệu dân cư", fixture.Today.AddDays(10), units: ["643", "644"]);
        var first = await province.CreateTasksAsync(document, toTwoDistricts, "two-districts", cancel);
        // The same request again returns the first tasks and creates (and counts) nothing.
        Assert.Equal(first.TaskIds, (await province.CreateTasksAsync(document, toTwoDistricts, "two-districts", cancel)).TaskIds);
        await province.CreateTasksAsync(document, NewTask("Kích hoạt tài khoản định danh", fixture.Today.AddDays(20), allCommunesOf: "643"), "communes-of-643", cancel);
        // Refused (two ways of naming the units at once): nothing committed, nothing counted.
        await FailsAsync(ApiFailure.Invalid, () => province.CreateTasksAsync(
            document, NewTask("Hai cách giao", fixture.Today.AddDays(5), units: ["24136"], allCommunesInScope: true), "refused", cancel));

        var measurements = assigned.GetMeasurementSnapshot();
        Assert.All(measurements, m => Assert.Equal(["dakla06.unit.level"], m.Tags.Keys));
        var byLevel = measurements.GroupBy(m => (string)m.Tags["dakla06.unit.level"]!).ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
        Assert.Equal(new Dictionary<string, long> { ["district"] = 2, ["commune"] = 21 }, byLevel);
    }
}
