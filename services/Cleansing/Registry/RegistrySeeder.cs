using System.Diagnostics;
using Dakla06.Cleansing.Data;
using Dakla06.Cleansing.Quality;
using Dakla06.People;
using Dapper;
using Npgsql;

namespace Dakla06.Cleansing.Registry;

/// <summary>
/// First start of a fresh installation (<c>./dakla06 run</c>): when <c>Cleansing:SeedPersons</c> &gt; 0 and the registry
/// is empty, loads that many generated persons (seed <see cref="Seed"/>, dressed by <see cref="DemoRegistry"/> with the
/// optional fields and a realistic share of the errors the registry-quality rules find) so the sample batch validates
/// and the quality pages have content at once. Runs during start-up after the migrations (hosted services start in
/// registration order), so a started service is seeded. Replicas starting together seed once: the emptiness check and
/// the load happen under the registry's import lock (the registry_state row lock every import takes first), which
/// serialises them the way an advisory lock would and also keeps a seed from racing a real import. A registry that
/// holds persons but was never checked (an installation from before the rules) gets its first rule run here too.
/// </summary>
public sealed class RegistrySeeder(
    RegistryStore store, QualityRules rules, NpgsqlDataSource dataSource, IConfiguration configuration, ILogger<RegistrySeeder> logger) : IHostedService
{
    public const string SeedPersonsKey = "Cleansing:SeedPersons";

    /// <summary>The generator seed of the start-up registry (the sample file is built from the same one).</summary>
    public const int Seed = RegistryGenerator.DemoSeed;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var count = configuration.GetValue<int?>(SeedPersonsKey) ?? 0;
        if (count > 0)
        {
            var stopwatch = Stopwatch.StartNew();
            var result = await store.LoadAsync(DemoRegistry.Generate(Seed, count), onlyWhenEmpty: true, cancellationToken);
            if (result is null)
            {
                logger.LogInformation("Registry already holds persons; start-up seed skipped");
            }
            else
            {
                logger.LogInformation("Registry seeded with {Count} generated persons (seed {Seed}) in {Elapsed} ms, version {Version}",
                    result.Inserted, Seed, stopwatch.ElapsedMilliseconds, result.Version);
            }
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var neverChecked = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM persons) AND NOT EXISTS (SELECT 1 FROM quality_rule_runs)", cancellationToken: cancellationToken));
        if (neverChecked)
        {
            await rules.RunAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
