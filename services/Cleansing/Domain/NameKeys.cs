using Dakla06.People;

namespace Dakla06.Cleansing.Domain;

/// <summary>
/// Blocking keys of a name, computed on folded tokens without allocating. The token set is order-free (a sum of
/// token hashes), so "Văn An Nguyễn" and "Nguyễn Văn An" share it; the ethnic gender prefixes "Y" and "H'" are left
/// out of it so "H' Hen Niê", "H'Hen Niê" and "Hen Niê" share it too.
/// </summary>
internal static class NameKeys
{
    public const int MaxTokens = 16;

    private static readonly ulong PrefixY = TokenHash("y");
    private static readonly ulong PrefixH = TokenHash("h");

    public readonly record struct Keys(ulong Set, ulong Given, ulong Family, int TokenCount);

    /// <summary>Folds <paramref name="name"/> into <paramref name="folded"/>, its token hashes into <paramref name="tokens"/>.</summary>
    public static Keys Of(ReadOnlySpan<char> name, Span<char> folded, Span<ulong> tokens, out ulong foldedHash)
    {
        var length = Names.Fold(name, folded);
        foldedHash = TokenHash(folded[..length]);
        var count = Tokenize(folded[..length], tokens);
        return KeysOf(tokens[..count]);
    }

    public static Keys KeysOf(ReadOnlySpan<ulong> tokens)
    {
        var significant = 0;
        foreach (var token in tokens)
        {
            if (!IsPrefix(token))
            {
                significant++;
            }
        }

        var includePrefixes = significant == 0;
        ulong set = 0, family = 0, given = 0;
        var first = true;
        foreach (var token in tokens)
        {
            if (!includePrefixes && IsPrefix(token))
            {
                continue;
            }

            set += Mix(token);
            if (first)
            {
                family = token;
                first = false;
            }

            given = token;
        }

        return new Keys(Mix(set ^ 0x5851F42D4C957F2DUL), Given: given, Family: family, tokens.Length);
    }

    public static bool IsPrefix(ulong token) => token == PrefixY || token == PrefixH;

    /// <summary>Hashes each space-separated token of a folded name; returns the count (tokens past the limit are ignored).</summary>
    public static int Tokenize(ReadOnlySpan<char> folded, Span<ulong> tokens)
    {
        var count = 0;
        var start = 0;
        for (var i = 0; i <= folded.Length; i++)
        {
            if (i == folded.Length || folded[i] == ' ')
            {
                if (i > start && count < tokens.Length)
                {
                    tokens[count++] = TokenHash(folded[start..i]);
                }

                start = i + 1;
            }
        }

        return count;
    }

    public static ulong TokenHash(ReadOnlySpan<char> token)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in token)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    public static ulong WithYear(ulong set, int year) => Mix(set ^ ((ulong)(uint)year * 0x9E3779B97F4A7C15UL));

    public static ulong WithDayMonth(ulong set, int month, int day) => Mix(set ^ ((ulong)(uint)((month * 100) + day) * 0xC2B2AE3D27D4EB4FUL) ^ 0x1UL);

    public static ulong WithDate(ulong token, int dayNumber) => Mix(token ^ ((ulong)(uint)dayNumber * 0x165667B19E3779F9UL));

    public static ulong Mix(ulong value)
    {
        value ^= value >> 30;
        value *= 0xBF58476D1CE4E5B9UL;
        value ^= value >> 27;
        value *= 0x94D049BB133111EBUL;
        value ^= value >> 31;
        return value;
    }

    /// <summary>
    /// Optimal string alignment distance (one transposition counts as one edit), cut off above <paramref name="max"/>.
    /// Most pairs scored are plainly different names, so a character-count bound rejects them before the (banded) table.
    /// </summary>
    public static int Distance(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max + 1;
        }

        if (a.Length > 64 || b.Length > 64)
        {
            return a.SequenceEqual(b) ? 0 : max + 1;
        }

        // Each edit changes the character counts by at most 2 (a transposition by 0).
        Span<sbyte> counts = stackalloc sbyte[64];
        counts.Clear();
        foreach (var c in a)
        {
            counts[c & 63]++;
        }

        foreach (var c in b)
        {
            counts[c & 63]--;
        }

        var difference = 0;
        foreach (var count in counts)
        {
            difference += Math.Abs(count);
        }

        if (difference > 2 * max)
        {
            return max + 1;
        }

        // Only cells within max of the diagonal can stay within max.
        var width = b.Length + 1;
        var far = max + 1;
        Span<int> previous2 = stackalloc int[width];
        Span<int> previous = stackalloc int[width];
        Span<int> current = stackalloc int[width];
        for (var j = 0; j < width; j++)
        {
            previous[j] = Math.Min(j, far);
            previous2[j] = far;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current.Fill(far);
            current[0] = Math.Min(i, far);
            var rowMin = current[0];
            var from = Math.Max(1, i - max);
            var to = Math.Min(b.Length, i + max);
            for (var j = from; j <= to; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = Math.Min(value, far);
                rowMin = Math.Min(rowMin, current[j]);
            }

            if (rowMin > max)
            {
                return far;
            }

            var spare = previous2;
            previous2 = previous;
            previous = current;
            current = spare;
        }

        return previous[b.Length];
    }

    /// <summary>Sorts a few token hashes in place (insertion sort: names have two to six tokens).</summary>
    public static void Sort(Span<ulong> values)
    {
        for (var i = 1; i < values.Length; i++)
        {
            var value = values[i];
            var j = i - 1;
            while (j >= 0 && values[j] > value)
            {
                values[j + 1] = values[j];
                j--;
            }

            values[j + 1] = value;
        }
    }
}

/// <summary>A small de-duplicated set of candidate person indexes on the caller's stack.</summary>
internal ref struct CandidateSet(Span<int> storage)
{
    private readonly Span<int> storage = storage;

    public int Count { get; private set; }

    public readonly ReadOnlySpan<int> Items => storage[..Count];

    public readonly bool IsFull => Count >= storage.Length;

    public void Add(int person)
    {
        if (Count >= storage.Length || storage[..Count].Contains(person))
        {
            return;
        }

        storage[Count++] = person;
    }
}
