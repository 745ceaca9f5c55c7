using Dakla06.Cleansing.Domain;
using Npgsql;

namespace Dakla06.Benchmarks;

/// <summary>
/// Scores what the service stored for a batch against the synthetic batch's expected labels: per-class precision and
/// recall (classification is rule-based, so every class must be exact), and how often the top suggestion is the
/// person the record was made from, over the recoverable corruptions. Reads batch_records straight from the
/// service's database: the stored results themselves, unmasked, without a million audited API reads.
/// </summary>
internal sealed class CleansingAccuracy
{
    private readonly Dictionary<(string Expected, string Stored), int> _confusion = [];
    private readonly List<string> _examples = [];

    public int Lines { get; private set; }

    public int WrongClass { get; private set; }

    public int Recoverable { get; private set; }

    public int TopHits { get; private set; }

    public int MissingLines { get; private set; }

    public Dictionary<string, (int Recoverable, int Hits)> TopHitsByCorruption { get; } = [];

    public double TopHitRate => Recoverable == 0 ? 0 : (double)TopHits / Recoverable;

    public static async Task<CleansingAccuracy> ScoreAsync(string connectionString, Guid batchId, SyntheticBatchFile data)
    {
        var stored = new Dictionary<int, (string Class, string? Top)>(data.Expected.Count);
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT line_no, class, suggestions->0->>'idNumber' FROM batch_records WHERE batch_id = @batch", connection);
            command.Parameters.AddWithValue("batch", batchId);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                stored[reader.GetInt32(0)] = (reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
            }
        }

        var score = new CleansingAccuracy();
        foreach (var expected in data.Expected)
        {
            score.Lines++;
            if (!stored.TryGetValue(expected.LineNumber, out var actual))
            {
                score.MissingLines++;
                score.WrongClass++;
                score.Count(expected.Class, "(not stored)");
                continue;
            }

            score.Count(expected.Class, actual.Class);
            if (actual.Class != expected.Class)
            {
                score.WrongClass++;
                if (score._examples.Count < 15)
                {
                    score._examples.Add($"line {expected.LineNumber}: expected {expected.Class}, stored {actual.Class} ({expected.Corruption})");
                }
            }

            if (expected.Recoverable)
            {
                score.Recoverable++;
                var hit = actual.Top is not null && actual.Top == expected.PersonIdNumber;
                if (hit)
                {
                    score.TopHits++;
                }

                var key = expected.Corruption;
                var (r, h) = score.TopHitsByCorruption.GetValueOrDefault(key);
                score.TopHitsByCorruption[key] = (r + 1, h + (hit ? 1 : 0));
            }
        }

        return score;
    }

    private void Count(string expected, string stored) =>
        _confusion[(expected, stored)] = _confusion.GetValueOrDefault((expected, stored)) + 1;

    public void Print(string title)
    {
        Console.WriteLine();
        Console.WriteLine($"Accuracy, {title}: {Lines:N0} lines ({MissingLines:N0} not stored):");
        Console.WriteLine($"  {"class",-20} {"expected",10} {"stored",10} {"correct",10} {"precision",10} {"recall",8}");
        foreach (var name in RecordClasses.All)
        {
            var expected = _confusion.Where(c => c.Key.Expected == name).Sum(c => c.Value);
            var stored = _confusion.Where(c => c.Key.Stored == name).Sum(c => c.Value);
            var correct = _confusion.GetValueOrDefault((name, name));
            var precision = stored == 0 ? "-" : $"{(double)correct / stored:P2}";
            var recall = expected == 0 ? "-" : $"{(double)correct / expected:P2}";
            Console.WriteLine($"  {name,-20} {expected,10:N0} {stored,10:N0} {correct,10:N0} {precision,10} {recall,8}");
        }

        foreach (var ((expected, stored), count) in _confusion.Where(c => c.Key.Expected != c.Key.Stored).OrderByDescending(c => c.Value))
        {
            Console.WriteLine($"  confused: expected {expected} → stored {stored}: {count:N0}");
        }

        foreach (var example in _examples)
        {
            Console.WriteLine($"    {example}");
        }

        Console.WriteLine($"Top suggestion is the expected person: {TopHits:N0} of {Recoverable:N0} recoverable ({TopHitRate:P1}); by corruption:");
        foreach (var (corruption, (recoverable, hits)) in TopHitsByCorruption.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"  {corruption,-28} {hits,9:N0} / {recoverable,-9:N0} {(double)hits / recoverable,8:P1}");
        }
    }
}
