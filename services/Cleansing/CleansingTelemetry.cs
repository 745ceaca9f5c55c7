using System.Diagnostics.Metrics;
using Dakla06.ServiceDefaults.Telemetry;

namespace Dakla06.Cleansing;

/// <summary>Data cleansing's activities and metrics (<c>Dakla06.Cleansing</c>).</summary>
public sealed class CleansingTelemetry : ServiceTelemetry
{
    private readonly Counter<long> _recordsValidated;
    private readonly Histogram<double> _batchDuration;

    public CleansingTelemetry(IMeterFactory meters)
        : base("Cleansing", meters)
    {
        _recordsValidated = Meter.CreateCounter<long>("dakla06.cleansing.records.validated", "{record}", "Records validated, by class.");
        _batchDuration = Meter.CreateHistogram<double>("dakla06.cleansing.batch.duration", "s", "Time a worker spent on a batch run, by outcome.");
    }

    /// <summary>Counts the records of a committed chunk of one class.</summary>
    public void RecordsValidated(string recordClass, int count) =>
        _recordsValidated.Add(count, new KeyValuePair<string, object?>("dakla06.record.class", recordClass));

    /// <summary>Records how long a batch run took until it ended with <paramref name="status"/>.</summary>
    public void BatchRun(string status, TimeSpan elapsed) =>
        _batchDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("dakla06.batch.status", status));
}
