using System.Diagnostics;
using System.Text.Json;
using Dakla06.Contracts.Http.Statistics;

namespace Dakla06.Benchmarks;

/// <summary>A finished import job, timed from the first byte uploaded to the job's last poll, with the service's CPU time meanwhile.</summary>
internal sealed record ImportRun<TJob>(TJob Job, TimeSpan Elapsed, TimeSpan Upload, TimeSpan Cpu);

/// <summary>Uploads a file to a service's import endpoint and polls its job until it is no longer queued or running.</summary>
internal static class ImportRun
{
    /// <summary>Polling an import gives up after this long (a stuck worker must not hang the benchmark).</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(30);

    /// <param name="upload">Sends the opened file, returns the queued job.</param>
    /// <param name="poll">Reads the job again (null: not visible to the caller).</param>
    /// <param name="progress">The job's status, progress percent and lines processed; running when the status is queued or running.</param>
    public static async Task<ImportRun<TJob>> RunAsync<TJob>(
        ServiceProcess service, string name, string file, Func<Stream, Task<TJob>> upload, Func<TJob, Task<TJob?>> poll,
        Func<TJob, (string Status, int Percent, long Processed)> progress)
        where TJob : class
    {
        Console.WriteLine($"Uploading {Path.GetFileName(file)} ({name}, {new FileInfo(file).Length / 1048576.0:N0} MiB) ...");
        var cpuBefore = service.CpuTime();
        var run = Stopwatch.StartNew();
        TJob job;
        await using (var stream = File.OpenRead(file))
        {
            job = await upload(stream);
        }

        var uploaded = run.Elapsed;
        var lastPrint = TimeSpan.Zero;
        while (progress(job).Status is ImportStatuses.Queued or ImportStatuses.Running)
        {
            if (service.HasExited)
            {
                throw new InvalidOperationException($"The {service.Name} service died during the {name}:\n{service.Tail()}");
            }

            if (run.Elapsed > Timeout)
            {
                throw new TimeoutException($"The {name} did not finish within {Timeout.TotalMinutes:F0} min (status {progress(job).Status}):\n{service.Tail()}");
            }

            if (run.Elapsed - lastPrint > TimeSpan.FromSeconds(10))
            {
                lastPrint = run.Elapsed;
                var (status, percent, processed) = progress(job);
                Console.WriteLine($"  {run.Elapsed.TotalSeconds,6:F1} s  {status,-9} {percent,3}%  processed {processed:N0}  RSS {service.ResidentBytes() / 1048576.0:N0} MiB");
            }

            await Task.Delay(100);   // polling interval of a job on another process, not ordering events of our own
            job = await poll(job) ?? throw new InvalidOperationException($"The {name}'s job is not visible to the importer.");
        }

        run.Stop();
        var cpu = service.CpuTime() - cpuBefore;
        Console.WriteLine($"{name}: {progress(job).Status} in {run.Elapsed.TotalSeconds:F1} s (upload {uploaded.TotalSeconds:F1} s, service CPU {cpu.TotalSeconds:F1} s): {JsonSerializer.Serialize(job, JsonSerializerOptions.Web)}");
        if (progress(job).Status != ImportStatuses.Completed)
        {
            Console.WriteLine(service.Tail());
        }

        return new ImportRun<TJob>(job, run.Elapsed, uploaded, cpu);
    }
}
