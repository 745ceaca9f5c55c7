namespace Dakla06.Contracts.Directives;

// Task events of the directive-tracking service. UnitCode is always the assignee unit; AssignerUnitCode names the
// unit that assigned the task. SourceType/SourceId name another service's record the task was opened for (e.g. an
// inspection finding, whose remediation task sits under the inspecting unit's conclusion document); null otherwise.

/// <summary>A task was assigned to a unit (one event per unit of a fan-out).</summary>
public sealed record TaskAssigned(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string UnitCode,
    Guid TaskId,
    Guid? DocumentId,
    string? SourceType,
    string? SourceId,
    string AssignerUnitCode,
    string Title,
    DateOnly DueOn,
    string Priority,
    string AssignedBy) : IIntegrationEvent;

/// <summary>The assignee unit started working on the task.</summary>
public sealed record TaskStarted(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string UnitCode,
    Guid TaskId,
    Guid? DocumentId,
    string? SourceType,
    string? SourceId,
    string AssignerUnitCode,
    string StartedBy) : IIntegrationEvent;

/// <summary>The assignee unit reported progress; <see cref="Done"/> means it reports the task as completed.</summary>
public sealed record TaskReported(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string UnitCode,
    Guid TaskId,
    Guid? DocumentId,
    string? SourceType,
    string? SourceId,
    string AssignerUnitCode,
    int Percent,
    bool Done,
    string Note,
    string? Result,
    string ReportedBy) : IIntegrationEvent;

/// <summary>The assigning side accepted the completion report; <see cref="OnTime"/> when accepted on or before the deadline.</summary>
public sealed record TaskAccepted(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string UnitCode,
    Guid TaskId,
    Guid? DocumentId,
    string? SourceType,
    string? SourceId,
    string AssignerUnitCode,
    DateOnly DueOn,
    bool OnTime,
    string? Note,
    string AcceptedBy) : IIntegrationEvent;

/// <summary>The assigning side returned a completion report (the task is in progress again).</summary>
public sealed record TaskReturned(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string UnitCode,
    Guid TaskId,
    Guid? DocumentId,
    string? SourceType,
    string? SourceId,
    string AssignerUnitCode,
    string Reason,
    string ReturnedBy) : IIntegrationEvent;

/// <summary>The assigning side sent a reminder (đôn đốc) to the assignee unit.</summary>
public sealed record TaskReminderSent(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string UnitCode,
    Guid TaskId,
    Guid? DocumentId,
    string? SourceType,
    string? SourceId,
    string AssignerUnitCode,
    string Title,
    DateOnly DueOn,
    string Note,
    string RemindedBy,
    string RemindedByUnitCode) : IIntegrationEvent;

/// <summary>An open task passed its deadline (published once per task).</summary>
public sealed record TaskOverdue(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string UnitCode,
    Guid TaskId,
    Guid? DocumentId,
    string? SourceType,
    string? SourceId,
    string AssignerUnitCode,
    string Title,
    DateOnly DueOn,
    string Status) : IIntegrationEvent;
