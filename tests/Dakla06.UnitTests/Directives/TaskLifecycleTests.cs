using Dakla06.Directives.Domain;

namespace Dakla06.UnitTests.Directives;

public class TaskLifecycleTests
{
    /// <summary>Every (state, action, done) with the expected new state, or null when refused.</summary>
    public static TheoryData<TaskState, TaskAction, bool, TaskState?> Table => new()
    {
        { TaskState.Assigned, TaskAction.Start, false, TaskState.InProgress },
        { TaskState.InProgress, TaskAction.Start, false, null },
        { TaskState.ReportedDone, TaskAction.Start, false, null },
        { TaskState.Accepted, TaskAction.Start, false, null },

        { TaskState.Assigned, TaskAction.Report, false, TaskState.InProgress },      // reporting starts implicitly
        { TaskState.Assigned, TaskAction.Report, true, TaskState.ReportedDone },
        { TaskState.InProgress, TaskAction.Report, false, TaskState.InProgress },
        { TaskState.InProgress, TaskAction.Report, true, TaskState.ReportedDone },
        { TaskState.ReportedDone, TaskAction.Report, false, null },
        { TaskState.ReportedDone, TaskAction.Report, true, null },
        { TaskState.Accepted, TaskAction.Report, false, null },
        { TaskState.Accepted, TaskAction.Report, true, null },

        { TaskState.Assigned, TaskAction.Accept, false, null },
        { TaskState.InProgress, TaskAction.Accept, false, null },
        { TaskState.ReportedDone, TaskAction.Accept, false, TaskState.Accepted },
        { TaskState.Accepted, TaskAction.Accept, false, null },

        { TaskState.Assigned, TaskAction.Return, false, null },
        { TaskState.InProgress, TaskAction.Return, false, null },
        { TaskState.ReportedDone, TaskAction.Return, false, TaskState.InProgress },
        { TaskState.Accepted, TaskAction.Return, false, null },

        { TaskState.Assigned, TaskAction.Remind, false, TaskState.Assigned },
        { TaskState.InProgress, TaskAction.Remind, false, TaskState.InProgress },
        { TaskState.ReportedDone, TaskAction.Remind, false, null },
        { TaskState.Accepted, TaskAction.Remind, false, null },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Each_transition_is_allowed_or_refused_with_a_Vietnamese_reason(TaskState from, TaskAction action, bool done, TaskState? expected)
    {
        var transition = TaskLifecycle.Decide(from, action, done);

        if (expected is { } to)
        {
            Assert.True(transition.Allowed);
            Assert.Equal(to, transition.To);
            Assert.NotEmpty(transition.EventKind);
            Assert.Null(transition.Refusal);
        }
        else
        {
            Assert.False(transition.Allowed);
            Assert.Equal(from, transition.To);
            Assert.False(string.IsNullOrWhiteSpace(transition.Refusal));
            Assert.Contains(TaskStatuses.Vietnamese(from), transition.Refusal, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_table_covers_every_state_and_action()
    {
        var covered = Table.Select(row => ((TaskState)row.Data.Item1, (TaskAction)row.Data.Item2)).ToHashSet();
        foreach (var state in Enum.GetValues<TaskState>())
        {
            foreach (var action in Enum.GetValues<TaskAction>())
            {
                Assert.Contains((state, action), covered);
            }
        }
    }

    [Theory]
    [InlineData(TaskAction.Start, TaskSide.Assignee)]
    [InlineData(TaskAction.Report, TaskSide.Assignee)]
    [InlineData(TaskAction.Accept, TaskSide.Assigner)]
    [InlineData(TaskAction.Return, TaskSide.Assigner)]
    [InlineData(TaskAction.Remind, TaskSide.Assigner)]
    public void Each_action_belongs_to_one_side(TaskAction action, TaskSide side) =>
        Assert.Equal(side, TaskLifecycle.SideOf(action));

    [Theory]
    [InlineData(TaskState.Assigned, true, false, true, new[] { TaskAction.Start, TaskAction.Report })]
    [InlineData(TaskState.InProgress, true, false, true, new[] { TaskAction.Report })]
    [InlineData(TaskState.Assigned, false, true, true, new[] { TaskAction.Remind })]
    [InlineData(TaskState.ReportedDone, false, true, true, new[] { TaskAction.Accept, TaskAction.Return })]
    [InlineData(TaskState.ReportedDone, true, false, true, new TaskAction[0])]
    [InlineData(TaskState.Accepted, false, true, true, new TaskAction[0])]
    [InlineData(TaskState.ReportedDone, false, true, false, new TaskAction[0])]   // no directive-officer role
    public void Allowed_actions_depend_on_state_side_and_role(TaskState state, bool assignee, bool assigner, bool canWrite, TaskAction[] expected) =>
        Assert.Equal(expected, TaskLifecycle.AllowedActions(state, assignee, assigner, canWrite));

    [Fact]
    public void Status_names_round_trip()
    {
        foreach (var state in Enum.GetValues<TaskState>())
        {
            Assert.Equal(state, TaskStatuses.Parse(TaskStatuses.Name(state)));
        }

        Assert.Null(TaskStatuses.TryParse("done"));
    }

    /// <summary>The history kinds are stored and read back by the API and the web (labels, colours, reminder counts).</summary>
    [Theory]
    [InlineData(TaskState.Assigned, TaskAction.Start, false, "started")]
    [InlineData(TaskState.InProgress, TaskAction.Report, true, "reported")]
    [InlineData(TaskState.InProgress, TaskAction.Report, false, "reported")]
    [InlineData(TaskState.ReportedDone, TaskAction.Accept, false, "accepted")]
    [InlineData(TaskState.ReportedDone, TaskAction.Return, false, "returned")]
    [InlineData(TaskState.InProgress, TaskAction.Remind, false, "reminded")]
    public void Each_allowed_transition_records_its_history_kind(TaskState from, TaskAction action, bool done, string kind) =>
        Assert.Equal(kind, TaskLifecycle.Decide(from, action, done).EventKind);

    [Fact]
    public void States_and_actions_have_their_stored_names_and_Vietnamese_labels()
    {
        Assert.Equal(["assigned", "in_progress", "reported_done", "accepted"], Enum.GetValues<TaskState>().Select(TaskStatuses.Name));
        Assert.Equal(TaskStatuses.All, Enum.GetValues<TaskState>().Select(TaskStatuses.Name));
        Assert.Equal(["Đã giao", "Đang thực hiện", "Đã báo cáo hoàn thành", "Đã công nhận hoàn thành"],
            Enum.GetValues<TaskState>().Select(TaskStatuses.Vietnamese));
        Assert.Equal(["start", "report", "accept", "return", "remind"], Enum.GetValues<TaskAction>().Select(TaskStatuses.ActionName));
        Assert.Equal(TaskState.InProgress, TaskStatuses.TryParse(" in_progress "));
        Assert.Null(TaskStatuses.TryParse(null));
        Assert.Throws<ArgumentOutOfRangeException>(() => TaskStatuses.Parse("done"));
    }

    [Theory]
    [InlineData(TaskState.Assigned, true)]
    [InlineData(TaskState.InProgress, true)]
    [InlineData(TaskState.ReportedDone, false)]
    [InlineData(TaskState.Accepted, false)]
    public void Only_assigned_and_in_progress_tasks_are_open(TaskState state, bool open) =>
        Assert.Equal(open, TaskStatuses.IsOpen(state));

    [Fact]
    public void A_remediation_task_returned_by_a_user_is_told_to_have_the_finding_reopened()
    {
        var accept = TaskLifecycle.Decide(TaskState.ReportedDone, TaskAction.Accept, closedByVerification: true).Refusal;
        var returned = TaskLifecycle.Decide(TaskState.ReportedDone, TaskAction.Return, closedByVerification: true).Refusal;

        Assert.Equal("Nhiệm vụ khắc phục chỉ được đóng khi tổ kiểm tra xác minh.", accept);
        Assert.Equal("Nhiệm vụ khắc phục chỉ được đóng khi tổ kiểm tra xác minh; nếu chưa đạt, tổ kiểm tra mở lại phát hiện.", returned);
    }
}
