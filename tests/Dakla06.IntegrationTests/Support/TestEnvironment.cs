using Dakla06.Testing;

namespace Dakla06.IntegrationTests.Support;

/// <summary>
/// Per-test-class resources on the process-wide test servers: a fresh database and a fresh broker virtual host,
/// so no test class sees another's rows or queues. The servers (and with them these resources) go away with
/// the test process when it started them itself.
/// </summary>
public static class TestEnvironment
{
    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var servers = await TestServers.GetPostgresAsync();
        return (await servers.CreateDatabaseAsync(prefix)).ConnectionString;
    }

    public static async Task<string> CreateVirtualHostAsync(string prefix)
    {
        var servers = await TestServers.GetRabbitMqAsync();
        return (await servers.CreateVirtualHostAsync(prefix)).ConnectionString;
    }

    public static async Task StopBrokerAsync() => await (await TestServers.GetRabbitMqAsync()).StopRabbitMqAsync();

    public static async Task StartBrokerAsync() => await (await TestServers.GetRabbitMqAsync()).StartRabbitMqAsync();
}
