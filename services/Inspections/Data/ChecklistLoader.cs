using System.Reflection;

namespace Dakla06.Inspections.Data;

/// <summary>
/// Loads the checklist templates shipped as embedded <c>Data/Checklists/*.json</c> at start-up, after the
/// migrations (hosted services start in registration order). Idempotent and safe with several replicas: each
/// (code, version) is inserted once and never changed; to change a checklist, ship a new version.
/// </summary>
public sealed partial class ChecklistLoader(ChecklistStore store, ILogger<ChecklistLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var assembly = typeof(ChecklistLoader).Assembly;
        foreach (var resource in Resources(assembly))
        {
            await using var stream = assembly.GetManifestResourceStream(resource)!;
            var template = ChecklistStore.Parse(stream, resource);
            if (await store.InsertIfMissingAsync(template, cancellationToken))
            {
                LogLoaded(template.Code, template.Version, template.Items.Count);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The embedded checklist files, in name order.</summary>
    public static IReadOnlyList<string> Resources(Assembly assembly) =>
        assembly.GetManifestResourceNames()
            .Where(n => n.Contains(".Checklists.", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded checklist {Code} version {Version} ({Items} items)")]
    private partial void LogLoaded(string code, int version, int items);
}
