using Dakla06.Contracts.Directives;
using Dakla06.Contracts.Http.Inspections;
using Dakla06.Contracts.Inspections;
using Dakla06.Inspections;
using Dakla06.Inspections.Jobs;
using Dakla06.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dakla06.IntegrationTests.Inspections;

/// <summary>
/// The inspections API on its own database and broker virtual host, with a fake clock and without the risk-expiry
/// scanner's background loop: tests run <see cref="RiskAcceptanceExpiryScanner.ScanOnceAsync"/> themselves. The
/// findings' and readiness events the service publishes are recorded in <c>Events</c>.
/// </summary>
public class InspectionsFixture() : ServiceFixture<InspectionsMarker, InspectionsClient>("inspections", http => new InspectionsClient(http))
{
    protected override bool UsesFakeClock => true;

    protected override void ConfigureServices(IServiceCollection services) => RemoveHostedService<RiskAcceptanceExpiryScanner>(services);

    protected override void ObserveEvents(EventRecorder recorder) =>
        recorder.Record<FindingRaised>().Record<FindingVerified>().Record<FindingReopened>().Record<ConnectionClearanceChanged>();

    /// <summary>A scanner over the API's database, as another replica would run it.</summary>
    public RiskAcceptanceExpiryScanner CreateScanner() => ActivatorUtilities.CreateInstance<RiskAcceptanceExpiryScanner>(Api.Services);

    /// <summary>Publishes what directive tracking publishes when a unit reports a remediation task (the event id is the message id).</summary>
    public Task PublishTaskReportedAsync(Guid findingId, string note, bool done = true, Guid? messageId = null, Guid? taskId = null, string sourceType = RemediationTasks.SourceType, string unit = "66") =>
        PublishAsync(new TaskReported(Guid.CreateVersion7(), DateTimeOffset.UtcNow, unit, taskId ?? Guid.CreateVersion7(), null, sourceType,
            findingId.ToString("D"), "66", done ? 100 : 50, done, note, null, "unit.officer"), messageId);

    /// <summary>Registers an information system (as an inspector) and returns its id.</summary>
    public static async Task<Guid> RegisterSystemAsync(InspectionsClient inspector, string name, string ownerUnitCode, string kind = "integration-platform", int securityLevel = 3) =>
        (await inspector.CreateSystemAsync(new CreateSystemRequest(name, ownerUnitCode, kind, securityLevel), TestContext.Current.CancellationToken)).Id;

    /// <summary>Plans an inspection with the target's checklist (unless named) and returns its id.</summary>
    public static async Task<Guid> PlanInspectionAsync(InspectionsClient inspector, string targetType, Guid targetId, string teamCode, DateOnly plannedOn, string? checklistCode = null) =>
        (await inspector.CreateInspectionAsync(new CreateInspectionRequest(
            targetType, targetId, teamCode, plannedOn, checklistCode ?? (targetType == "system" ? "system-connection" : "endpoint-connection")),
            cancellationToken: TestContext.Current.CancellationToken)).Id;

    /// <summary>Every item of <paramref name="inspection"/>'s checklist: those in <paramref name="failed"/> fail (with <paramref name="failNote"/>), the rest pass.</summary>
    public static SaveResultsRequest ResultsFor(InspectionDto inspection, int[] failed, string? failNote = "Không đạt yêu cầu") =>
        new([.. inspection.Items.Select(i => new ItemResultRequest(i.No, failed.Contains(i.No) ? "fail" : "pass", failed.Contains(i.No) ? failNote : null))]);

    /// <summary>
    /// Plans, starts, records every item (those in <paramref name="failed"/> fail, the rest pass) and completes an
    /// inspection; returns the completed inspection.
    /// </summary>
    public static async Task<InspectionDto> RunInspectionAsync(
        InspectionsClient inspector, string targetType, Guid targetId, string teamCode, DateOnly on, int[] failed, string conclusion = "Kết luận kiểm tra")
    {
        var cancel = TestContext.Current.CancellationToken;
        var id = await PlanInspectionAsync(inspector, targetType, targetId, teamCode, on);
        var started = await inspector.StartInspectionAsync(id, new StartInspectionRequest(on), cancel);
        await inspector.SaveResultsAsync(id, ResultsFor(started, failed), cancel);
        return await inspector.CompleteInspectionAsync(id, new CompleteInspectionRequest(conclusion, on), cancel);
    }
}
