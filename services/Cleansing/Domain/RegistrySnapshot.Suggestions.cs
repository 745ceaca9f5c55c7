using System.Text;
using Dakla06.People;

namespace Dakla06.Cleansing.Domain;

public sealed partial class RegistrySnapshot
{
    private const int MaxCandidates = 256;
    private const int PerKeyLimit = 64;
    private const int SameYearLimit = 12;
    // variants with a birth year after next year cannot have been issued
    private static readonly int MaxBirthYear = DateTime.UtcNow.Year + 1;
    private const int MinimumScore = 40;

    /// <summary>
    /// Up to three registry persons this record probably is, best first. Candidates come from the ID number (also
    /// one digit off), the old 9-digit number and the blocking indexes on the folded name with the date of birth;
    /// each is scored on name (40), date of birth (30), gender (10), commune (10) and ID number (10). Thread-safe.
    /// </summary>
    public IReadOnlyList<Suggestion> Suggest(string? idNumber, string? fullName, string? dateOfBirth, string? gender, string? communeCode)
    {
        var record = new RecordView(idNumber, fullName, dateOfBirth, gender, communeCode);
        Span<int> storage = stackalloc int[MaxCandidates];
        var candidates = new CandidateSet(storage);
        CollectCandidates(in record, ref candidates);
        if (candidates.Count == 0)
        {
            return [];
        }

        Span<int> topPerson = stackalloc int[Suggestion.MaxSuggestions];
        Span<int> topScore = stackalloc int[Suggestion.MaxSuggestions];
        Span<int> topReason = stackalloc int[Suggestion.MaxSuggestions];
        var topCount = 0;
        var strong = 0;
        foreach (var person in candidates.Items)
        {
            var score = Score(in record, person, out var reason);
            if (score < MinimumScore)
            {
                continue;
            }

            if (score >= Suggestion.ConfidentScore)
            {
                strong++;
            }

            // Insert into the top three (ties keep the first found: the ID number's own person comes first).
            var at = topCount;
            while (at > 0 && topScore[at - 1] < score)
            {
                at--;
            }

            if (at >= Suggestion.MaxSuggestions)
            {
                continue;
            }

            for (var k = Math.Min(topCount, Suggestion.MaxSuggestions - 1); k > at; k--)
            {
                topPerson[k] = topPerson[k - 1];
                topScore[k] = topScore[k - 1];
                topReason[k] = topReason[k - 1];
            }

            topPerson[at] = person;
            topScore[at] = score;
            topReason[at] = reason;
            topCount = Math.Min(topCount + 1, Suggestion.MaxSuggestions);
        }

        var suggestions = new Suggestion[topCount];
        for (var k = 0; k < topCount; k++)
        {
            var index = topPerson[k];
            suggestions[k] = new Suggestion(
                IdNumbers.FromKey(core[index].Id), names[index], DateOnly.FromDayNumber(core[index].BirthDay), core[index].Gender, communes[core[index].Commune],
                topScore[k], Reasons.Describe(NameReason(in record, names[index], topReason[k])), Confident: k == 0 && strong == 1 && topScore[k] >= Suggestion.ConfidentScore,
                Deceased: core[index].Deceased);
        }

        return suggestions;
    }

    private void CollectCandidates(in RecordView record, ref CandidateSet candidates)
    {
        var own = record.IdKey >= 0 ? Find(record.IdKey) : -1;
        var ownFound = own >= 0;
        if (ownFound)
        {
            candidates.Add(own);
        }

        if (record.IdText.Length > 0 && !ownFound && FindOldId(record.IdText) is var old and >= 0)
        {
            candidates.Add(old);
        }

        if (record.HasName)
        {
            CollectByName(in record, ref candidates);
        }

        // A number one keystroke off is searched (about 120 probes) only when the name found nobody by that name.
        if (record.IdText.Length > 0 && !ownFound && !AnySameName(in record, candidates.Items))
        {
            CollectNearIds(record.IdText, ref candidates);
        }
    }

    private bool AnySameName(in RecordView record, ReadOnlySpan<int> candidates)
    {
        foreach (var candidate in candidates)
        {
            if (core[candidate].SetHash == record.Keys.Set)
            {
                return true;
            }
        }

        return false;
    }

