using System.Text;
using Dakla06.IntegrationTests.Support;
using Dakla06.Testing;
using Npgsql;
using RabbitMQ.Client;

namespace Dakla06.IntegrationTests.Infrastructure;

/// <summary>One set of resources for the test class: two databases and a vhost.</summary>
public sealed class InfrastructureFixture : IAsyncLifetime
{
    public TestServers Servers { get; private set; } = null!;

    public TestDatabase First { get; private set; } = null!;

    public TestDatabase Second { get; private set; } = null!;

    public RabbitMqVirtualHost VirtualHost { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Servers = await TestServers.GetAsync();
        First = await Servers.CreateDatabaseAsync("infra_first");
        Second = await Servers.CreateDatabaseAsync("infra_second");
        VirtualHost = await Servers.CreateVirtualHostAsync("infra");
    }

    public async ValueTask DisposeAsync()
    {
        await First.DisposeAsync();
        await Second.DisposeAsync();
        await VirtualHost.DisposeAsync();
    }
}

/// <summary>Proves the shared test servers: database per class, vhost per class.</summary>
public sealed class TestServersTests(InfrastructureFixture fixture) : IClassFixture<InfrastructureFixture>
{
    private readonly TestDatabase _first = fixture.First;
    private readonly TestDatabase _second = fixture.Second;
    private readonly RabbitMqVirtualHost _vhost = fixture.VirtualHost;

    [Fact]
    public void Servers_report_where_they_come_from_and_how_long_they_took()
    {
        var s = fixture.Servers;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"postgres: {s.PostgresSource} ready in {s.PostgresStartTime?.TotalSeconds:F2} s; " +
            $"rabbitmq: {s.RabbitMqSource} ready in {s.RabbitMqStartTime?.TotalSeconds:F2} s");
        Assert.NotNull(s.PostgresSource);
        Assert.NotNull(s.RabbitMqSource);
        Assert.StartsWith("amqp://", s.RabbitMqConnectionString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_database_is_new_empty_and_isolated_from_the_others()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.NotEqual(_first.Name, _second.Name);

        await using (var conn = new NpgsqlConnection(_first.ConnectionString))
        {
            await conn.OpenAsync(ct);
            Assert.Equal(_first.Name, conn.Database);
            await using var count = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", conn);
            Assert.Equal(0L, await count.ExecuteScalarAsync(ct));
            await using var create = new NpgsqlCommand("CREATE TABLE only_here (id int); INSERT INTO only_here VALUES (1);", conn);
            await create.ExecuteNonQueryAsync(ct);
        }

        await using (var conn = new NpgsqlConnection(_second.ConnectionString))
        {
            await conn.OpenAsync(ct);
            await using var exists = new NpgsqlCommand("SELECT to_regclass('public.only_here') IS NOT NULL", conn);
            Assert.Equal(false, await exists.ExecuteScalarAsync(ct));
        }
    }

    [Fact]
    public async Task Server_connection_string_reaches_the_maintenance_database_with_room_for_many_connections()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var conn = new NpgsqlConnection(TestServers.Instance.PostgresConnectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("SELECT current_setting('max_connections')::int", conn);
        Assert.True((int)(await cmd.ExecuteScalarAsync(ct))! >= 100);
    }

    [Fact]
    public async Task Broker_accepts_a_connection_in_the_class_vhost_and_keeps_its_queues_there()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.StartsWith("amqp://", _vhost.ConnectionString, StringComparison.Ordinal);

        var factory = new ConnectionFactory { Uri = _vhost.AmqpUri };
        await using var connection = await factory.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        await channel.QueueDeclareAsync("probe", durable: false, exclusive: false, autoDelete: false, cancellationToken: ct);
        await channel.BasicPublishAsync("", "probe", Encoding.UTF8.GetBytes("hello"), ct);

        var got = await Eventually.ReturnsAsync(() => channel.BasicGetAsync("probe", autoAck: true, ct), result => result is not null);

        Assert.NotNull(got);
        Assert.Equal("hello", Encoding.UTF8.GetString(got.Body.Span));

        // Another vhost does not see the queue.
        await using var other = await TestServers.Instance.CreateVirtualHostAsync("infra_other", ct);
        var otherFactory = new ConnectionFactory { Uri = other.AmqpUri };
        await using var otherConnection = await otherFactory.CreateConnectionAsync(ct);
        await using var otherChannel = await otherConnection.CreateChannelAsync(cancellationToken: ct);
        await Assert.ThrowsAnyAsync<RabbitMQ.Client.Exceptions.OperationInterruptedException>(
            () => otherChannel.QueueDeclarePassiveAsync("probe", ct));
    }
}

/// <summary>Stops and restarts the shared broker: a collection of its own so no other class runs meanwhile.</summary>
[CollectionDefinition(nameof(BrokerOutageCollection), DisableParallelization = true)]
public sealed class BrokerOutageCollection;

[Collection(nameof(BrokerOutageCollection))]
public sealed class BrokerStopStartTests
{
    [Fact]
    public async Task Broker_can_be_stopped_and_started_again_with_its_vhosts_and_durable_messages()
    {
        var ct = TestContext.Current.CancellationToken;
        var servers = await TestServers.GetRabbitMqAsync(ct);
        Assert.SkipUnless(servers.OwnsRabbitMq, "the broker comes from DAKLA06_TEST_RABBITMQ: it cannot be stopped by the tests");

        await using var vhost = await servers.CreateVirtualHostAsync("outage");
        var factory = new ConnectionFactory { Uri = vhost.AmqpUri };
        await using (var connection = await factory.CreateConnectionAsync(ct))
        await using (var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct))
        {
            await channel.QueueDeclareAsync("kept", durable: true, exclusive: false, autoDelete: false, cancellationToken: ct);
            await channel.BasicPublishAsync("", "kept", mandatory: true, new BasicProperties { Persistent = true }, Encoding.UTF8.GetBytes("before"), ct);
        }

        await servers.StopRabbitMqAsync(ct);
        await Assert.ThrowsAnyAsync<Exception>(() => factory.CreateConnectionAsync(ct));

        await servers.StartRabbitMqAsync(ct);
        TestContext.Current.TestOutputHelper?.WriteLine($"rabbitmq restarted in {servers.RabbitMqStartTime?.TotalSeconds:F2} s");

        await using var again = await factory.CreateConnectionAsync(ct);
        await using var channelAgain = await again.CreateChannelAsync(cancellationToken: ct);
        var got = await channelAgain.BasicGetAsync("kept", autoAck: true, ct);
        Assert.NotNull(got);
        Assert.Equal("before", Encoding.UTF8.GetString(got.Body.Span));
    }
}
