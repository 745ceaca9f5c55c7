using System.Diagnostics.Metrics;
using Dakla06.ServiceDefaults.Telemetry;

namespace Dakla06.Inspections;

/// <summary>Security inspections' activities and metrics (<c>Dakla06.Inspections</c>).</summary>
public sealed class InspectionsTelemetry : ServiceTelemetry
{
    private readonly Counter<long> _findingsRaised;

    public InspectionsTelemetry(IMeterFactory meters)
        : base("Inspections", meters)
    {
        _findingsRaised = Meter.CreateCounter<long>(
            "dakla06.inspections.findings.raised", "{finding}", "Findings raised, by hand or by a failed critical checklist item, by severity.");
    }

    /// <summary>Counts committed findings of one severity.</summary>
    public void FindingsRaised(string severity, int count = 1)
    {
        if (count > 0)
        {
            _findingsRaised.Add(count, new KeyValuePair<string, object?>("dakla06.finding.severity", severity));
        }
    }
}
