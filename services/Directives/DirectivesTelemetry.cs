using System.Diagnostics.Metrics;
using Dakla06.Contracts.AdminUnits;
using Dakla06.ServiceDefaults.Telemetry;

namespace Dakla06.Directives;

/// <summary>Directive tracking's activities and metrics (<c>Dakla06.Directives</c>).</summary>
public sealed class DirectivesTelemetry : ServiceTelemetry
{
    private readonly Counter<long> _tasksAssigned;

    public DirectivesTelemetry(IMeterFactory meters)
        : base("Directives", meters)
    {
        _tasksAssigned = Meter.CreateCounter<long>(
            "dakla06.directives.tasks.assigned", "{task}", "Tasks assigned from directive documents, by the assignee unit's level.");
    }

    /// <summary>Counts committed tasks, one per assignee unit.</summary>
    public void TasksAssigned(IEnumerable<AdminUnit> assignees)
    {
        foreach (var level in assignees.GroupBy(unit => unit.Level))
        {
            _tasksAssigned.Add(level.Count(), UnitLevel(level.Key));
        }
    }
}
