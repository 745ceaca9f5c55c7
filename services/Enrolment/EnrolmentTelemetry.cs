using System.Diagnostics.Metrics;
using Dakla06.ServiceDefaults.Telemetry;

namespace Dakla06.Enrolment;

/// <summary>Identity enrolment's activities and metrics (<c>Dakla06.Enrolment</c>).</summary>
public sealed class EnrolmentTelemetry : ServiceTelemetry
{
    private readonly Counter<long> _linesImported;

    public EnrolmentTelemetry(IMeterFactory meters)
        : base("Enrolment", meters)
    {
        _linesImported = Meter.CreateCounter<long>(
            "dakla06.enrolment.lines.imported", "{line}", "Import lines (applications, card events, e-ID accounts) by kind and outcome.");
    }

    /// <summary>Counts the lines of one committed import chunk of <paramref name="kind"/> by outcome.</summary>
    public void LinesImported(string kind, long inserted, long updated, long unchanged, long rejected)
    {
        Add(kind, inserted, "inserted");
        Add(kind, updated, "updated");
        Add(kind, unchanged, "unchanged");
        Add(kind, rejected, "rejected");
    }

    private void Add(string kind, long count, string outcome)
    {
        if (count > 0)
        {
            _linesImported.Add(count,
                new KeyValuePair<string, object?>("dakla06.import.kind", kind),
                new KeyValuePair<string, object?>("dakla06.import.outcome", outcome));
        }
    }
}
