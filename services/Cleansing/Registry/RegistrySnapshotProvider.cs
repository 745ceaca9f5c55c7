using System.Diagnostics;
using Dakla06.Cleansing.Data;
using Dakla06.Cleansing.Domain;

namespace Dakla06.Cleansing.Registry;

/// <summary>
/// The in-memory registry the engine validates against (singleton). Loaded on first use and reloaded when
/// registry_state.version moved on — checked by one cheap query on every call, i.e. before each batch and each
/// re-validation. Callers that need a load at the same time share it: two million persons are read and indexed once.
/// </summary>
public sealed class RegistrySnapshotProvider(RegistryStore store, ILogger<RegistrySnapshotProvider> logger)
{
    private readonly Lock _gate = new();
    private RegistrySnapshot? _current;
    private Task<RegistrySnapshot>? _loading;

    /// <summary>The snapshot loaded last (null before the first load), without looking at the database.</summary>
    public RegistrySnapshot? Current => Volatile.Read(ref _current);

    /// <summary>A snapshot at least as new as the registry's version at the time of the call.</summary>
    public async Task<RegistrySnapshot> GetCurrentAsync(CancellationToken cancellationToken)
    {
        var version = (await store.GetStateAsync(cancellationToken)).Version;
        while (true)
        {
            if (Volatile.Read(ref _current) is { } current && current.Version >= version)
            {
                return current;
            }

            Task<RegistrySnapshot> load;
            lock (_gate)
            {
                // Task.Run: the load's own clean-up takes this lock, so it cannot finish before _loading is assigned.
                _loading ??= Task.Run(LoadAsync, CancellationToken.None);
                load = _loading;
            }

            // One caller giving up does not cancel the load the others wait for.
            await load.WaitAsync(cancellationToken);
        }
    }

    private async Task<RegistrySnapshot> LoadAsync()
    {
        try
        {
            var stopwatch = Stopwatch.StartNew();
            var snapshot = await store.LoadSnapshotAsync(CancellationToken.None);
            if (Volatile.Read(ref _current) is not { } previous || previous.Version < snapshot.Version)
            {
                Volatile.Write(ref _current, snapshot);
            }

            logger.LogInformation("Registry snapshot version {Version} loaded: {Count} persons in {Elapsed} ms",
                snapshot.Version, snapshot.Count, stopwatch.ElapsedMilliseconds);
            return snapshot;
        }
        finally
        {
            lock (_gate)
            {
                _loading = null;
            }
        }
    }
}
