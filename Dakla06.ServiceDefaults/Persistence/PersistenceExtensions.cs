using System.Diagnostics;
using System.Reflection;
using Dakla06.ServiceDefaults.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

public static class PersistenceExtensions
{
    /// <summary>
    /// The service's <see cref="Npgsql.NpgsqlDataSource"/> from the Aspire connection string <paramref name="connectionName"/>
    /// (health check, tracing and metrics included), and its migrations run at start-up, before the service
    /// serves requests or relays events.
    /// </summary>
    public static TBuilder AddServiceDatabase<TBuilder>(this TBuilder builder, string connectionName, Assembly migrationsAssembly)
        where TBuilder : IHostApplicationBuilder
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(connectionName)))
        {
            throw new InvalidOperationException(
                $"Connection string '{connectionName}' (environment ConnectionStrings__{connectionName}) is missing.");
        }

        builder.AddNpgsqlDataSource(connectionName, configureDataSourceBuilder: dataSource => dataSource.ConfigureTracing(tracing => tracing
            // Only trace commands that belong to something (a request, a consumer, a relay round that published):
            // the outbox relay polls every second and would otherwise bury real traces in the dashboard.
            .ConfigureCommandFilter(_ => Activity.Current is not null)
            .ConfigureBatchFilter(_ => Activity.Current is not null)));
        builder.Services.AddSingleton(new MigrationSource(migrationsAssembly));
        builder.Services.AddHostedService<DatabaseMigrator>();
        Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;
        TimestampTypeHandler.Register();
        return builder;
    }
}
