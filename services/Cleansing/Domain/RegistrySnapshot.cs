using System.Numerics;
using System.Text;

namespace Dakla06.Cleansing.Domain;

/// <summary>
/// An immutable, in-memory copy of the registry built once per registry version: an ID-number hash table for the
/// exact lookup and sorted blocking indexes on folded names and dates for suggestions, so a suggestion scores a
/// handful of candidates instead of scanning millions. Columns are stored as arrays (struct of arrays) with the ID
/// number as a 64-bit integer, which keeps 2.1 million persons at a few hundred megabytes. Thread-safe for reads.
/// </summary>
public sealed partial class RegistrySnapshot
{
    private const byte FlagFemale = 1;
    private const byte FlagDeceased = 2;
    private const byte FlagHead = 4;
    private const int NoDate = int.MinValue;

    private readonly long[] ids;
    private readonly string[] names;
    private readonly int[] birthDays; // DateOnly.DayNumber
    private readonly byte[] flags;
    private readonly ushort[] communeIndexes;
    private readonly string[] communes;
    private readonly string[] households;
    private readonly string?[] oldIds;
    private readonly int[] idTable; // open addressing: person index + 1, 0 = empty
    private readonly int idShift;
    private readonly Dictionary<string, int> oldIdIndex;
    private readonly BlockingIndex byNameAndYear;
    private readonly BlockingIndex byNameAndDayMonth;
    private readonly BlockingIndex byGivenAndDate;
    private readonly BlockingIndex byFamilyAndDate;
    private readonly BlockingIndex byName;

    public static RegistrySnapshot Empty { get; } = new([], 0);