    private void CollectByName(in RecordView record, ref CandidateSet candidates)
    {
        var keys = record.Keys;
        if (record.Date is { } date)
        {
            if (!date.IsFull)
            {
                byNameAndYear.Collect(NameKeys.WithYear(keys.Set, date.Year), ref candidates, PerKeyLimit);
            }
            else
            {
                var day = date.ToDateOnly()!.Value.DayNumber;
                byNameAndDayMonth.Collect(NameKeys.WithDayMonth(keys.Set, date.Month!.Value, date.Day!.Value), ref candidates, PerKeyLimit);
                byGivenAndDate.Collect(NameKeys.WithDate(keys.Given, day), ref candidates, PerKeyLimit);
                byFamilyAndDate.Collect(NameKeys.WithDate(keys.Family, day), ref candidates, PerKeyLimit);
                if (date.Day!.Value <= 12 && date.Day != date.Month)
                {
                    // day and month typed the other way round
                    byNameAndDayMonth.Collect(NameKeys.WithDayMonth(keys.Set, date.Day.Value, date.Month!.Value), ref candidates, PerKeyLimit);
                }

                // a typo elsewhere in the date: same name, same year (a short run; the exact keys above come first)
                byNameAndYear.Collect(NameKeys.WithYear(keys.Set, date.Year), ref candidates, SameYearLimit);
            }
        }

        if (record.Date is null || candidates.Count == 0)
        {
            byName.Collect(keys.Set, ref candidates, PerKeyLimit);
        }
    }

    /// <summary>ID numbers one keystroke away: a digit changed, two neighbours swapped, a digit dropped or added.</summary>
    private void CollectNearIds(string text, ref CandidateSet candidates)
    {
        Span<char> variant = stackalloc char[IdNumbers.Length];
        if (text.Length == IdNumbers.Length && IdNumbers.AllDigits(text))
        {
            for (var position = 0; position < IdNumbers.Length && !candidates.IsFull; position++)
            {
                text.AsSpan().CopyTo(variant);
                for (var digit = '0'; digit <= '9'; digit++)
                {
                    if (digit != text[position])
                    {
                        variant[position] = digit;
                        AddIfKnown(variant, ref candidates);
                    }
                }

                if (position + 1 < IdNumbers.Length && text[position] != text[position + 1])
                {
                    text.AsSpan().CopyTo(variant);
                    (variant[position], variant[position + 1]) = (variant[position + 1], variant[position]);
                    AddIfKnown(variant, ref candidates);
                }
            }
        }
        else if (text.Length == IdNumbers.Length - 1 && IdNumbers.AllDigits(text))
        {
            for (var position = 0; position <= text.Length; position++)
            {
                text.AsSpan(0, position).CopyTo(variant);
                text.AsSpan(position).CopyTo(variant[(position + 1)..]);
                for (var digit = '0'; digit <= '9'; digit++)
                {
                    variant[position] = digit;
                    AddIfKnown(variant, ref candidates);
                }
            }
        }
        else if (text.Length == IdNumbers.Length + 1 && IdNumbers.AllDigits(text))
        {
            for (var position = 0; position < text.Length; position++)
            {
                text.AsSpan(0, position).CopyTo(variant);
                text.AsSpan(position + 1).CopyTo(variant[position..]);
                AddIfKnown(variant, ref candidates);
            }
        }
    }

    private void AddIfKnown(scoped ReadOnlySpan<char> variant, ref CandidateSet candidates)
    {
        if (IdNumbers.IsPlausible(variant, MaxBirthYear) && IdNumbers.TryGetKey(variant, out var key) && Find(key) is var index and >= 0)
        {
            candidates.Add(index);
        }
    }

