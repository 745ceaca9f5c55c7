using System.Net.Http.Headers;
using Npgsql;

namespace Dakla06.IntegrationTests.Support;

/// <summary>Per-test-class resources on the shared test servers (TEMPORARY env-based wiring).</summary>
public static class TestEnvironment
{
    private static string Pg => Environment.GetEnvironmentVariable("DAKLA06_TEST_POSTGRES")!;
    private static string Amqp => Environment.GetEnvironmentVariable("DAKLA06_TEST_RABBITMQ")!;
    private static string Mgmt => Environment.GetEnvironmentVariable("DAKLA06_TEST_RABBITMQ_MGMT")!;

    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..30];
        await using var c = new NpgsqlConnection(Pg);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", c);
        await cmd.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(Pg) { Database = name }.ConnectionString;
    }

    public static async Task<string> CreateVirtualHostAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}";
        using var http = new HttpClient { BaseAddress = new Uri(Mgmt) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("guest:guest"u8.ToArray()));
        (await http.PutAsync($"/api/vhosts/{name}", null)).EnsureSuccessStatusCode();
        (await http.PutAsync($"/api/permissions/{name}/guest", new StringContent("""{"configure":".*","write":".*","read":".*"}""", System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        return Amqp.TrimEnd('/') + "/" + name;
    }

    public static Task StopBrokerAsync() => throw new NotSupportedException("wire to TestServers");

    public static Task StartBrokerAsync() => throw new NotSupportedException("wire to TestServers");
}
