using System.Diagnostics.Metrics;
using Dakla06.ServiceDefaults.Telemetry;

namespace Dakla06.Statistics;

/// <summary>Public-service statistics' activities and metrics (<c>Dakla06.Statistics</c>).</summary>
public sealed class StatisticsTelemetry : ServiceTelemetry
{
    private readonly Counter<long> _dossiersImported;

    public StatisticsTelemetry(IMeterFactory meters)
        : base("Statistics", meters)
    {
        _dossiersImported = Meter.CreateCounter<long>(
            "dakla06.statistics.dossiers.imported", "{dossier}", "Dossier lines imported, by outcome (inserted, updated, unchanged, rejected).");
    }

    /// <summary>Counts the lines of one committed import chunk by outcome.</summary>
    public void DossiersImported(long inserted, long updated, long unchanged, long rejected)
    {
        Add(inserted, "inserted");
        Add(updated, "updated");
        Add(unchanged, "unchanged");
        Add(rejected, "rejected");
    }

    private void Add(long count, string outcome)
    {
        if (count > 0)
        {
            _dossiersImported.Add(count, new KeyValuePair<string, object?>("dakla06.import.outcome", outcome));
        }
    }
}
