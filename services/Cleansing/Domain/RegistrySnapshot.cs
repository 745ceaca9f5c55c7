using System.Numerics;
using System.Text;
using Dakla06.People;

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
    private const byte FlagOldId = 8;

    // What scoring a candidate reads, packed in 32 bytes so a candidate costs one cache line, not one per column.
    private readonly PersonCore[] core;
    private readonly string[] names;
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
        : this(persons, version, persons is ICollection<RegistryPerson> collection ? collection.Count : 1024)
    {
    }

    /// <summary>
    /// Builds from a stream of persons (e.g. a COPY out of the database); <paramref name="expectedCount"/>
    /// (registry_state.person_count) sizes the columns once instead of growing them by doubling.
    /// </summary>
    public RegistrySnapshot(IEnumerable<RegistryPerson> persons, long version, int expectedCount)
    {
        ArgumentNullException.ThrowIfNull(persons);
        Version = version;
        var builder = new Builder(Math.Max(16, expectedCount));
        foreach (var person in persons)
        {
            builder.Add(person);
        }

        (core, names, communes, households, oldIds) = builder.Columns();

        // ID table at load factor ≤ 0.5: lookups stay at one or two probes.
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, core.Length * 2));
        idShift = 64 - BitOperations.Log2((uint)capacity);
        idTable = new int[capacity];
        oldIdIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var keep = new bool[core.Length];
        var kept = 0;
        for (var i = 0; i < core.Length; i++)
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

        Count = kept;
        var nameKeys = new ulong[5][];
        for (var k = 0; k < nameKeys.Length; k++)
        {
            nameKeys[k] = new ulong[kept];
        }

        var persons5 = new int[kept];
        var row = 0;
        Span<char> folded = stackalloc char[Names.MaxLength];
        Span<ulong> tokens = stackalloc ulong[NameKeys.MaxTokens];
        for (var i = 0; i < core.Length; i++)
        {
            if (!keep[i])
            {
                continue; // a repeated ID number: the first person keeps it
            }

            ref var person = ref core[i];
            var name = NameKeys.Of(names[i], folded, tokens, out person.FoldedHash);
            person.SetHash = name.Set;
            var date = DateOnly.FromDayNumber(person.BirthDay);
            nameKeys[0][row] = NameKeys.WithYear(name.Set, date.Year);
            nameKeys[1][row] = NameKeys.WithDayMonth(name.Set, date.Month, date.Day);
            nameKeys[2][row] = NameKeys.WithDate(name.Given, person.BirthDay);
            nameKeys[3][row] = NameKeys.WithDate(name.Family, person.BirthDay);
            nameKeys[4][row] = name.Set;
            persons5[row] = i;
            row++;
        }

        // Each index sorts its own copy of the person column in place (copied before the parallel sorts start).
        var personColumns = new int[5][];
        for (var k = 0; k < personColumns.Length; k++)
        {
            personColumns[k] = k == 0 ? persons5 : (int[])persons5.Clone();
        }

        var indexes = new BlockingIndex[5];
        Parallel.For(0, 5, k => indexes[k] = new BlockingIndex(nameKeys[k], personColumns[k]));
        byNameAndYear = indexes[0];
        byNameAndDayMonth = indexes[1];
        byGivenAndDate = indexes[2];
        byFamilyAndDate = indexes[3];
        byName = indexes[4];
    }

    public static RegistrySnapshot Create(IEnumerable<RegistryPerson> persons, long version) => new(persons, version);

    /// <summary>The registry_state version this snapshot was built from.</summary>
    public long Version { get; }

    /// <summary>Persons held (a repeated ID number is held once, the first wins).</summary>
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

            if (core[entry - 1].Id == key)
            {
                return entry - 1;
            }
        }
    }

    internal int FindOldId(string oldId) => oldIdIndex.GetValueOrDefault(oldId, -1);

    internal RegistryPerson PersonAt(int index)
    {
        ref readonly var person = ref core[index];
        return new RegistryPerson(
            IdNumbers.FromKey(person.Id),
            names[index],
            DateOnly.FromDayNumber(person.BirthDay),
            (person.Flags & FlagFemale) != 0 ? Gender.Female : Gender.Male,
            communes[person.Commune],
            households[index],
            (person.Flags & FlagHead) != 0,
            oldIds[index],
            (person.Flags & FlagDeceased) != 0);
    }

    internal ref readonly PersonCore CoreAt(int index) => ref core[index];

    internal string NameAt(int index) => names[index];

    internal string CommuneText(ushort commune) => communes[commune];

    internal string? OldIdAt(int index) => oldIds[index];

    private int Slot(long key) => (int)(((ulong)key * 0x9E3779B97F4A7C15UL) >> idShift);

    private bool InsertId(int index)
    {
        var key = core[index].Id;
        var mask = idTable.Length - 1;
        for (var slot = Slot(key); ; slot = (slot + 1) & mask)
        {
            var entry = idTable[slot];
            if (entry == 0)
            {
                idTable[slot] = index + 1;
                return true;
            }

            if (core[entry - 1].Id == key)
            {
                return false;
            }
        }
    }

    internal struct PersonCore
    {
        public long Id;
        public ulong FoldedHash;
        public ulong SetHash;
        public int BirthDay; // DateOnly.DayNumber
        public ushort Commune;
        public byte Flags;

        public readonly Gender Gender => (Flags & FlagFemale) != 0 ? Gender.Female : Gender.Male;

        public readonly bool Deceased => (Flags & FlagDeceased) != 0;

        public readonly bool HasOldId => (Flags & FlagOldId) != 0;
    }

    /// <summary>Collects persons into columns; names NFC-normalised once here so record comparison is ordinal.</summary>
    private sealed class Builder(int capacity)
    {
        private readonly List<PersonCore> core = new(capacity);
        private readonly List<string> names = new(capacity);
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

            var commune = person.CommuneCode ?? string.Empty;
            if (!communeLookup.TryGetValue(commune, out var communeIndex))
            {
                communeIndex = checked((ushort)communes.Count);
                communes.Add(commune);
                communeLookup.Add(commune, communeIndex);
            }

            var oldId = string.IsNullOrWhiteSpace(person.OldIdNumber) ? null : person.OldIdNumber.Trim();
            core.Add(new PersonCore
            {
                Id = key,
                BirthDay = person.DateOfBirth.DayNumber,
                Commune = communeIndex,
                Flags = (byte)((person.Gender == Gender.Female ? FlagFemale : 0) | (person.Deceased ? FlagDeceased : 0)
                               | (person.IsHouseholdHead ? FlagHead : 0) | (oldId is null ? 0 : FlagOldId)),
            });
            names.Add(Names.Normalize(person.FullName));
            households.Add(person.HouseholdId ?? string.Empty);
            oldIds.Add(oldId);
        }

        public (PersonCore[], string[], string[], string[], string?[]) Columns() =>
            ([.. core], [.. names], [.. communes], [.. households], [.. oldIds]);
    }
}

