using System.Diagnostics;
using Dakla06.Cleansing.Data;
using Dakla06.People;

namespace Dakla06.Cleansing.Registry;

/// <summary>
/// First start of a fresh installation (<c>./dakla06 run</c>): when <c>Cleansing:SeedPersons</c> &gt; 0 and the registry
/// is empty, loads that many generated persons (seed <see cref="Seed"/>) so the sample batch validates at once. Runs
/// during start-up after the migrations (hosted services start in registration order), so a started service is seeded.
/// Replicas starting together seed once: the emptiness check and the load happen under the registry's import lock
/// (the registry_state row lock every import takes first), which serialises them the way an advisory lock would
/// and also keeps a seed from racing a real import.
/// </summary>
public sealed class RegistrySeeder(RegistryStore store, IConfiguration configuration, ILogger<RegistrySeeder> logger) : IHostedService
{
    public const string SeedPersonsKey = "Cleansing:SeedPersons";

    /// <summary>The generator seed of the start-up registry (the sample file is built from the same one).</summary>
    public const int Seed = 2022;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var count = configuration.GetValue<int?>(SeedPersonsKey) ?? 0;
        if (count <= 0)
        {
            return;
        }

        var stopwatch = Stopwatch.StartNew();
        var result = await store.LoadAsync(new RegistryGenerator(Seed).Generate(count), onlyWhenEmpty: true, cancellationToken);
        if (result is null)
        {
            logger.LogInformation("Registry already holds persons; start-up seed skipped");
            return;
        }

        logger.LogInformation("Registry seeded with {Count} generated persons (seed {Seed}) in {Elapsed} ms, version {Version}",
            result.Inserted, Seed, stopwatch.ElapsedMilliseconds, result.Version);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
