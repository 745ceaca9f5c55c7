using Dakla06.Contracts.Http.Enrolment;
using Dakla06.Contracts.Http.Statistics;
using Dakla06.Testing;

namespace Dakla06.IntegrationTests.Enrolment;

/// <summary>The sample files under <c>services/Enrolment/samples</c> import cleanly for Phường Tân Lợi, in the README's order.</summary>
public sealed class SampleFileTests(EnrolmentFixture fixture) : IClassFixture<EnrolmentFixture>
{
    private static string SamplePath(string name) =>
        Path.Combine(TestServers.FindRepoRoot() ?? throw new InvalidOperationException("Run from the repository."), "services", "Enrolment", "samples", name);

    [Fact]
    public async Task The_samples_import_without_rejections()
    {
        var cancel = TestContext.Current.CancellationToken;
        var client = await fixture.ClientForAsync("tanloi.officer");
        foreach (var (name, upload) in new (string, Func<Stream, string, CancellationToken, Task<EnrolmentImportDto>>)[]
                 {
                     ("applications-sample.csv", client.ImportApplicationsAsync),
                     ("cards-sample.csv", client.ImportCardsAsync),
                     ("eid-sample.csv", client.ImportEidAccountsAsync),
                 })
        {
            await using var file = File.OpenRead(SamplePath(name));
            var job = await EnrolmentFixture.AwaitImportAsync(client, (await upload(file, name, cancel)).Id);
            Assert.Equal((ImportStatuses.Completed, 0L), (job.Status, job.Rejected));
            Assert.Equal(File.ReadLines(SamplePath(name)).Count() - 1, job.Inserted);
        }
    }
}
