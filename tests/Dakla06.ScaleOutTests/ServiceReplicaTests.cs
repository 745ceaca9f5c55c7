using Dakla06.Contracts.Http.Cleansing;
using Dakla06.Contracts.Http.Enrolment;
using Dakla06.Contracts.Http.Inspections;
using Dakla06.Contracts.Http.Statistics;
using Dakla06.EndToEndTests;
using Dakla06.IntegrationTests.Support;

namespace Dakla06.ScaleOutTests;

/// <summary>
/// One short story per service with two replicas of each: what replicas starting together or sharing the work could
/// break — a seed loaded twice, an event consumed twice, an import job taken by both — does not happen.
/// </summary>
public sealed class ServiceReplicaTests(ScaleOutSystem system)
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Cleansing_replicas_starting_together_seed_the_registry_once()
    {
        var cleanser = new CleansingClient(await system.ApiClientForAsync("cleansing-api", "province.cleanser"));
        var registry = await cleanser.GetRegistryAsync(TestContext.Current.CancellationToken);
        Assert.Equal(ScaleOutSystem.SeedPersons, registry.PersonCount);
    }

    [Fact]
    public async Task A_finding_raised_at_one_inspections_replica_becomes_exactly_one_task_across_the_directives_replicas()
    {
        var inspector = new InspectionsClient(await system.ApiClientForAsync("inspections-api", "province.inspector"));
        var bmt = await system.DirectivesClientForAsync("bmt.officer");
        var findingId = await RemediationSteps.RaiseFindingAsync(inspector, DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).AddDays(-1));

        var task = await RemediationSteps.TaskOfAsync(bmt, findingId, JobTimeout);
        Assert.Equal("643", task.AssigneeUnitCode);
        Assert.Equal(1, (await RemediationSteps.TasksOfAsync(bmt, findingId)).Total);
    }

    [Fact]
    public async Task A_dossier_import_is_done_once_by_one_of_the_statistics_replicas()
    {
        var cancel = TestContext.Current.CancellationToken;
        // The sample dossiers are of the sample catalogue's procedures and of units across the province: the province
        // imports both (the end-to-end tests read the per-unit rejections; here only "done once" matters).
        var officer = new StatisticsClient(await system.ApiClientForAsync("statistics-api", "province.officer"));
        await using (var catalogue = File.OpenRead(BrowserTest.SamplePath("Statistics", "procedures-sample.csv")))
        {
            Assert.Equal(0, (await officer.ImportProceduresAsync(catalogue, "procedures-sample.csv", cancel)).Rejected);
        }

        await using var file = File.OpenRead(BrowserTest.SamplePath("Statistics", "dossiers-sample.csv"));
        var queued = await officer.ImportDossiersAsync(file, "dossiers-sample.csv", DossierSources.Igate, cancel);

        var job = await Eventually.ReturnsAsync(() => officer.GetImportAsync(queued.Id, cancel), j => j?.Status is ImportStatuses.Completed or ImportStatuses.Failed,
            JobTimeout, "the dossier import job ends");
        Assert.Equal(ImportStatuses.Completed, job!.Status);
        Assert.True(job.Inserted > 0, $"The sample inserted no dossier: {job}");
        Assert.Equal(File.ReadLines(BrowserTest.SamplePath("Statistics", "dossiers-sample.csv")).Count(l => l.Length > 0) - 1,
            job.Inserted + job.Updated + job.Unchanged + job.Rejected);
    }

    [Fact]
    public async Task The_enrolment_sample_imports_once_without_rejections()
    {
        var cancel = TestContext.Current.CancellationToken;
        var officer = new EnrolmentClient(await system.ApiClientForAsync("enrolment-api", "tanloi.officer"));
        var path = BrowserTest.SamplePath("Enrolment", "applications-sample.csv");
        await using var file = File.OpenRead(path);
        var queued = await officer.ImportApplicationsAsync(file, "applications-sample.csv", cancel);

        var job = await Eventually.ReturnsAsync(() => officer.GetImportAsync(queued.Id, cancel), j => j?.Status is ImportStatuses.Completed or ImportStatuses.Failed,
            JobTimeout, "the application import job ends");
        Assert.Equal((ImportStatuses.Completed, 0L), (job!.Status, job.Rejected));
        Assert.Equal(File.ReadLines(path).Count() - 1, job.Inserted);
    }
}
