using System.Text;
using Dakla06.Contracts.Http.Statistics;
using Dakla06.Statistics.Jobs;

namespace Dakla06.IntegrationTests.Statistics;

/// <summary>
/// The count tables are folded from a job's dossiers when the job ends (0006_fold_counts_at_job_end.sql): whatever
/// happened on the way — re-imports with changes, a worker that died between chunks, a job that failed after committing
/// chunks, another job changing a dossier before its first job ended — the counts always equal what the stored
/// dossiers of ended jobs imply, recomputed here straight from the dossier table with the definitions.
/// </summary>
public sealed class CountFoldTests(StatisticsFixture fixture) : IClassFixture<StatisticsFixture>, IAsyncLifetime
{
    public async ValueTask InitializeAsync() =>
        await fixture.ImportProceduresAsync(
            "8.001,Đăng ký khai sinh,xa,Hộ tịch,toan_trinh,2023-01-01,,0",
            "8.002,Cấp bản sao trích lục,xa,Hộ tịch,toan_trinh,2023-01-01,,1");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private const string Columns = """
        unit_code, unit_path, procedure_code, channel, received_on, due_on, finished_on, status,
        documents_digitised, result_digitised, fee_obligation, paid_online, payment_succeeded, amount
        """;

    // What the counts must reflect: the dossiers whose job has ended, and the counted rows a running job has replaced
    // (they come out, and the job's dossiers go in, when it ends).
    private const string Counted = $"""
        (SELECT {Columns} FROM dossiers d
         WHERE NOT EXISTS (SELECT 1 FROM imports i WHERE i.id = d.import_id AND i.status IN ('queued', 'running'))
         UNION ALL
         SELECT {Columns} FROM replaced_dossiers)
        """;

    private const string AnyReceivedFigure = "(received, fee_dossiers, paid_online, payment_count, paid_amount_ok, paid_amount_failed, digitised) <> (0, 0, 0, 0, 0, 0, 0)";

    private const string AnyFinishedFigure = "(resolved, resolved_on_time, results_digitised, finished_late) <> (0, 0, 0, 0)";

    private const string UnitFigures = """
        received, received_online, fee_dossiers, paid_online, payment_count, paid_amount_ok, paid_amount_failed, digitised,
        resolved, resolved_on_time, results_digitised, finished_late, due, due_met
        """;

