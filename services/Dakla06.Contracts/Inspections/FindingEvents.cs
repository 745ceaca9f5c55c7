namespace Dakla06.Contracts.Inspections;

// Events of the security-inspection service. UnitCode is the unit the event is about: the responsible unit of a
// finding, the owner unit of an information system. Findings' technical descriptions never travel on the bus:
// every service can read these events, only inspectors and leaders may read a description.

/// <summary>
/// An inspection raised a finding; directive tracking opens a remediation task for <c>UnitCode</c>, due at
/// <see cref="Deadline"/>, under the "inspection conclusion" document of <see cref="InspectingUnitCode"/>.
/// </summary>
public sealed record FindingRaised(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string UnitCode,
    Guid FindingId,
    Guid InspectionId,
    string InspectingUnitCode,
    string TeamCode,
    string TargetName,
    DateOnly InspectedOn,
    string Title,
    string Severity,
    DateOnly Deadline,
    string RaisedBy) : IIntegrationEvent;

/// <summary>An inspector verified the remediation of a finding; its remediation task is closed (accepted).</summary>
public sealed record FindingVerified(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string UnitCode,
    Guid FindingId,
    string? Note,
    string VerifiedBy) : IIntegrationEvent;

/// <summary>
/// A finding is open again: an inspector reopened it, or its risk acceptance expired. Its remediation task goes
/// back to <c>in_progress</c> with <see cref="Reason"/>.
/// </summary>
public sealed record FindingReopened(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string UnitCode,
    Guid FindingId,
    string Reason,
    string ReopenedBy) : IIntegrationEvent;

/// <summary>An information system's connection readiness (cleared to connect to the population database) changed.</summary>
public sealed record ConnectionClearanceChanged(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string UnitCode,
    Guid SystemId,
    string SystemName,
    bool Cleared,
    string Reason) : IIntegrationEvent;

/// <summary>The <c>SourceType</c> of directive tasks opened for a finding (their <c>SourceId</c> is the finding id).</summary>
public static class RemediationTasks
{
    public const string SourceType = "inspection-finding";
}
