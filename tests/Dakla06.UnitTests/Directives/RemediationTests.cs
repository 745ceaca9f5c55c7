using Dakla06.Contracts.Inspections;
using Dakla06.Directives.Domain;

namespace Dakla06.UnitTests.Directives;

public class RemediationTests
{
    private static FindingRaised Finding(string severity = "critical", string title = "Chưa cài phần mềm diệt virus") => new(
        Guid.NewGuid(), DateTimeOffset.UtcNow, "643", Guid.NewGuid(), Guid.Parse("0193a6b2-7c1d-7e4f-8a9b-1c2d3e4f5a6b"), "66", "PA05",
        "Cổng dịch vụ công tỉnh", new DateOnly(2022, 11, 10), title, severity, new DateOnly(2022, 11, 17), "province.inspector");

    [Theory]
    [InlineData("critical", "urgent")]
    [InlineData("high", "high")]
    [InlineData("medium", "normal")]
    [InlineData("low", "low")]
    public void Severity_maps_to_a_task_priority(string severity, string priority)
    {
        Assert.Equal(priority, Remediation.Priority(severity));
        Assert.NotNull(TaskPriorities.Find(priority));
    }

    [Fact]
    public void An_unknown_severity_is_a_contract_breach() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Remediation.Priority("severe"));

    [Fact]
    public void Title_subject_and_number_name_the_finding_the_target_and_the_inspection()
    {
        var finding = Finding();
        Assert.Equal("Khắc phục: Chưa cài phần mềm diệt virus", Remediation.Title(finding));
        Assert.Equal("Kết luận kiểm tra an ninh, an toàn: Cổng dịch vụ công tỉnh (10/11/2022)", Remediation.ConclusionSubject(finding));
        // The random tail of the inspection id, not its timestamp head.
        Assert.Equal("KL-PA05-1C2D3E4F5A6B", Remediation.ConclusionNumber(finding));
        Assert.Contains("Cổng dịch vụ công tỉnh", Remediation.Description(finding), StringComparison.Ordinal);
        Assert.Contains("17/11/2022", Remediation.Description(finding), StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_finding_title_is_cut_to_the_task_title_limit()
    {
        var title = Remediation.Title(Finding(title: new string('x', 600)));
        Assert.Equal(NewTask.MaxTitleLength, title.Length);
        Assert.EndsWith("…", title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TaskState.Assigned, TaskState.Accepted)]
    [InlineData(TaskState.InProgress, TaskState.Accepted)]
    [InlineData(TaskState.ReportedDone, TaskState.Accepted)]
    [InlineData(TaskState.Accepted, null)]
    public void Verification_closes_the_task_from_any_open_state(TaskState from, TaskState? expected) =>
        Assert.Equal(expected, Remediation.OnVerified(from)?.To);

    [Theory]
    [InlineData(TaskState.Assigned, TaskState.Assigned)]
    [InlineData(TaskState.InProgress, TaskState.InProgress)]
    [InlineData(TaskState.ReportedDone, TaskState.InProgress)]
    [InlineData(TaskState.Accepted, TaskState.InProgress)]
    public void Reopening_sends_reported_or_closed_tasks_back_and_records_the_reason_on_open_ones(TaskState from, TaskState expected)
    {
        var transition = Remediation.OnReopened(from);
        Assert.Equal(expected, transition.To);
        Assert.Equal("returned", transition.EventKind);
    }

    [Theory]
    [InlineData(TaskAction.Accept)]
    [InlineData(TaskAction.Return)]
    public void Users_cannot_accept_or_return_a_remediation_task(TaskAction action)
    {
        var transition = TaskLifecycle.Decide(TaskState.ReportedDone, action, closedByVerification: true);
        Assert.False(transition.Allowed);
        Assert.StartsWith(Remediation.ClosedOnlyByVerification, transition.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void The_assignee_works_on_a_remediation_task_as_on_any_task()
    {
        Assert.Equal(TaskState.InProgress, TaskLifecycle.Decide(TaskState.Assigned, TaskAction.Start, closedByVerification: true).To);
        Assert.Equal(TaskState.ReportedDone, TaskLifecycle.Decide(TaskState.InProgress, TaskAction.Report, done: true, closedByVerification: true).To);
        Assert.True(TaskLifecycle.Decide(TaskState.InProgress, TaskAction.Remind, closedByVerification: true).Allowed);
    }

    [Theory]
    [InlineData(TaskState.ReportedDone, false, true, new TaskAction[0])]
    [InlineData(TaskState.Assigned, false, true, new[] { TaskAction.Remind })]
    [InlineData(TaskState.Assigned, true, false, new[] { TaskAction.Start, TaskAction.Report })]
    public void Remediation_tasks_never_offer_accept_or_return(TaskState state, bool assignee, bool assigner, TaskAction[] expected) =>
        Assert.Equal(expected, TaskLifecycle.AllowedActions(state, assignee, assigner, canWrite: true, closedByVerification: true));

    [Fact]
    public void The_conclusion_type_is_stored_and_labelled_but_not_registrable()
    {
        Assert.Null(DocumentType.Find("inspection-conclusion"));
        Assert.Equal("Kết luận kiểm tra", DocumentType.FindStored("inspection-conclusion")?.NameVi);
        Assert.Equal("inspection-finding", RemediationTasks.SourceType);
        Assert.True(Remediation.IsRemediation("inspection-finding"));
        Assert.False(Remediation.IsRemediation(null));
    }
}
