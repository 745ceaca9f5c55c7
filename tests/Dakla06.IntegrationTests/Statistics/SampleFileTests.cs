using Dakla06.Contracts.Http.Statistics;
using Dakla06.Testing;

namespace Dakla06.IntegrationTests.Statistics;

/// <summary>The sample files under <c>services/Statistics/samples</c> import cleanly, and the .xlsx carries the same dossiers as the .csv.</summary>
public sealed class SampleFileTests(StatisticsFixture fixture) : IClassFixture<StatisticsFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Sample(string name) =>
        Path.Combine(TestServers.FindRepoRoot() ?? throw new InvalidOperationException("Run from the repository."), "services", "Statistics", "samples", name);

    [Fact]
    public async Task The_samples_import_without_rejections_and_the_workbook_matches_the_csv_line_for_line()
    {
        var province = await fixture.ClientForAsync("province.officer");
        await using (var catalogue = File.OpenRead(Sample("procedures-sample.csv")))
        {
            var procedures = await province.ImportProceduresAsync(catalogue, "procedures-sample.csv", Cancel);
            Assert.Equal((8, 0), (procedures.Inserted, procedures.Rejected));
        }

        ImportDto csv, xlsx;
        await using (var file = File.OpenRead(Sample("dossiers-sample.csv")))
        {
            csv = await StatisticsFixture.AwaitImportAsync(province, (await province.ImportDossiersAsync(file, "dossiers-sample.csv", DossierSources.Igate, Cancel)).Id);
        }

        await using (var file = File.OpenRead(Sample("dossiers-sample.xlsx")))
        {
            xlsx = await StatisticsFixture.AwaitImportAsync(province, (await province.ImportDossiersAsync(file, "dossiers-sample.xlsx", DossierSources.Igate, Cancel)).Id);
        }

        Assert.Equal((10L, 0L), (csv.Inserted, csv.Rejected));
        Assert.Equal((ImportStatuses.Completed, 0L, 0L, 10L, 0L), (xlsx.Status, xlsx.Inserted, xlsx.Updated, xlsx.Unchanged, xlsx.Rejected));
    }
}
