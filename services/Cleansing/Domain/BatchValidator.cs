using System.Runtime.InteropServices;
using Dakla06.People;
using Dakla06.ServiceDefaults;

namespace Dakla06.Cleansing.Domain;

/// <summary>
/// Classifies the records of one batch against a registry snapshot. One instance per batch: it remembers the ID
/// numbers already used in the batch (for <c>duplicate_in_batch</c>), so <see cref="Validate"/> must be called in file
/// order from one thread. <see cref="Suggest"/> only reads the immutable snapshot and may run on any thread.
/// </summary>
public sealed class BatchValidator
{
    private static readonly string[][] FieldSets = BuildFieldSets();
    private static readonly Suggestion[] NoSuggestions = [];

    private readonly Dictionary<long, SeenRecord> seen = [];
    private readonly int currentYear;

    public BatchValidator(RegistrySnapshot registry, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Registry = registry;
        currentYear = VietnamTime.Today(time ?? TimeProvider.System).Year;
    }

    public RegistrySnapshot Registry { get; }

    /// <summary>
    /// Exactly one class per record, in this precedence: unreadable, missing_id, malformed_id, duplicate_in_batch,
    /// not_found, deceased, info_mismatch, matched. With <paramref name="withSuggestions"/> false no suggestions are
    /// computed (the pipeline adds them in parallel with <see cref="Suggest"/>, or skips them when replaying).
    /// </summary>
    public RecordResult Validate(BatchRow row, BatchColumns columns, bool withSuggestions = true)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(columns);
        var result = Classify(row, columns);
        return withSuggestions && NeedsSuggestions(result.Class) ? result with { Suggestions = Suggest(row, columns, result) } : result;
    }

    /// <summary>Whether a class gets suggestions (every class but matched and unreadable).</summary>
    public static bool NeedsSuggestions(string recordClass) =>
        recordClass is not (RecordClasses.Matched or RecordClasses.Unreadable);

    /// <summary>Suggestions for a record already classified; thread-safe (reads only the snapshot).</summary>
    public IReadOnlyList<Suggestion> Suggest(BatchRow row, BatchColumns columns, RecordResult result)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(result);
        if (!NeedsSuggestions(result.Class))
        {
            return NoSuggestions;
        }

        return Registry.Suggest(row.Get(columns.IdNumber), row.Get(columns.FullName), row.Get(columns.DateOfBirth), row.Get(columns.Gender),
            row.Get(columns.CommuneCode));
    }

    private RecordResult Classify(BatchRow row, BatchColumns columns)
    {
        if (row.Unreadable is { } unreadable)
        {
            return new RecordResult(RecordClasses.Unreadable, FieldSets[0], null, NoSuggestions, unreadable);
        }

        var rawId = row.Get(columns.IdNumber);
        var check = IdNumbers.Check(rawId, currentYear);
        if (check.Status == IdNumberStatus.Missing)
        {
            return new RecordResult(RecordClasses.MissingId, FieldSets[0], null, NoSuggestions);
        }

        if (check.Status == IdNumberStatus.Malformed)
        {
            return new RecordResult(RecordClasses.MalformedId, FieldSets[0], null, NoSuggestions, check.Reason);
        }

        var idText = rawId!.Length == IdNumbers.Length ? rawId : rawId.Trim();
        IdNumbers.TryGetKey(idText, out var key);
        var fullName = row.Get(columns.FullName);
        var date = BirthDates.TryParse(row.Get(columns.DateOfBirth));

        // The same ID number for a different person (folded name or date of birth differ) later in the batch.
        // The first use is kept by reference and folded only when the number comes again (rare), not per record.
        ref var first = ref CollectionsMarshal.GetValueRefOrAddDefault(seen, key, out var exists);
        if (!exists)
        {
            first = new SeenRecord(fullName, DateKey(date));
        }
        else
        {
            if (first.DateKey != DateKey(date) || FoldedHash(first.FullName) != FoldedHash(fullName))
            {
                return new RecordResult(RecordClasses.DuplicateInBatch, FieldSets[0], null, NoSuggestions);
            }
        }

        var index = Registry.Find(key);
        if (index < 0)
        {
            return new RecordResult(RecordClasses.NotFound, FieldSets[0], null, NoSuggestions);
        }

        ref readonly var person = ref Registry.CoreAt(index);
        if (person.Deceased)
        {
            return new RecordResult(RecordClasses.Deceased, FieldSets[0], idText, NoSuggestions);
        }

        var mismatch = 0;
        var registryName = Registry.NameAt(index);
        if (fullName is null || !(string.Equals(fullName, registryName, StringComparison.Ordinal)
                                  || string.Equals(Names.Normalize(fullName), registryName, StringComparison.Ordinal)))
        {
            mismatch |= 1;
        }

        // A year-only date is incomplete ("đủ" in the motto), so it is a disagreement the suggestion completes.
        var birth = DateOnly.FromDayNumber(person.BirthDay);
        if (date is not { IsFull: true } d || d.Year != birth.Year || d.Month != birth.Month || d.Day != birth.Day || d.Year != check.BirthYear)
        {
            mismatch |= 2;
        }

        if (!Genders.TryParse(row.Get(columns.Gender), out var gender) || gender != person.Gender || gender != check.Gender)
        {
            mismatch |= 4;
        }

        return mismatch == 0
            ? new RecordResult(RecordClasses.Matched, FieldSets[0], idText, NoSuggestions)
            : new RecordResult(RecordClasses.InfoMismatch, FieldSets[mismatch], idText, NoSuggestions);
    }

    private static ulong FoldedHash(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return 0;
        }

        Span<char> folded = stackalloc char[Names.MaxLength];
        return NameKeys.TokenHash(folded[..Names.Fold(name, folded)]);
    }

    private static int DateKey(PartialDate? date) =>
        date is { } d ? (d.Year * 10000) + ((d.Month ?? 0) * 100) + (d.Day ?? 0) : -1;

    private static string[][] BuildFieldSets()
    {
        var sets = new string[8][];
        for (var mask = 0; mask < sets.Length; mask++)
        {
            var fields = new List<string>(3);
            if ((mask & 1) != 0)
            {
                fields.Add(RecordFields.FullName);
            }

            if ((mask & 2) != 0)
            {
                fields.Add(RecordFields.DateOfBirth);
            }

            if ((mask & 4) != 0)
            {
                fields.Add(RecordFields.Gender);
            }

            sets[mask] = [.. fields];
        }

        return sets;
    }

    private readonly record struct SeenRecord(string? FullName, int DateKey);
}