    /// <summary>
    /// Rows that differ between the count tables and the recomputation (0 when they agree): per unit × procedure × day ×
    /// channel the figures of the dossiers received, finished and due that day; the unit × day table against the sums of
    /// dossier_counts, the unit × month table against the sums of the unit × day table. Rows of zeros are left out on
    /// both sides (a changed dossier can leave one behind).
    /// </summary>
    private Task<long> MismatchesAsync() => fixture.ScalarAsync($"""
        WITH received_actual AS (
            SELECT unit_code, procedure_code, day, channel, received, fee_dossiers, paid_online, payment_count, paid_amount_ok, paid_amount_failed, digitised
            FROM dossier_counts WHERE {AnyReceivedFigure}
        ), received_expected AS (
            SELECT unit_code, procedure_code, received_on, channel, count(*), count(*) FILTER (WHERE fee_obligation),
                   count(*) FILTER (WHERE fee_obligation AND paid_online), count(*) FILTER (WHERE paid_online),
                   coalesce(sum(amount) FILTER (WHERE paid_online AND payment_succeeded), 0),
                   coalesce(sum(amount) FILTER (WHERE paid_online AND NOT payment_succeeded), 0), count(*) FILTER (WHERE documents_digitised)
            FROM {Counted} d GROUP BY 1, 2, 3, 4
        ), finished_actual AS (
            SELECT unit_code, procedure_code, day, channel, resolved, resolved_on_time, results_digitised, finished_late
            FROM dossier_counts WHERE {AnyFinishedFigure}
        ), finished_expected AS (
            SELECT * FROM (
                SELECT unit_code, procedure_code, finished_on, channel, count(*) FILTER (WHERE status = 'da_giai_quyet') AS resolved,
                       count(*) FILTER (WHERE status = 'da_giai_quyet' AND finished_on <= due_on) AS resolved_on_time,
                       count(*) FILTER (WHERE status = 'da_giai_quyet' AND result_digitised) AS results_digitised,
                       count(*) FILTER (WHERE finished_on > due_on) AS finished_late
                FROM {Counted} d WHERE finished_on IS NOT NULL GROUP BY 1, 2, 3, 4) f
            WHERE {AnyFinishedFigure}
        ), due_actual AS (
            SELECT unit_code, procedure_code, day, channel, due, due_met FROM dossier_counts WHERE (due, due_met) <> (0, 0)
        ), due_expected AS (
            SELECT unit_code, procedure_code, due_on, channel, count(*), count(*) FILTER (WHERE finished_on <= due_on)
            FROM {Counted} d GROUP BY 1, 2, 3, 4
        ), unit_day_actual AS (
            SELECT unit_code, unit_path, day, {UnitFigures} FROM unit_day_counts WHERE ({UnitFigures}) <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        ), unit_day_expected AS (
            SELECT * FROM (
                SELECT unit_code, unit_path, day, sum(received) AS received, coalesce(sum(received) FILTER (WHERE channel = 'truc_tuyen'), 0) AS received_online,
                       sum(fee_dossiers) AS fee_dossiers, sum(paid_online) AS paid_online, sum(payment_count) AS payment_count, sum(paid_amount_ok) AS paid_amount_ok,
                       sum(paid_amount_failed) AS paid_amount_failed, sum(digitised) AS digitised, sum(resolved) AS resolved, sum(resolved_on_time) AS resolved_on_time,
                       sum(results_digitised) AS results_digitised, sum(finished_late) AS finished_late, sum(due) AS due, sum(due_met) AS due_met
                FROM dossier_counts GROUP BY 1, 2, 3) u
            WHERE ({UnitFigures}) <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        ), unit_month_actual AS (
            SELECT unit_code, unit_path, month, {UnitFigures} FROM unit_month_counts WHERE ({UnitFigures}) <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        ), unit_month_expected AS (
            SELECT unit_code, unit_path, date_trunc('month', day)::date, {string.Join(", ", UnitFigures.Split(',', StringSplitOptions.TrimEntries).Select(c => $"sum({c})"))}
            FROM unit_day_actual GROUP BY 1, 2, 3
        )
        SELECT (SELECT count(*) FROM ((TABLE received_actual EXCEPT ALL TABLE received_expected) UNION ALL (TABLE received_expected EXCEPT ALL TABLE received_actual)) x)
             + (SELECT count(*) FROM ((TABLE finished_actual EXCEPT ALL TABLE finished_expected) UNION ALL (TABLE finished_expected EXCEPT ALL TABLE finished_actual)) x)
             + (SELECT count(*) FROM ((TABLE due_actual EXCEPT ALL TABLE due_expected) UNION ALL (TABLE due_expected EXCEPT ALL TABLE due_actual)) x)
             + (SELECT count(*) FROM ((TABLE unit_day_actual EXCEPT ALL TABLE unit_day_expected) UNION ALL (TABLE unit_day_expected EXCEPT ALL TABLE unit_day_actual)) x)
             + (SELECT count(*) FROM ((TABLE unit_month_actual EXCEPT ALL TABLE unit_month_expected) UNION ALL (TABLE unit_month_expected EXCEPT ALL TABLE unit_month_actual)) x)
        """);

