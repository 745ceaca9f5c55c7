using Dakla06.Contracts.Http.Directives;
namespace Dakla06.Directives.Domain;

/// <summary>Where a task is in its life cycle; <see cref="TaskStatuses"/> has the stored/API names.</summary>
public enum TaskState
{
    Assigned,
    InProgress,
    ReportedDone,
    Accepted,
}

/// <summary>What a caller can do to a task.</summary>
public enum TaskAction
{
    Start,
    Report,
    Accept,
    Return,
    Remind,
}

/// <summary>Which side of the assignment may take an action.</summary>
public enum TaskSide
{
    /// <summary>Officers of the assignee unit itself (not the units above it: the unit reports its own work).</summary>
    Assignee,

    /// <summary>
    /// Officers of the assigner unit or of a unit above it (the province may accept what a district assigned),
    /// i.e. the caller's scope contains the assigner unit.
    /// </summary>
    Assigner,
}

/// <summary>Stored and API names of states and actions, and their Vietnamese labels.</summary>
public static class TaskStatuses
{
    public const string Assigned = "assigned";
    public const string InProgress = "in_progress";
    public const string ReportedDone = "reported_done";
    public const string Accepted = "accepted";

    public static IReadOnlyList<string> All { get; } = [Assigned, InProgress, ReportedDone, Accepted];

    public static string Name(TaskState state) => state switch
    {
        TaskState.Assigned => Assigned,
        TaskState.InProgress => InProgress,
        TaskState.ReportedDone => ReportedDone,
        TaskState.Accepted => Accepted,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static TaskState Parse(string name) => TryParse(name)
        ?? throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown task status.");

    public static TaskState? TryParse(string? name) => name?.Trim() switch
    {
        Assigned => TaskState.Assigned,
        InProgress => TaskState.InProgress,
        ReportedDone => TaskState.ReportedDone,
        Accepted => TaskState.Accepted,
        _ => null,
    };

    public static string Vietnamese(TaskState state) => state switch
    {
        TaskState.Assigned => "Đã giao",
        TaskState.InProgress => "Đang thực hiện",
        TaskState.ReportedDone => "Đã báo cáo hoàn thành",
        TaskState.Accepted => "Đã công nhận hoàn thành",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static string ActionName(TaskAction action) => action switch
    {
        TaskAction.Start => TaskActions.Start,
        TaskAction.Report => TaskActions.Report,
        TaskAction.Accept => TaskActions.Accept,
        TaskAction.Return => TaskActions.Return,
        TaskAction.Remind => TaskActions.Remind,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    /// <summary>Open tasks count as overdue once their deadline has passed.</summary>
    public static bool IsOpen(TaskState state) => state is TaskState.Assigned or TaskState.InProgress;
}

/// <summary>The outcome of asking the life cycle for a transition: the new state and the history kind, or why not.</summary>
public sealed record TaskTransition(bool Allowed, TaskState To, string EventKind, string? Refusal)
{
    public static TaskTransition Allow(TaskState to, string eventKind) => new(true, to, eventKind, null);

    public static TaskTransition Refused(TaskState stays, string reason) => new(false, stays, string.Empty, reason);
}

/// <summary>
/// The task life cycle as a pure state machine:
/// <c>assigned → in_progress</c> (start, assignee), <c>assigned|in_progress → reported_done</c> (report with done,
/// assignee; a report on an assigned task starts it implicitly), a report without done keeps or makes it
/// <c>in_progress</c>, <c>reported_done → accepted</c> (accept, assigner side), <c>reported_done → in_progress</c>
/// (return with a reason, assigner side), reminders on open tasks (assigner side, no state change).
/// Anything else is refused with a Vietnamese reason (the API answers 409). Remediation tasks (opened for an
/// inspection finding, <paramref name="closedByVerification"/>) are never accepted or returned by users: the
/// inspection team closes them by verifying the finding (<see cref="Remediation"/>).
/// </summary>
public static class TaskLifecycle
{
    public static TaskSide SideOf(TaskAction action) => action switch
    {
        TaskAction.Start or TaskAction.Report => TaskSide.Assignee,
        TaskAction.Accept or TaskAction.Return or TaskAction.Remind => TaskSide.Assigner,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    public static TaskTransition Decide(TaskState from, TaskAction action, bool done = false, bool closedByVerification = false)
    {
        if (closedByVerification && action is TaskAction.Accept or TaskAction.Return)
        {
            return TaskTransition.Refused(from, action == TaskAction.Accept
                ? $"{Remediation.ClosedOnlyByVerification}."
                : $"{Remediation.ClosedOnlyByVerification}; nếu chưa đạt, tổ kiểm tra mở lại phát hiện.");
        }

        var current = TaskStatuses.Vietnamese(from);
        return (action, from) switch
        {
            (TaskAction.Start, TaskState.Assigned) => TaskTransition.Allow(TaskState.InProgress, "started"),
            (TaskAction.Start, _) => TaskTransition.Refused(from,
                $"Chỉ bắt đầu được nhiệm vụ ở trạng thái \"Đã giao\"; nhiệm vụ này đang ở trạng thái \"{current}\"."),

            (TaskAction.Report, TaskState.Assigned or TaskState.InProgress) =>
                TaskTransition.Allow(done ? TaskState.ReportedDone : TaskState.InProgress, "reported"),
            (TaskAction.Report, _) => TaskTransition.Refused(from,
                $"Nhiệm vụ đang ở trạng thái \"{current}\", không thể báo cáo thêm; chờ đơn vị giao trả lại nếu cần bổ sung."),

            (TaskAction.Accept, TaskState.ReportedDone) => TaskTransition.Allow(TaskState.Accepted, "accepted"),
            (TaskAction.Accept, _) => TaskTransition.Refused(from,
                $"Chỉ công nhận hoàn thành được nhiệm vụ đã báo cáo hoàn thành; nhiệm vụ này đang ở trạng thái \"{current}\"."),

            (TaskAction.Return, TaskState.ReportedDone) => TaskTransition.Allow(TaskState.InProgress, "returned"),
            (TaskAction.Return, _) => TaskTransition.Refused(from,
                $"Chỉ trả lại được nhiệm vụ đã báo cáo hoàn thành; nhiệm vụ này đang ở trạng thái \"{current}\"."),

            (TaskAction.Remind, TaskState.Assigned or TaskState.InProgress) => TaskTransition.Allow(from, "reminded"),
            (TaskAction.Remind, _) => TaskTransition.Refused(from,
                $"Không đôn đốc nhiệm vụ ở trạng thái \"{current}\"."),

            _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
        };
    }

    /// <summary>The actions a caller may take now (the web shows a button for each).</summary>
    public static IReadOnlyList<TaskAction> AllowedActions(
        TaskState state, bool isAssigneeSide, bool isAssignerSide, bool canWrite, bool closedByVerification = false)
    {
        if (!canWrite)
        {
            return [];
        }

        return Enum.GetValues<TaskAction>()
            .Where(action => SideOf(action) == TaskSide.Assignee ? isAssigneeSide : isAssignerSide)
            .Where(action => Decide(state, action, closedByVerification: closedByVerification).Allowed)
            .ToList();
    }
}