    public RegistrySnapshot(IEnumerable<RegistryPerson> persons, long version)
    {
        ArgumentNullException.ThrowIfNull(persons);
        Version = version;
        var builder = new Builder(persons is ICollection<RegistryPerson> collection ? collection.Count : 1024);
        foreach (var person in persons)
        {
            builder.Add(person);
        }

        (ids, names, birthDays, flags, communeIndexes, communes, households, oldIds) = builder.Columns();
        Count = ids.Length;

        // ID table at load factor ≤ 0.5: lookups stay at one or two probes.
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, Count * 2));
        idShift = 64 - BitOperations.Log2((uint)capacity);
        idTable = new int[capacity];
        oldIdIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var keep = new bool[Count];
        var kept = 0;
        for (var i = 0; i < Count; i++)
        {
            if (InsertId(i))
            {
                keep[i] = true;
                kept++;
                if (oldIds[i] is { Length: > 0 } old)
                {
                    oldIdIndex.TryAdd(old, i);
                }
            }
        }

        var nameKeys = new ulong[5][];
        for (var k = 0; k < nameKeys.Length; k++)
        {
            nameKeys[k] = new ulong[kept];
        }

        var persons5 = new int[kept];
        var row = 0;
        Span<char> folded = stackalloc char[Names.MaxLength];
        Span<ulong> tokens = stackalloc ulong[NameKeys.MaxTokens];
        for (var i = 0; i < Count; i++)
        {
            if (!keep[i])
            {
                continue; // a repeated ID number: the first person keeps it
            }

            var name = NameKeys.Of(names[i], folded, tokens);
            var date = DateOnly.FromDayNumber(birthDays[i]);
            nameKeys[0][row] = NameKeys.WithYear(name.Set, date.Year);
            nameKeys[1][row] = NameKeys.WithDayMonth(name.Set, date.Month, date.Day);
            nameKeys[2][row] = NameKeys.WithDate(name.Given, birthDays[i]);
            nameKeys[3][row] = NameKeys.WithDate(name.Family, birthDays[i]);
            nameKeys[4][row] = name.Set;
            persons5[row] = i;
            row++;
        }

        var indexes = new BlockingIndex[5];
        Parallel.For(0, 5, k => indexes[k] = new BlockingIndex(nameKeys[k], k == 4 ? persons5 : (int[])persons5.Clone()));
        byNameAndYear = indexes[0];
        byNameAndDayMonth = indexes[1];
        byGivenAndDate = indexes[2];
        byFamilyAndDate = indexes[3];
        byName = indexes[4];
    }

    public static RegistrySnapshot Create(IEnumerable<RegistryPerson> persons, long version) => new(persons, version);

    /// <summary>The registry_state version this snapshot was built from.</summary>
    public long Version { get; }

    /// <summary>Persons held (a repeated ID number counts once).</summary>
    public int Count { get; }

    public bool Contains(string? idNumber) => IdNumbers.TryGetKey(idNumber.AsSpan().Trim(), out var key) && Find(key) >= 0;

    public bool TryGet(string? idNumber, out RegistryPerson person)
    {
        if (IdNumbers.TryGetKey(idNumber.AsSpan().Trim(), out var key) && Find(key) is var index and >= 0)
        {
            person = PersonAt(index);
            return true;
        }

        person = default;
        return false;
    }

    public RegistryPerson? Find(string? idNumber) => TryGet(idNumber, out var person) ? person : null;

    internal int Find(long key)
    {
        var mask = idTable.Length - 1;
        for (var slot = Slot(key); ; slot = (slot + 1) & mask)
        {
            var entry = idTable[slot];
            if (entry == 0)
            {
                return -1;
            }

            if (ids[entry - 1] == key)
            {
                return entry - 1;
            }
        }
    }

    internal int FindOldId(string oldId) => oldIdIndex.GetValueOrDefault(oldId, -1);

    internal RegistryPerson PersonAt(int index) => new(
        IdNumbers.FromKey(ids[index]),
        names[index],
        DateOnly.FromDayNumber(birthDays[index]),
        (flags[index] & FlagFemale) != 0 ? Gender.Female : Gender.Male,
        communes[communeIndexes[index]],
        households[index],
        (flags[index] & FlagHead) != 0,
        oldIds[index],
        (flags[index] & FlagDeceased) != 0);

    internal long IdAt(int index) => ids[index];

    internal string NameAt(int index) => names[index];

    internal int BirthDayAt(int index) => birthDays[index];

    internal Gender GenderAt(int index) => (flags[index] & FlagFemale) != 0 ? Gender.Female : Gender.Male;

    internal bool DeceasedAt(int index) => (flags[index] & FlagDeceased) != 0;

    internal string CommuneAt(int index) => communes[communeIndexes[index]];

    private int Slot(long key) => (int)(((ulong)key * 0x9E3779B97F4A7C15UL) >> idShift);

    private bool InsertId(int index)
    {
        var key = ids[index];
        var mask = idTable.Length - 1;
        for (var slot = Slot(key); ; slot = (slot + 1) & mask)
        {
            var entry = idTable[slot];
            if (entry == 0)
            {
                idTable[slot] = index + 1;
                return true;
            }

            if (ids[entry - 1] == key)
            {
                return false;
            }
        }
    }

    /// <summary>Collects persons into columns; names NFC-normalised once here so record comparison is ordinal.</summary>
    private sealed class Builder(int capacity)
    {
        private readonly List<long> ids = new(capacity);
        private readonly List<string> names = new(capacity);
        private readonly List<int> birthDays = new(capacity);
        private readonly List<byte> flags = new(capacity);
        private readonly List<ushort> communeIndexes = new(capacity);
        private readonly List<string> communes = [];
        private readonly Dictionary<string, ushort> communeLookup = new(StringComparer.Ordinal);
        private readonly List<string> households = new(capacity);
        private readonly List<string?> oldIds = new(capacity);

        public void Add(in RegistryPerson person)
        {
            if (!IdNumbers.TryGetKey(person.IdNumber.AsSpan().Trim(), out var key))
            {
                throw new ArgumentException($"Registry person with an ID number that is not 12 digits: '{person.IdNumber}'.", nameof(person));
            }

            ids.Add(key);
            names.Add(Names.Normalize(person.FullName));
            birthDays.Add(person.DateOfBirth.DayNumber);
            flags.Add((byte)((person.Gender == Gender.Female ? FlagFemale : 0) | (person.Deceased ? FlagDeceased : 0) | (person.IsHouseholdHead ? FlagHead : 0)));
            var commune = person.CommuneCode ?? string.Empty;
            if (!communeLookup.TryGetValue(commune, out var communeIndex))
            {
                communeIndex = checked((ushort)communes.Count);
                communes.Add(commune);
                communeLookup.Add(commune, communeIndex);
            }

            communeIndexes.Add(communeIndex);
            households.Add(person.HouseholdId ?? string.Empty);
            oldIds.Add(string.IsNullOrWhiteSpace(person.OldIdNumber) ? null : person.OldIdNumber.Trim());
        }

        public (long[], string[], int[], byte[], ushort[], string[], string[], string?[]) Columns() =>
            ([.. ids], [.. names], [.. birthDays], [.. flags], [.. communeIndexes], [.. communes], [.. households], [.. oldIds]);
    }
}

/// <summary>Sorted (key, person) pairs; a lookup is a binary search and a short run of equal keys.</summary>
internal sealed class BlockingIndex
{
    private readonly ulong[] keys;
    private readonly int[] persons;

    public BlockingIndex(ulong[] keys, int[] persons)
    {
        Array.Sort(keys, persons);
        this.keys = keys;
        this.persons = persons;
    }

    /// <summary>Adds the persons under <paramref name="key"/> (at most <paramref name="limit"/>) to the candidate set.</summary>
    public void Collect(ulong key, ref CandidateSet candidates, int limit)
    {
        var low = 0;
        var high = keys.Length;
        while (low < high)
        {
            var middle = (int)((uint)(low + high) >> 1);
            if (keys[middle] < key)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        for (var i = low; i < keys.Length && keys[i] == key && limit-- > 0; i++)
        {
            candidates.Add(persons[i]);
        }
    }
}
