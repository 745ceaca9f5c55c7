namespace Dakla06.Testing;

/// <summary>
/// A fresh RabbitMQ virtual host for one test class (created through the management HTTP API, with full
/// permissions for the test user), so test classes never see each other's exchanges and queues.
/// Disposing deletes it.
/// </summary>
public sealed class RabbitMqVirtualHost : IAsyncDisposable
{
    private readonly TestServers _servers;

    internal RabbitMqVirtualHost(TestServers servers, string name, string amqpUri)
    {
        _servers = servers;
        Name = name;
        ConnectionString = amqpUri;
    }

    /// <summary>Creates a vhost named <c>prefix-xxxxxxxx</c> on the test broker (starting it if needed).</summary>
    public static Task<RabbitMqVirtualHost> CreateAsync(string prefix, CancellationToken ct = default) =>
        TestServers.Instance.CreateVirtualHostAsync(prefix, ct);

    public string Name { get; }

    /// <summary>AMQP URI of this vhost, e.g. <c>amqp://guest:guest@127.0.0.1:PORT/prefix-1a2b3c4d</c>.</summary>
    public string ConnectionString { get; }

    /// <summary>Same as <see cref="ConnectionString"/>, as a <see cref="Uri"/>.</summary>
    public Uri AmqpUri => new(ConnectionString);

    public override string ToString() => Name;

    public async ValueTask DisposeAsync() => await _servers.DeleteVirtualHostAsync(Name).ConfigureAwait(false);
}
