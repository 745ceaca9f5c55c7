using System.Text;
using Dakla06.Contracts.Http.Statistics;

namespace Dakla06.IntegrationTests.Statistics;

/// <summary>A job whose worker died (its lease ran out) is taken over and goes on after its last committed line.</summary>
public sealed class ImportResumeTests(StatisticsFixture fixture) : IClassFixture<StatisticsFixture>
{
    [Fact]
    public async Task A_job_left_running_by_a_dead_worker_resumes_after_its_last_committed_line_remembering_the_codes_before_it()
    {
        await fixture.ImportProceduresAsync("7.001,Đăng ký tạm trú,xa,Cư trú,toan_trinh,2023-01-01,4,0");

        // Lines 2–4 were committed by the dead worker (two dossiers, line 3 rejected); lines 5–7 were not.
        Directory.CreateDirectory(fixture.UploadsDirectory);
        var path = Path.Combine(fixture.UploadsDirectory, "resume.csv");
        await File.WriteAllTextAsync(path, string.Join("\n",
            StatisticsFixture.DossierHeader,
            "R-1,7.001,24136,truc_tuyen,2024-05-02,2024-05-06,,dang_xu_ly,0,0,0,0,0,0",
            "R-X,7.001,24136,fax,2024-05-02,2024-05-06,,dang_xu_ly,0,0,0,0,0,0",
            "R-2,7.001,24136,truc_tuyen,2024-05-02,2024-05-06,,dang_xu_ly,0,0,0,0,0,0",
            "R-3,7.001,24136,truc_tuyen,2024-05-03,2024-05-06,,dang_xu_ly,0,0,0,0,0,0",
            "R-1,7.001,24136,truc_tuyen,2024-05-02,2024-05-06,,dang_xu_ly,0,0,0,0,0,0",
            "R-4,7.001,24136,truc_tuyen,2024-05-03,2024-05-06,,dang_xu_ly,0,0,0,0,0,0") + "\n", new UTF8Encoding(false), TestContext.Current.CancellationToken);
        var id = Guid.CreateVersion7();
        await fixture.ScalarAsync("""
            WITH job AS (
                INSERT INTO imports (id, source, file_name, stored_file, file_size, unit_code, unit_path, status, last_line, processed, inserted,
                                     rejected, attempts, lease_owner, lease_until, created_by, started_at)
                VALUES (@id, 'igate', 'resume.csv', @path, @size, '66', '66', 'running', 4, 3, 2, 1, 1, 'dead-worker', now() - interval '1 minute',
                        'province.officer', now())
                RETURNING 1)
            SELECT count(*) FROM job
            """, ("id", id), ("path", path), ("size", new FileInfo(path).Length));

        var import = await StatisticsFixture.AwaitImportAsync(await fixture.ClientForAsync("province.officer"), id);

        Assert.Equal((ImportStatuses.Completed, 6L, 4L, 2L), (import.Status, import.Processed, import.Inserted, import.Rejected));
        Assert.Equal(2, await fixture.ScalarAsync("SELECT count(*) FROM dossiers WHERE dossier_code IN ('R-3', 'R-4')"));
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM dossiers WHERE dossier_code IN ('R-1', 'R-2')")); // the dead worker's lines, not written again
        Assert.Equal(6, await fixture.ScalarAsync("SELECT line FROM import_errors WHERE import_id = @id AND field = 'ma_ho_so'", ("id", id))); // R-1 again
    }
}
