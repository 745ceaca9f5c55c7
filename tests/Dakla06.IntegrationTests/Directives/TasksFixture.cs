using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Dakla06.Directives.Jobs;
using Dakla06.IntegrationTests.Support;
using Dakla06.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Dakla06.IntegrationTests.Directives;

/// <summary>
/// The directives API with a fake clock (starting at the real time, so real tokens stay valid) and without the
/// overdue scanner's background loop: tests run <see cref="OverdueTaskScanner.ScanOnceAsync"/> themselves.
/// </summary>
public class TasksFixture : DirectivesFixture
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Today in Vietnam on the fake clock.</summary>
    public DateOnly Today => VietnamTime.Today(Clock);

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(Clock);
        var scanner = services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(OverdueTaskScanner));
        services.Remove(scanner);
    }

    /// <summary>A scanner over the API's database, as another replica would run it.</summary>
    public OverdueTaskScanner CreateScanner() => ActivatorUtilities.CreateInstance<OverdueTaskScanner>(Api.Services);

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Posts a fan-out and returns the created task ids (asserting 201).</summary>
    public static async Task<Guid[]> AssignAsync(HttpClient client, Guid documentId, object body)
    {
        using var response = await client.PostAsJsonAsync($"/api/directives/documents/{documentId}/tasks", body);
        Assert.True(response.IsSuccessStatusCode, $"Assigning failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return created.GetProperty("taskIds").EnumerateArray().Select(e => e.GetGuid()).ToArray();
    }

    public static object Task(string title, DateOnly dueOn, string[]? units = null, bool? allDistricts = null, string? allCommunesOf = null, bool? allCommunesInScope = null) => new
    {
        title,
        description = "Triển khai theo kế hoạch",
        expectedOutput = "Báo cáo kết quả",
        dueOn = Iso(dueOn),
        priority = "high",
        units,
        allDistricts,
        allCommunesOf,
        allCommunesInScope,
    };

    public Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters) =>
        TestSql.ScalarAsync(DatabaseConnectionString, sql, parameters);
}