/// <summary>
/// Sorted (key, person) pairs with a directory on the top bits of the (well-mixed) key, so a lookup touches the
/// directory and a run of one or two entries instead of a 21-step binary search over cold memory.
/// </summary>
internal sealed class BlockingIndex
{
    private readonly ulong[] keys;
    private readonly int[] persons;
    private readonly int[] directory; // start of each top-bits bucket; directory[^1] = keys.Length
    private readonly int shift;

    public BlockingIndex(ulong[] keys, int[] persons)
    {
        Array.Sort(keys, persons);
        this.keys = keys;
        this.persons = persons;
        var bits = Math.Clamp(BitOperations.Log2((uint)Math.Max(1, keys.Length)), 4, 22);
        shift = 64 - bits;
        directory = new int[(1 << bits) + 1];
        var position = 0;
        for (var bucket = 0; bucket < (1 << bits); bucket++)
        {
            directory[bucket] = position;
            while (position < keys.Length && (int)(keys[position] >> shift) == bucket)
            {
                position++;
            }
        }

        directory[^1] = keys.Length;
    }

    /// <summary>Adds the persons under <paramref name="key"/> (at most <paramref name="limit"/>) to the candidate set.</summary>
    public void Collect(ulong key, ref CandidateSet candidates, int limit)
    {
        var bucket = (int)(key >> shift);
        var end = directory[bucket + 1];
        var i = directory[bucket];
        while (i < end && keys[i] < key)
        {
            i++;
        }

        for (; i < end && keys[i] == key && limit-- > 0; i++)
        {
            candidates.Add(persons[i]);
        }
    }
}
