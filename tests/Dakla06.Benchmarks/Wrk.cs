using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Dakla06.Benchmarks;

/// <summary>What one wrk run measured: requests/s at its connections, latency percentiles, and what went wrong.</summary>
internal sealed record WrkResult(double RequestsPerSecond, long Requests, double P50Ms, double P90Ms, double P99Ms, long NotOk, long SocketErrors)
{
    public bool Clean => NotOk == 0 && SocketErrors == 0;
}

/// <summary>
/// Closed-loop load with wrk (Debian package <c>wrk</c>; <c>./dakla06 bench api</c> installs it as root): each connection
/// sends its next request as soon as the previous answer arrived, so the rate it reaches is the saturated rate.
/// </summary>
internal static partial class Wrk
{
    public static async Task<WrkResult> RunAsync(Uri url, string? bearerToken, int connections, int threads, TimeSpan duration)
    {
        var info = new ProcessStartInfo("wrk")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "--latency", "-t", threads.ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture),
                     "-d", $"{(int)duration.TotalSeconds}s", "--timeout", "10s",
                 })
        {
            info.ArgumentList.Add(argument);
        }

        if (bearerToken is not null)
        {
            info.ArgumentList.Add("-H");
            info.ArgumentList.Add($"Authorization: Bearer {bearerToken}");
        }

        info.ArgumentList.Add(url.ToString());
        using var process = Process.Start(info) ?? throw new InvalidOperationException("wrk did not start");
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk exited with {process.ExitCode}: {output}{error}");
        }

        return Parse(output);
    }

    /// <summary>Reads wrk's <c>--latency</c> report.</summary>
    public static WrkResult Parse(string output)
    {
        double Percentile(string p) => Milliseconds(Match(output, $@"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$"));
        var socketErrors = SocketErrorsPattern().Match(output);
        return new WrkResult(
            double.Parse(Match(output, @"^Requests/sec:\s+([\d.]+)").Groups[1].Value, CultureInfo.InvariantCulture),
            long.Parse(Match(output, @"^\s+(\d+) requests in").Groups[1].Value, CultureInfo.InvariantCulture),
            Percentile("50"),
            Percentile("90"),
            Percentile("99"),
            NotOkPattern().Match(output) is { Success: true } notOk ? long.Parse(notOk.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            socketErrors.Success ? socketErrors.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture)) : 0);
    }

    private static Match Match(string output, string pattern) =>
        Regex.Match(output, pattern, RegexOptions.Multiline) is { Success: true } match
            ? match
            : throw new FormatException($"wrk's output has no line matching {pattern}:\n{output}");

    private static double Milliseconds(Match match)
    {
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "ms" => value, _ => value * 1000 };
    }

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NotOkPattern();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrorsPattern();
}