    private int Score(in RecordView record, int index, out int reason)
    {
        ref readonly var person = ref core[index];
        reason = 0;
        var score = 0;

        // Name: 40 exact, 38 other spelling, 37 without diacritics, 34 order or prefix differs, 28 one wrong diacritic
        // or letter, 20 two, up to 20 in part.
        if (record.HasName)
        {
            if (person.FoldedHash == record.FoldedHash)
            {
                // the name string is read only here: an exact match implies the same folded name
                // Same letters: exact, or only case/spacing/apostrophes differ; else the record has no diacritics
                // at all (typed without them, common); else one of its diacritics differs ("Bình"/"Bính"): a typo.
                if (string.Equals(names[index], record.Name, StringComparison.Ordinal))
                {
                    score += 40;
                    reason |= Reasons.NameExact;
                }
                else if (SameLetters(names[index], record.Name))
                {
                    score += 38;
                    reason |= Reasons.NameSpelling;
                }
                else if (!record.HasDiacritics)
                {
                    score += 37;
                    reason |= Reasons.NameFolded;
                }
                else
                {
                    score += 28;
                    reason |= Reasons.NameDiacritic;
                }
            }
            else if (person.SetHash == record.Keys.Set)
            {
                // reordered or with/without Y / H': told apart only for the suggestions kept (NameReason)
                score += 34;
                reason |= Reasons.NameOrder;
            }
            else
            {
                score += ScoreNameDistance(in record, names[index], ref reason);
            }
        }

        // Date of birth: 30 same, 24 day/month swapped, 22 same year when only the year is known, 18 wrong year,
        // 15 one part differs, 10 same year.
        var birth = DateOnly.FromDayNumber(person.BirthDay);
        if (record.Date is { } date)
        {
            if (!date.IsFull)
            {
                if (date.Year == birth.Year)
                {
                    score += 22;
                    reason |= Reasons.DateYearOnly;
                }
            }
            else if (date.Year == birth.Year && date.Month == birth.Month && date.Day == birth.Day)
            {
                // read as month/day because day/month does not exist (13/25/1990): the swap is the finding
                score += record.DateSwapped ? 24 : 30;
                reason |= record.DateSwapped ? Reasons.DateSwapped : Reasons.DateExact;
            }
            else if (date.Year == birth.Year && date.Month == birth.Day && date.Day == birth.Month)
            {
                score += 24;
                reason |= Reasons.DateSwapped;
            }
            else if (date.Month == birth.Month && date.Day == birth.Day)
            {
                score += 18;
                reason |= Reasons.DateWrongYear;
            }
            else if (date.Year == birth.Year && (date.Month == birth.Month || date.Day == birth.Day))
            {
                score += 15;
                reason |= Reasons.DateClose;
            }
            else if (date.Year == birth.Year)
            {
                score += 10;
                reason |= Reasons.DateSameYear;
            }
        }

        var personGender = person.Gender;
        if (record.Gender is not { } gender)
        {
            score += 5;
        }
        else if (gender == personGender)
        {
            score += 10;
        }
        else
        {
            reason |= Reasons.GenderDiffers;
        }

        if (record.Commune.Length == 0)
        {
            score += 5;
        }
        else if (string.Equals(record.Commune, communes[person.Commune], StringComparison.Ordinal))
        {
            score += 10;
            reason |= Reasons.SameCommune;
        }

        if (record.IdKey >= 0 && record.IdKey == person.Id)
        {
            score += 10;
            reason |= Reasons.IdExact;
        }
        else if (record.IdText.Length == 0)
        {
            score += 5;
        }
        else if (person.HasOldId && string.Equals(oldIds[index], record.IdText, StringComparison.Ordinal))
        {
            score += 10;
            reason |= Reasons.OldId;
        }
        else if (IsNearId(record.IdText, person.Id))
        {
            score += 7;
            reason |= Reasons.IdNear;
        }

        if (person.Deceased)
        {
            reason |= Reasons.Deceased;
        }

        return score;
    }

    /// <summary>The slow path for names that share no hash with the record: edit distance, else shared tokens.</summary>
    private static int ScoreNameDistance(in RecordView record, string name, ref int reason)
    {
        Span<char> folded = stackalloc char[Names.MaxLength];
        var foldedName = folded[..Names.Fold(name, folded)];
        if (NameKeys.Distance(foldedName, record.Folded, 2) is var distance and <= 2)
        {
            // like a wrong diacritic: with nothing else off but a missing number (83) it stays below confident,
            // so an exact namesake born the same day is not drowned by a one-letter neighbour
            reason |= distance == 1 ? Reasons.NameOneTypo : Reasons.NameClose;
            return distance == 1 ? 28 : 20;
        }

        Span<ulong> tokens = stackalloc ulong[NameKeys.MaxTokens];
        var own = tokens[..NameKeys.Tokenize(foldedName, tokens)];
        NameKeys.Sort(own);
        var shared = SharedTokens(own, record.SortedTokens);
        var most = Math.Max(own.Length, record.SortedTokens.Length);
        if (shared == 0 || most == 0)
        {
            return 0;
        }

        reason |= Reasons.NamePartial;
        return 20 * shared / most;
    }