    [Fact]
    public async Task Counts_equal_the_stored_dossiers_after_an_import_and_after_a_reimport_that_changes_and_adds_dossiers()
    {
        var first = await fixture.ImportDossiersAsync("province.officer", DossierSources.Igate,
            "K-1,8.001,24136,truc_tuyen,2024-06-03,2024-06-10,,dang_xu_ly,1,0,0,0,0,0",
            "K-2,8.002,24136,truc_tiep,2024-06-03,2024-06-07,2024-06-06,da_giai_quyet,0,1,1,1,1,50000",
            "K-3,8.002,24118,truc_tuyen,2024-06-04,2024-06-07,2024-06-12,da_giai_quyet,1,1,1,1,0,30000",
            "K-4,8.001,24118,buu_chinh,2024-06-04,2024-06-20,,dang_xu_ly,0,0,0,0,0,0",
            "K-5,8.001,24136,truc_tuyen,2024-06-05,2024-06-10,2024-06-10,tu_choi,0,0,0,0,0,0",
            "K-6,8.001,24136,truc_tuyen,2024-06-05,2024-06-10,,dang_xu_ly,0,0,0,0,0,0",
            "K-7,8.002,24118,truc_tiep,2024-06-05,2024-06-08,2024-06-08,da_giai_quyet,0,0,1,0,0,0");
        Assert.Equal((ImportStatuses.Completed, 7L), (first.Status, first.Inserted));
        Assert.Equal(7, await fixture.ScalarAsync("SELECT sum(received) FROM dossier_counts WHERE day BETWEEN '2024-06-01' AND '2024-06-30'"));
        Assert.Equal(0, await MismatchesAsync());

        // Resolved late, moved to another commune and channel, received a day later, paid: each moves figures between rows.
        var second = await fixture.ImportDossiersAsync("province.officer", DossierSources.Igate,
            "K-1,8.001,24136,truc_tuyen,2024-06-03,2024-06-10,2024-06-14,da_giai_quyet,1,1,0,0,0,0",
            "K-2,8.002,24136,truc_tiep,2024-06-03,2024-06-07,2024-06-06,da_giai_quyet,0,1,1,1,1,50000",
            "K-4,8.001,24136,truc_tiep,2024-06-04,2024-06-20,,dang_xu_ly,0,0,0,0,0,0",
            "K-6,8.002,24136,truc_tuyen,2024-06-06,2024-06-10,2024-06-09,da_giai_quyet,1,1,1,1,1,20000",
            "K-8,8.001,24118,truc_tuyen,2024-06-07,2024-06-12,,dang_xu_ly,0,0,0,0,0,0");
        Assert.Equal((ImportStatuses.Completed, 1L, 3L, 1L), (second.Status, second.Inserted, second.Updated, second.Unchanged));
        Assert.Equal(8, await fixture.ScalarAsync("SELECT sum(received) FROM dossier_counts WHERE day BETWEEN '2024-06-01' AND '2024-06-30'"));
        Assert.Equal(0, await MismatchesAsync());
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM replaced_dossiers"));
    }

