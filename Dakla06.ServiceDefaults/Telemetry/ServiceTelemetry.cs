using System.Diagnostics;
using System.Diagnostics.Metrics;
using Dakla06.Contracts.AdminUnits;
using Microsoft.Extensions.Hosting;

namespace Dakla06.ServiceDefaults.Telemetry;

/// <summary>
/// A service's own activities and metrics: an <see cref="ActivitySource"/> and a <see cref="Meter"/> both named
/// <c>Dakla06.&lt;Service&gt;</c>, which the service defaults export (they listen to everything under
/// <see cref="ServiceDefaultsExtensions.TelemetryPrefix"/>). Each service derives one class that declares its instruments,
/// registers it with <c>builder.AddServiceTelemetry&lt;T&gt;()</c> and injects it where its work is traced or counted.
/// Instruments are named <c>dakla06.&lt;service&gt;.&lt;what&gt;</c> and tagged only with bounded values (a unit level,
/// a severity, a class; never a unit code or an id), and counted once the change they count has committed.
/// </summary>
public abstract class ServiceTelemetry : IDisposable
{
    /// <param name="service">The service's name as in its namespace, e.g. <c>Directives</c>.</param>
    /// <param name="meters">The host's meter factory (tests listen to one host's meters through it).</param>
    protected ServiceTelemetry(string service, IMeterFactory meters)
    {
        Name = $"{ServiceDefaultsExtensions.TelemetryPrefix}.{service}";
        ActivitySource = new ActivitySource(Name);
        Meter = meters.Create(Name);
    }

    /// <summary>The name of the activity source and of the meter, e.g. <c>Dakla06.Directives</c>.</summary>
    public string Name { get; }

    public ActivitySource ActivitySource { get; }

    /// <summary>Where the subclass creates its instruments; owned by the meter factory (disposed with the host).</summary>
    protected Meter Meter { get; }

    /// <summary>Tag of a measurement by administrative level: <c>province</c>, <c>district</c> or <c>commune</c>.</summary>
    public static KeyValuePair<string, object?> UnitLevel(AdminLevel level) => new("dakla06.unit.level", level switch
    {
        AdminLevel.Province => "province",
        AdminLevel.District => "district",
        AdminLevel.Commune => "commune",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    });

    /// <summary>Starts an activity of this service (null when nobody listens).</summary>
    public Activity? StartActivity(string name) => ActivitySource.StartActivity(name);

    public void Dispose()
    {
        ActivitySource.Dispose();
        GC.SuppressFinalize(this);
    }
}