    /// <summary>A same-token-set name: the same tokens in another order, or the same once Y / H' are set aside.</summary>
    private static int NameReason(in RecordView record, string name, int reason)
    {
        if ((reason & Reasons.NameOrder) == 0)
        {
            return reason;
        }

        Span<char> folded = stackalloc char[Names.MaxLength];
        Span<ulong> tokens = stackalloc ulong[NameKeys.MaxTokens];
        var own = tokens[..NameKeys.Tokenize(folded[..Names.Fold(name, folded)], tokens)];
        NameKeys.Sort(own);
        return own.SequenceEqual(record.SortedTokens) ? reason : (reason & ~Reasons.NameOrder) | Reasons.NamePrefix;
    }

    /// <summary>Equal letters with their diacritics, ignoring case, spaces, apostrophes and hyphens.</summary>
    private static bool SameLetters(string a, string b)
    {
        int i = 0, j = 0;
        while (true)
        {
            while (i < a.Length && !char.IsLetterOrDigit(a[i]))
            {
                i++;
            }

            while (j < b.Length && !char.IsLetterOrDigit(b[j]))
            {
                j++;
            }

            if (i == a.Length || j == b.Length)
            {
                return i == a.Length && j == b.Length;
            }

            if (char.ToLowerInvariant(a[i]) != char.ToLowerInvariant(b[j]))
            {
                return false;
            }

            i++;
            j++;
        }
    }

    private static int SharedTokens(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        // both sorted: a merge counts the multiset intersection
        int i = 0, j = 0, shared = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                shared++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return shared;
    }

    private static bool IsNearId(string text, long key)
    {
        Span<char> digits = stackalloc char[IdNumbers.Length];
        key.TryFormat(digits, out _, "D12", System.Globalization.CultureInfo.InvariantCulture);
        return text.Length is >= IdNumbers.Length - 1 and <= IdNumbers.Length + 1 && NameKeys.Distance(text, digits, 1) <= 1;
    }

    /// <summary>The record's fields prepared once for scoring many candidates.</summary>
    private readonly struct RecordView
    {
        private readonly char[] foldedBuffer;
        private readonly int foldedLength;
        private readonly ulong[] sortedTokens;

        public RecordView(string? idNumber, string? fullName, string? dateOfBirth, string? gender, string? communeCode)
        {
            IdText = idNumber?.Trim() ?? string.Empty;
            IdKey = IdNumbers.TryGetKey(IdText, out var key) ? key : -1;
            Name = Names.Normalize(fullName);
            HasName = Name.Length > 0;
            foldedBuffer = new char[Names.MaxLength];
            foldedLength = Names.Fold(Name, foldedBuffer);
            FoldedHash = NameKeys.TokenHash(foldedBuffer.AsSpan(0, foldedLength));
            var tokens = new ulong[NameKeys.MaxTokens];
            var count = NameKeys.Tokenize(foldedBuffer.AsSpan(0, foldedLength), tokens);
            Keys = NameKeys.KeysOf(tokens.AsSpan(0, count));
            sortedTokens = tokens[..count];
            NameKeys.Sort(sortedTokens);
            HasName = HasName && foldedLength > 0;
            HasDiacritics = false;
            foreach (var c in Name)
            {
                if (c > '\u007F' && char.IsLetter(c))
                {
                    HasDiacritics = true;
                    break;
                }
            }
            Date = BirthDates.TryParse(dateOfBirth);
            if (Date is null && SwappedDate(dateOfBirth) is { } swapped)
            {
                Date = swapped;
                DateSwapped = true;
            }
            Gender = Genders.TryParse(gender);
            Commune = communeCode?.Trim() ?? string.Empty;
        }

        public string IdText { get; }

        public long IdKey { get; }

        public string Name { get; }

        public bool HasName { get; }

        public NameKeys.Keys Keys { get; }

        public ulong FoldedHash { get; }

        /// <summary>The record's name has Vietnamese letters (so it was not typed without diacritics).</summary>
        public bool HasDiacritics { get; }

        /// <summary>The date only reads as month/day/year (e.g. 05/25/1990).</summary>
        public bool DateSwapped { get; }

        public ReadOnlySpan<char> Folded => foldedBuffer.AsSpan(0, foldedLength);

        public ReadOnlySpan<ulong> SortedTokens => sortedTokens;

        public PartialDate? Date { get; }

        public Gender? Gender { get; }

        public string Commune { get; }
    }

