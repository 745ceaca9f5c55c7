using System.Globalization;

namespace Dakla06.Benchmarks;

/// <summary>
/// The closing table: one row per figure, with its target and PASS or <paramref name="missedLabel"/> when it has one.
/// </summary>
internal sealed class BenchmarkReport(string missedLabel = "FAIL")
{
    private readonly List<(string Figure, string Detail, string Value, string? Target, bool? Pass)> _rows = [];

    /// <summary>The machine's load average (1, 5, 15 minutes): it moves the figures a lot on this shared machine.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    public void Add(string figure, string detail, string value, string? target, bool? pass) => _rows.Add((figure, detail, value, target, pass));

    /// <summary>Prints the table; true when every target is met.</summary>
    public bool Print(string title)
    {
        Console.WriteLine(title);
        Console.WriteLine($"{"figure",-34} {"detail",-22} {"value",16}  {"target",-10} result");
        Console.WriteLine(new string('-', 92));
        foreach (var (figure, detail, value, target, pass) in _rows)
        {
            var result = pass switch { true when target is not null => "PASS", false => missedLabel, _ => string.Empty };
            Console.WriteLine($"{figure,-34} {detail,-22} {value,16}  {target ?? string.Empty,-10} {result}");
        }

        var missed = _rows.Where(r => r.Pass == false).Select(r => r.Figure.Trim()).ToList();
        Console.WriteLine(missed.Count == 0
            ? "All targets met."
            : $"{missed.Count.ToString(CultureInfo.InvariantCulture)} target(s) {missedLabel}: {string.Join("; ", missed)}");
        return missed.Count == 0;
    }
}
