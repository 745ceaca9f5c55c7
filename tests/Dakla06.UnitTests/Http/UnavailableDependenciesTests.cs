using System.Net.Sockets;
using Dakla06.ServiceDefaults.Http;
using MassTransit;
using Npgsql;

namespace Dakla06.UnitTests.Http;

/// <summary>Which failures are a dependency being unreachable (503) and which are still the request's or the code's (400/409/500).</summary>
public sealed class UnavailableDependenciesTests
{
    [Theory]
    [InlineData("57P01")] // admin_shutdown: the server is stopping
    [InlineData("57P02")] // crash_shutdown
    [InlineData("57P03")] // cannot_connect_now: starting up or recovering
    [InlineData("53300")] // too_many_connections
    [InlineData("08006")] // connection_failure
    public void A_server_that_cannot_serve_is_the_database_unavailable(string sqlState) =>
        Assert.Equal(UnavailableDependencies.Database, UnavailableDependencies.Of(Postgres(sqlState)));

    [Theory]
    [InlineData("23505")] // unique_violation: the request's conflict
    [InlineData("40001")] // serialization_failure: transient, but the server is up
    [InlineData("42P01")] // undefined_table: our bug
    [InlineData("22P02")] // invalid_text_representation
    public void A_statement_the_server_refused_is_not_an_outage(string sqlState) =>
        Assert.Null(UnavailableDependencies.Of(Postgres(sqlState)));

    [Fact]
    public void A_refused_or_broken_connection_is_the_database_unavailable_even_when_wrapped()
    {
        var refused = new NpgsqlException("Failed to connect to 127.0.0.1:55432", new SocketException((int)SocketError.ConnectionRefused));
        Assert.Equal(UnavailableDependencies.Database, UnavailableDependencies.Of(refused));
        Assert.Equal(UnavailableDependencies.Database, UnavailableDependencies.Of(new NpgsqlException("Exception while reading from stream", new EndOfStreamException())));
        Assert.Equal(UnavailableDependencies.Database, UnavailableDependencies.Of(new InvalidOperationException("query failed", refused)));
    }

    [Fact]
    public void A_broker_that_cannot_be_reached_is_messaging_unavailable() =>
        Assert.Equal(UnavailableDependencies.Messaging, UnavailableDependencies.Of(new RabbitMqConnectionException("Connect failed: guest@127.0.0.1:55672/")));

    [Fact]
    public void Any_other_failure_is_left_to_the_500_handler()
    {
        Assert.Null(UnavailableDependencies.Of(new InvalidOperationException("a bug")));
        Assert.Null(UnavailableDependencies.Of(new NpgsqlException("Npgsql misuse")));
    }

    private static PostgresException Postgres(string sqlState) => new("message", "FATAL", "FATAL", sqlState);
}
