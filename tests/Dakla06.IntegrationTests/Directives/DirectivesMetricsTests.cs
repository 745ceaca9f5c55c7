using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Dakla06.IntegrationTests.Directives;

/// <summary>Directive tracking's business metric, read from the API host's own meters.</summary>
public sealed class DirectivesMetricsTests(TasksFixture fixture) : IClassFixture<TasksFixture>
{
    [Fact]
    public async Task Tasks_assigned_are_counted_once_per_committed_task_by_the_assignee_units_level()
    {
        using var assigned = new MetricCollector<long>(
            fixture.Api.Services.GetRequiredService<IMeterFactory>(), "Dakla06.Directives", "dakla06.directives.tasks.assigned");
        using var province = await fixture.ClientForAsync("province.officer");
        var document = await DirectivesFixture.CreateDocumentAsync(province, "plan", "12/KH-UBND", "66", "Kế hoạch triển khai VNeID");

        async Task<HttpStatusCode> AssignAsync(object task, string key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/directives/documents/{document}/tasks") { Content = JsonContent.Create(task) };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await province.SendAsync(request, TestContext.Current.CancellationToken);
            return response.StatusCode;
        }

        var toTwoDistricts = TasksFixture.Task("Rà soát dữ liệu dân cư", fixture.Today.AddDays(10), units: ["643", "644"]);
        Assert.Equal(HttpStatusCode.Created, await AssignAsync(toTwoDistricts, "two-districts"));
        // The same request again returns the first tasks and creates (and counts) nothing.
        Assert.Equal(HttpStatusCode.Created, await AssignAsync(toTwoDistricts, "two-districts"));
        Assert.Equal(HttpStatusCode.Created, await AssignAsync(
            TasksFixture.Task("Kích hoạt tài khoản định danh", fixture.Today.AddDays(20), allCommunesOf: "643"), "communes-of-643"));
        // Refused (two ways of naming the units at once): nothing committed, nothing counted.
        Assert.Equal(HttpStatusCode.BadRequest, await AssignAsync(
            TasksFixture.Task("Hai cách giao", fixture.Today.AddDays(5), units: ["24136"], allCommunesInScope: true), "refused"));

        var measurements = assigned.GetMeasurementSnapshot();
        Assert.All(measurements, m => Assert.Equal(["dakla06.unit.level"], m.Tags.Keys));
        var byLevel = measurements.GroupBy(m => (string)m.Tags["dakla06.unit.level"]!).ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
        Assert.Equal(new Dictionary<string, long> { ["district"] = 2, ["commune"] = 21 }, byLevel);
    }
}
