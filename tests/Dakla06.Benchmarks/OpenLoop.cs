using System.Diagnostics;
using System.Net.Http.Headers;

namespace Dakla06.Benchmarks;

/// <summary>What a fixed-rate run measured: the latencies of the requests after the warm-up, and the failed ones.</summary>
internal sealed record OpenLoopResult(double Rate, IReadOnlyList<double> LatenciesMs, int Failures);

/// <summary>
/// Open-loop load at a fixed rate (wrk has none; wrk2 is not a Debian package): request i is due at i ÷ rate seconds and
/// is sent then whether or not earlier ones have been answered, on as many pooled connections as that takes. Its latency
/// is counted from when it was DUE, so a stalled server or a late sender shows as latency instead of quietly lowering the
/// rate (no coordinated omission).
/// </summary>
internal static class OpenLoop
{
    public static async Task<OpenLoopResult> RunAsync(Uri url, string bearerToken, double rate, TimeSpan warmUp, TimeSpan duration)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        var authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        var total = (int)(rate * (warmUp + duration).TotalSeconds);
        var measuredFrom = (int)(rate * warmUp.TotalSeconds);
        var latencies = new double[total];
        var failures = 0;
        var clock = Stopwatch.StartNew();
        var pending = new List<Task>(total);

        async Task SendAsync(int index, TimeSpan due)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Authorization = authorization;
                using var response = await http.SendAsync(request);
                await response.Content.CopyToAsync(Stream.Null);
                latencies[index] = (clock.Elapsed - due).TotalMilliseconds;
                if (!response.IsSuccessStatusCode && index >= measuredFrom)
                {
                    Interlocked.Increment(ref failures);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                latencies[index] = (clock.Elapsed - due).TotalMilliseconds;
                if (index >= measuredFrom)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }

        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            pending.Add(SendAsync(i, due));
        }

        await Task.WhenAll(pending);
        return new OpenLoopResult(rate, latencies[measuredFrom..], failures);
    }
}
