namespace Dakla06.IntegrationTests.Support;

/// <summary>Per-test-class resources on the shared test servers (see Dakla06.Testing).</summary>
public static class TestEnvironment
{
    public static Task<string> CreateDatabaseAsync(string prefix) => throw new NotSupportedException("wire to TestServers");

    public static Task<string> CreateVirtualHostAsync(string prefix) => throw new NotSupportedException("wire to TestServers");

    public static Task StopBrokerAsync() => throw new NotSupportedException("wire to TestServers");

    public static Task StartBrokerAsync() => throw new NotSupportedException("wire to TestServers");
}