    [Fact]
    public async Task A_job_resumed_after_its_worker_died_folds_its_committed_chunks_once()
    {
        await fixture.ImportDossiersAsync("province.officer", DossierSources.Igate,
            "M-1,8.001,24136,truc_tuyen,2024-07-01,2024-07-05,,dang_xu_ly,0,0,0,0,0,0",
            "M-2,8.001,24136,truc_tuyen,2024-07-01,2024-07-05,,dang_xu_ly,0,0,0,0,0,0");

        // The dead worker committed lines 2–3 (M-1 resolved, M-3 new) as a chunk does: the counted row of M-1 kept, the
        // dossiers written with the job's id, nothing folded. Lines 4–5 (M-2 resolved, M-4 new) were not committed.
        var id = await DeadJobAsync("resume-fold.csv", lastLine: 3, attempts: 1,
            "M-1,8.001,24136,truc_tuyen,2024-07-01,2024-07-05,2024-07-04,da_giai_quyet,0,0,0,0,0,0",
            "M-3,8.001,24136,truc_tiep,2024-07-02,2024-07-05,,dang_xu_ly,0,0,0,0,0,0",
            "M-2,8.001,24136,truc_tuyen,2024-07-01,2024-07-05,2024-07-08,da_giai_quyet,0,0,0,0,0,0",
            "M-4,8.001,24118,truc_tiep,2024-07-02,2024-07-05,,dang_xu_ly,0,0,0,0,0,0");
        await fixture.ScalarAsync("""
            WITH kept AS (
                INSERT INTO replaced_dossiers (import_id, unit_code, unit_path, procedure_code, channel, received_on, due_on, finished_on, status,
                                               documents_digitised, result_digitised, fee_obligation, paid_online, payment_succeeded, amount)
                SELECT @id, unit_code, unit_path, procedure_code, channel, received_on, due_on, finished_on, status,
                       documents_digitised, result_digitised, fee_obligation, paid_online, payment_succeeded, amount
                FROM dossiers WHERE dossier_code = 'M-1'
                RETURNING 1
            ), resolved AS (
                UPDATE dossiers SET finished_on = '2024-07-04', status = 'da_giai_quyet', import_id = @id WHERE dossier_code = 'M-1' RETURNING 1
            ), added AS (
                INSERT INTO dossiers (source, dossier_code, procedure_code, unit_code, unit_path, channel, received_on, due_on, finished_on, status,
                                      documents_digitised, result_digitised, fee_obligation, paid_online, payment_succeeded, amount, import_id)
                SELECT source, 'M-3', procedure_code, unit_code, unit_path, 'truc_tiep', '2024-07-02', due_on, NULL, 'dang_xu_ly',
                       false, false, false, false, false, 0, @id
                FROM dossiers WHERE dossier_code = 'M-2'
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM kept) + (SELECT count(*) FROM resolved) + (SELECT count(*) FROM added)
            """, ("id", id));
        Assert.Equal(0, await MismatchesAsync()); // the running job's chunk is not counted yet

        await ExpireLeaseAsync(id);
        var import = await StatisticsFixture.AwaitImportAsync(await fixture.ClientForAsync("province.officer"), id);

        Assert.Equal((ImportStatuses.Completed, 1L, 1L), (import.Status, import.Inserted, import.Updated)); // this run's lines 4–5
        Assert.Equal(0, await MismatchesAsync());
        Assert.Equal(4, await fixture.ScalarAsync("SELECT sum(received) FROM dossier_counts WHERE day BETWEEN '2024-07-01' AND '2024-07-02'"));
        Assert.Equal(2, await fixture.ScalarAsync("SELECT sum(resolved) FROM dossier_counts WHERE day BETWEEN '2024-07-04' AND '2024-07-08'"));
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM replaced_dossiers WHERE import_id = @id", ("id", id)));
    }

    [Fact]
    public async Task A_job_that_fails_after_committing_chunks_counts_the_dossiers_it_stored()
    {
        // A job that keeps killing its worker is failed at the next claim; the chunk it committed stays stored and counted.
        var id = await DeadJobAsync("failing.csv", lastLine: 2, attempts: DossierImportWorker.MaxAttempts,
            "N-1,8.001,24118,truc_tuyen,2024-08-01,2024-08-05,,dang_xu_ly,0,0,0,0,0,0");
        await StoreAsJobAsync(id, "N-1", "24118", "2024-08-01");

        await ExpireLeaseAsync(id);
        var import = await StatisticsFixture.AwaitImportAsync(await fixture.ClientForAsync("province.officer"), id);

        Assert.Equal(ImportStatuses.Failed, import.Status);
        Assert.Equal(1, await fixture.ScalarAsync("SELECT sum(received) FROM dossier_counts WHERE day = '2024-08-01'"));
        Assert.Equal(0, await MismatchesAsync());
    }

