using System.Net.Sockets;
using MassTransit;
using Npgsql;

namespace Dakla06.ServiceDefaults.Http;

/// <summary>Which dependency a failure says cannot be reached, as <see cref="DependencyUnavailableExceptionHandler"/> names it.</summary>
public static class UnavailableDependencies
{
    public const string Database = "database";
    public const string Messaging = "messaging";

    /// <summary><see cref="Database"/>, <see cref="Messaging"/> or null: which dependency the failure (or one it wraps) says is unreachable.</summary>
    public static string? Of(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres when IsUnavailable(postgres.SqlState):
                case NpgsqlException { InnerException: SocketException or IOException or TimeoutException }:
                case NpgsqlException { IsTransient: true } and not PostgresException:
                    return Database;
                case ConnectionException or TransportUnavailableException or RabbitMQ.Client.Exceptions.BrokerUnreachableException:
                    return Messaging;
            }
        }

        return null;
    }

    /// <summary>
    /// Class 08 (connection exception), 57P01–57P03 (the server is shutting down, crashed or not yet accepting
    /// connections) and 53300 (too many connections): the server, not the statement, is the problem.
    /// </summary>
    private static bool IsUnavailable(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal)
        || sqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.TooManyConnections;
}
