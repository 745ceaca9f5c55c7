using System.Diagnostics;

namespace Dakla06.Benchmarks;

/// <summary>Timing a call many times: warm-up calls first (JIT, connection pool, token), then each call's milliseconds.</summary>
internal static class Latency
{
    public static async Task<List<double>> MeasureAsync(int warmUps, int calls, Func<Task> call)
    {
        for (var i = 0; i < warmUps; i++)
        {
            await call();
        }

        var times = new List<double>(calls);
        for (var i = 0; i < calls; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            await call();
            times.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    /// <summary>Nearest-rank percentile.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