    [Fact]
    public async Task A_dossier_changed_by_another_job_before_its_first_job_ended_is_counted_once_with_the_later_values()
    {
        // A job still running elsewhere (a live lease) has stored P-1; another import changes P-1 and completes first.
        var id = await DeadJobAsync("slow.csv", lastLine: 2, attempts: 1,
            "P-1,8.001,24136,truc_tuyen,2024-09-02,2024-09-06,,dang_xu_ly,0,0,0,0,0,0");
        await fixture.ScalarAsync("UPDATE imports SET lease_until = now() + interval '1 hour' WHERE id = @id RETURNING 1", ("id", id));
        await StoreAsJobAsync(id, "P-1", "24136", "2024-09-02");

        var later = await fixture.ImportDossiersAsync("province.officer", DossierSources.Igate,
            "P-1,8.001,24118,truc_tuyen,2024-09-03,2024-09-06,2024-09-05,da_giai_quyet,0,0,0,0,0,0");
        Assert.Equal(1L, later.Updated);
        Assert.Equal(0, await MismatchesAsync());

        await ExpireLeaseAsync(id);
        Assert.Equal(ImportStatuses.Completed, (await StatisticsFixture.AwaitImportAsync(await fixture.ClientForAsync("province.officer"), id)).Status);
        Assert.Equal(0, await MismatchesAsync());
        Assert.Equal(0, await fixture.ScalarAsync("SELECT coalesce(sum(received), 0) FROM dossier_counts WHERE day = '2024-09-02'"));
        Assert.Equal(1, await fixture.ScalarAsync("SELECT sum(received) FROM dossier_counts WHERE day = '2024-09-03' AND unit_code = '24118'"));
    }

    /// <summary>
    /// A job left running by a worker that is gone (lease owner 'dead-worker', lease still valid until expired by the
    /// test), its file of <paramref name="lines"/> stored, lines up to <paramref name="lastLine"/> committed.
    /// </summary>
    private async Task<Guid> DeadJobAsync(string fileName, long lastLine, int attempts, params string[] lines)
    {
        Directory.CreateDirectory(fixture.UploadsDirectory);
        var path = Path.Combine(fixture.UploadsDirectory, fileName);
        await File.WriteAllTextAsync(path, string.Join("\n", [StatisticsFixture.DossierHeader, .. lines]) + "\n", new UTF8Encoding(false), TestContext.Current.CancellationToken);
        var id = Guid.CreateVersion7();
        await fixture.ScalarAsync("""
            INSERT INTO imports (id, source, file_name, stored_file, file_size, unit_code, unit_path, status, last_line, processed, inserted,
                                 attempts, lease_owner, lease_until, created_by, started_at)
            VALUES (@id, 'igate', @name, @path, @size, '66', '66', 'running', @lastLine, @lastLine - 1, 0, @attempts, 'dead-worker',
                    now() + interval '1 hour', 'province.officer', now())
            RETURNING 1
            """, ("id", id), ("name", fileName), ("path", path), ("size", new FileInfo(path).Length), ("lastLine", lastLine), ("attempts", attempts));
        return id;
    }

    /// <summary>Stores a new open dossier as a committed chunk of job <paramref name="id"/> does (not counted until the job ends).</summary>
    private Task StoreAsJobAsync(Guid id, string code, string unit, string receivedOn) => fixture.ScalarAsync("""
        INSERT INTO dossiers (source, dossier_code, procedure_code, unit_code, unit_path, channel, received_on, due_on, finished_on, status,
                              documents_digitised, result_digitised, fee_obligation, paid_online, payment_succeeded, amount, import_id)
        VALUES ('igate', @code, '8.001', @unit, (CASE @unit WHEN '24136' THEN '66.643.24136' ELSE '66.643.24118' END)::ltree, 'truc_tuyen',
                @receivedOn::date, @receivedOn::date + 4, NULL, 'dang_xu_ly', false, false, false, false, false, 0, @id)
        RETURNING 1
        """, ("id", id), ("code", code), ("unit", unit), ("receivedOn", receivedOn));

    private Task ExpireLeaseAsync(Guid id) =>
        fixture.ScalarAsync("UPDATE imports SET lease_until = now() - interval '1 minute' WHERE id = @id RETURNING 1", ("id", id));
}