    private static PartialDate? SwappedDate(string? text)
    {
        var span = text.AsSpan().Trim();
        if (span.Length is < 8 or > 10 || span[^5] is not ('/' or '-' or '.'))
        {
            return null;
        }

        var head = span[..^5];
        var split = head.IndexOf(span[^5]);
        if (split < 1)
        {
            return null;
        }

        Span<char> swapped = stackalloc char[span.Length];
        var length = 0;
        head[(split + 1)..].CopyTo(swapped);
        length += head.Length - split - 1;
        swapped[length++] = '/';
        head[..split].CopyTo(swapped[length..]);
        length += split;
        swapped[length++] = '/';
        span[^4..].CopyTo(swapped[length..]);
        length += 4;
        return BirthDates.TryParse(swapped[..length]);
    }

    /// <summary>Reason flags of a score, turned into Vietnamese only for the suggestions kept.</summary>
    private static class Reasons
    {
        public const int NameExact = 1 << 0;
        public const int NameFolded = 1 << 1;
        public const int NameOrder = 1 << 2;
        public const int NamePrefix = 1 << 3;
        public const int NameOneTypo = 1 << 4;
        public const int NameClose = 1 << 5;
        public const int NamePartial = 1 << 6;
        public const int DateExact = 1 << 7;
        public const int DateSwapped = 1 << 8;
        public const int DateYearOnly = 1 << 9;
        public const int DateWrongYear = 1 << 10;
        public const int DateClose = 1 << 11;
        public const int DateSameYear = 1 << 12;
        public const int GenderDiffers = 1 << 13;
        public const int SameCommune = 1 << 14;
        public const int IdExact = 1 << 15;
        public const int IdNear = 1 << 16;
        public const int OldId = 1 << 17;
        public const int Deceased = 1 << 18;
        public const int NameDiacritic = 1 << 19;
        public const int NameSpelling = 1 << 20;

        private static readonly (int Flag, string Text)[] Texts =
        [
            (NameExact, "trùng họ tên"),
            (NameSpelling, "trùng họ tên (khác cách viết)"),
            (NameFolded, "trùng họ tên (bỏ dấu)"),
            (NameOrder, "trùng họ tên (đảo thứ tự)"),
            (NamePrefix, "trùng họ tên (khác tiền tố Y/H')"),
            (NameDiacritic, "họ tên sai dấu"),
            (NameOneTypo, "họ tên sai 1 ký tự"),
            (NameClose, "họ tên gần giống"),
            (NamePartial, "trùng một phần họ tên"),
            (DateExact, "trùng ngày sinh"),
            (DateSwapped, "ngày sinh đảo ngày/tháng"),
            (DateYearOnly, "cùng năm sinh (hồ sơ chỉ có năm)"),
            (DateWrongYear, "trùng ngày/tháng sinh, khác năm"),
            (DateClose, "ngày sinh gần giống"),
            (DateSameYear, "cùng năm sinh"),
            (GenderDiffers, "khác giới tính"),
            (SameCommune, "cùng xã"),
            (IdExact, "trùng số định danh"),
            (IdNear, "số định danh gần giống"),
            (OldId, "trùng số CMND cũ"),
            (Deceased, "đã mất"),
        ];

        public static string Describe(int flags)
        {
            var builder = new StringBuilder(64);
            foreach (var (flag, text) in Texts)
            {
                if ((flags & flag) != 0)
                {
                    if (builder.Length > 0)
                    {
                        builder.Append(", ");
                    }

                    builder.Append(text);
                }
            }

            if (builder.Length > 0)
            {
                builder[0] = char.ToUpperInvariant(builder[0]);
            }

            return builder.ToString();
        }
    }
}
