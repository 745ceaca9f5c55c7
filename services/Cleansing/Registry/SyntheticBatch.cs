using System.Globalization;
using System.Text;
using Dakla06.Cleansing.Domain;
using Dakla06.People;

namespace Dakla06.Cleansing.Registry;

/// <summary>
/// One line of a synthetic batch: the values (in <see cref="SyntheticBatch.Headers"/> order; null for an unreadable
/// line, whose <see cref="RawText"/> is written as is), the class the engine must give it, the registry person the
/// record really is (null when nobody is) and whether that person should come out as the top suggestion.
/// </summary>
public sealed record SyntheticLine(
    int LineNumber,
    string[]? Values,
    string? RawText,
    string ExpectedClass,
    IReadOnlyList<string> ExpectedMismatchedFields,
    string? PersonIdNumber,
    bool Recoverable,
    string Corruption);

/// <summary>The corruptions a synthetic batch applies, each with the class it must produce.</summary>
public static class Corruptions
{
    /// <summary>The registry record as is (dates and genders in any accepted notation) → matched.</summary>
    public const string None = "none";

    /// <summary>The name typed with combining marks (NFD) → still matched (names are compared after normalisation).</summary>
    public const string CombiningMarks = "combining-marks";

    /// <summary>The same person's record a second time → matched again (not a duplicate: same name and date).</summary>
    public const string RepeatedRecord = "repeated-record";

    /// <summary>A person marked deceased in the registry → deceased.</summary>
    public const string Deceased = "deceased";

    /// <summary>"Nguyen Van An" → info_mismatch (full_name).</summary>
    public const string DiacriticsDropped = "diacritics-dropped";

    /// <summary>One letter of the given name wrong → info_mismatch (full_name).</summary>
    public const string Typo = "typo";

    /// <summary>"An Nguyễn Văn" → info_mismatch (full_name).</summary>
    public const string NameOrderSwapped = "name-order-swapped";

    /// <summary>12/05 written 05/12 → info_mismatch (date_of_birth).</summary>
    public const string DayMonthSwapped = "day-month-swapped";

    /// <summary>Only the year of birth → info_mismatch (date_of_birth: incomplete).</summary>
    public const string YearOnly = "year-only";

    /// <summary>Nam for Nữ → info_mismatch (gender).</summary>
    public const string WrongGender = "wrong-gender";

    /// <summary>No ID number → missing_id.</summary>
    public const string MissingId = "missing-id";

    /// <summary>A digit dropped, or the old 9-digit number in the ID column → malformed_id.</summary>
    public const string MalformedId = "malformed-id";

    /// <summary>Another registry person's ID number → info_mismatch (that person's details disagree).</summary>
    public const string SomeoneElsesId = "someone-elses-id";

    /// <summary>One serial digit mistyped, the number is nobody's → not_found.</summary>
    public const string IdTypo = "id-typo";

    /// <summary>A later record with an ID number an earlier record of the batch used for another person → duplicate_in_batch.</summary>
    public const string DuplicateId = "duplicate-id";

    /// <summary>A line with the wrong number of columns → unreadable.</summary>
    public const string Unreadable = "unreadable";

    public static readonly IReadOnlyList<string> All =
    [
        None, CombiningMarks, RepeatedRecord, Deceased, DiacriticsDropped, Typo, NameOrderSwapped, DayMonthSwapped, YearOnly,
        WrongGender, MissingId, MalformedId, SomeoneElsesId, IdTypo, DuplicateId, Unreadable,
    ];
}

/// <summary>
/// Builds a sector batch (the vaccination-list shape, Vietnamese headers) from registry persons with known corruptions,
/// and knows for every line the class the engine must give it and the person it really is: the sample file, the
/// engine's tests and the accuracy benchmark. Deterministic for a seed and registry. Every registry person's ID number
/// is used by at most one line unless a duplicate is intended, so one corruption never turns another line's class.
/// </summary>
public sealed class SyntheticBatch
{
    public static readonly string[] Headers = ["ho_ten", "ngay_sinh", "gioi_tinh", "so_dinh_danh", "ma_xa", "so_dien_thoai", "ma_nguon"];

    /// <summary>
    /// Corruption weights of a batch that exercises everything: about half the records clean, the rest spread over
    /// every corruption (the accuracy benchmark and the sample file).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, double> Balanced = new Dictionary<string, double>
    {
        [Corruptions.None] = 46, [Corruptions.CombiningMarks] = 2, [Corruptions.RepeatedRecord] = 1, [Corruptions.Deceased] = 2,
        [Corruptions.DiacriticsDropped] = 6, [Corruptions.Typo] = 6, [Corruptions.NameOrderSwapped] = 4, [Corruptions.DayMonthSwapped] = 5,
        [Corruptions.YearOnly] = 3, [Corruptions.WrongGender] = 4, [Corruptions.MissingId] = 4, [Corruptions.MalformedId] = 4,
        [Corruptions.SomeoneElsesId] = 4, [Corruptions.IdTypo] = 4, [Corruptions.DuplicateId] = 3, [Corruptions.Unreadable] = 2,
    };

    /// <summary>
    /// About the shares of Đắk Lắk's 2022 vaccination data (309,256 of ~4 million failed: 0.4% without ID number,
    /// 0.5% malformed, 6.9% disagreeing details), for throughput runs that should look like the real thing.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, double> Realistic = new Dictionary<string, double>
    {
        [Corruptions.None] = 91.5, [Corruptions.CombiningMarks] = 0.3, [Corruptions.RepeatedRecord] = 0.2, [Corruptions.Deceased] = 0.2,
        [Corruptions.DiacriticsDropped] = 2.0, [Corruptions.Typo] = 1.5, [Corruptions.NameOrderSwapped] = 0.5, [Corruptions.DayMonthSwapped] = 1.2,
        [Corruptions.YearOnly] = 0.6, [Corruptions.WrongGender] = 0.6, [Corruptions.MissingId] = 0.4, [Corruptions.MalformedId] = 0.5,
        [Corruptions.SomeoneElsesId] = 0.2, [Corruptions.IdTypo] = 0.2, [Corruptions.DuplicateId] = 0.05, [Corruptions.Unreadable] = 0.05,
    };

    private readonly IReadOnlyList<RegistryPerson> _registry;
    private readonly IReadOnlyList<RegistryPerson> _subjects;
    private readonly HashSet<long> _registryIds;
    private readonly HashSet<long> _used = [];
    private readonly List<int> _deceased = [];
    // Persons already written as clean records: a repeated record or a duplicate ID number refers back to one of them.
    private readonly List<RegistryPerson> _cleanRecords = [];
    private RegistryGenerator.Rng _rng;
    private int _nextSubject;

    /// <param name="registry">Every person of the registry the batch will be validated against.</param>
    /// <param name="seed">Seed of the corruptions and the order of persons.</param>
    /// <param name="subjects">
    /// The persons the records are about (default: the registry), e.g. only one district's; taken in a shuffled order.
    /// Someone else's ID numbers and free ID numbers are checked against the whole <paramref name="registry"/>.
    /// </param>
    public SyntheticBatch(IReadOnlyList<RegistryPerson> registry, int seed, IReadOnlyList<RegistryPerson>? subjects = null)
    {
        _registry = registry;
        _subjects = subjects ?? registry;
        if (_subjects.Count == 0)
        {
            throw new ArgumentException("A synthetic batch needs at least one person.", nameof(subjects));
        }

        _registryIds = new HashSet<long>(registry.Count);
        foreach (var person in registry)
        {
            IdNumbers.TryGetKey(person.IdNumber, out var key);
            _registryIds.Add(key);
        }

        for (var i = 0; i < _subjects.Count; i++)
        {
            if (_subjects[i].Deceased)
            {
                _deceased.Add(i);
            }
        }

        _rng = new RegistryGenerator.Rng((ulong)(uint)seed * 0xD1B5_4A32_D192_ED03UL + 0x5EED);
        _nextSubject = _rng.Next(0, _subjects.Count);
    }

    /// <summary>
    /// <paramref name="count"/> lines (line numbers from 2: line 1 is the header) with corruptions drawn by
    /// <paramref name="weights"/> (default <see cref="Balanced"/>). A corruption a person does not allow (a day/month swap
    /// of 15/03, a deceased person when the subjects hold none) falls back to a typo.
    /// </summary>
    public IEnumerable<SyntheticLine> Generate(int count, IReadOnlyDictionary<string, double>? weights = null)
    {
        var table = BuildTable(weights ?? Balanced);
        for (var line = 2; line < count + 2; line++)
        {
            var u = _rng.NextDouble();
            var index = Array.BinarySearch(table.Cumulative, u);
            yield return Build(line, table.Names[index < 0 ? ~index : index]);
        }
    }

    /// <summary>Writes the batch (UTF-8 CSV, header <see cref="Headers"/>) and optionally the answer key
    /// (<c>line,class,person,recoverable,corruption,mismatched</c>).</summary>
    public static void Write(TextWriter batch, TextWriter? expected, IEnumerable<SyntheticLine> lines)
    {
        batch.Write(string.Join(',', Headers));
        batch.Write('\n');
        expected?.Write("line,class,person,recoverable,corruption,mismatched\n");
        foreach (var line in lines)
        {
            if (line.Values is null)
            {
                batch.Write(line.RawText);
            }
            else
            {
                for (var i = 0; i < line.Values.Length; i++)
                {
                    if (i > 0)
                    {
                        batch.Write(',');
                    }

                    RecordLine.WriteValue(batch, line.Values[i]);
                }
            }

            batch.Write('\n');
            if (expected is not null)
            {
                expected.Write(line.LineNumber.ToString(CultureInfo.InvariantCulture));
                expected.Write(',');
                expected.Write(line.ExpectedClass);
                expected.Write(',');
                expected.Write(line.PersonIdNumber);
                expected.Write(',');
                expected.Write(line.Recoverable ? "true" : "false");
                expected.Write(',');
                expected.Write(line.Corruption);
                expected.Write(',');
                expected.Write(string.Join(' ', line.ExpectedMismatchedFields));
                expected.Write('\n');
            }
        }
    }

    private SyntheticLine Build(int line, string corruption)
    {
        switch (corruption)
        {
            case Corruptions.Unreadable:
                return new SyntheticLine(line, null, "dòng bị cắt,01/01/1990", RecordClasses.Unreadable, [], null, false, corruption);
            case Corruptions.Deceased when _deceased.Count > 0:
            {
                for (var attempt = 0; attempt < 50; attempt++)
                {
                    var dead = _subjects[_deceased[_rng.Next(0, _deceased.Count)]];
                    if (Use(dead.IdNumber))
                    {
                        return Line(line, dead, dead.FullName, FormatDate(dead.DateOfBirth), dead.Gender, dead.IdNumber, RecordClasses.Deceased, [], false, corruption);
                    }
                }

                break;
            }

            case Corruptions.RepeatedRecord when _cleanRecords.Count > 0:
            {
                var p = _cleanRecords[_rng.Next(0, _cleanRecords.Count)];
                return Line(line, p, p.FullName, FormatDate(p.DateOfBirth), p.Gender, p.IdNumber, RecordClasses.Matched, [], false, corruption);
            }

            case Corruptions.DuplicateId when _cleanRecords.Count > 0:
            {
                // A different person of the registry (another name and date) typed with an ID number already used above.
                var first = _cleanRecords[_rng.Next(0, _cleanRecords.Count)];
                var other = NextSubject();
                if (Names.Fold(other.FullName) != Names.Fold(first.FullName) && other.DateOfBirth != first.DateOfBirth)
                {
                    return Line(line, other, other.FullName, FormatDate(other.DateOfBirth), other.Gender, first.IdNumber, RecordClasses.DuplicateInBatch, [], true, corruption);
                }

                break;
            }
        }

        var subject = NextSubject();
        var date = FormatDate(subject.DateOfBirth);
        switch (corruption)
        {
            case Corruptions.None:
            case Corruptions.Deceased:
            case Corruptions.RepeatedRecord:
            case Corruptions.DuplicateId:
                // The three above fall back to a clean record when the batch cannot have them yet.
                _cleanRecords.Add(subject);
                return Line(line, subject, subject.FullName, date, subject.Gender, subject.IdNumber, RecordClasses.Matched, [], false, Corruptions.None);
            case Corruptions.CombiningMarks:
                return Line(line, subject, subject.FullName.Normalize(NormalizationForm.FormD), date, subject.Gender, subject.IdNumber, RecordClasses.Matched, [], false, corruption);
            case Corruptions.DiacriticsDropped when StripDiacritics(subject.FullName) is var plain && plain != subject.FullName:
                return Mismatch(line, subject, plain, date, subject.Gender, RecordFields.FullName, corruption);
            case Corruptions.NameOrderSwapped when SwapOrder(subject.FullName) is { } swapped:
                return Mismatch(line, subject, swapped, date, subject.Gender, RecordFields.FullName, corruption);
            case Corruptions.DayMonthSwapped when subject.DateOfBirth.Day <= 12 && subject.DateOfBirth.Day != subject.DateOfBirth.Month:
                return Mismatch(line, subject, subject.FullName, string.Create(CultureInfo.InvariantCulture, $"{subject.DateOfBirth.Month:D2}/{subject.DateOfBirth.Day:D2}/{subject.DateOfBirth.Year}"), subject.Gender, RecordFields.DateOfBirth, corruption);
            case Corruptions.YearOnly:
                return Mismatch(line, subject, subject.FullName, subject.DateOfBirth.Year.ToString(CultureInfo.InvariantCulture), subject.Gender, RecordFields.DateOfBirth, corruption);
            case Corruptions.WrongGender:
                return Mismatch(line, subject, subject.FullName, date, subject.Gender == Gender.Male ? Gender.Female : Gender.Male, RecordFields.Gender, corruption);
            case Corruptions.MissingId:
                return Line(line, subject, subject.FullName, date, subject.Gender, string.Empty, RecordClasses.MissingId, [], true, corruption);
            case Corruptions.MalformedId:
            {
                var malformed = subject.OldIdNumber is { } old && _rng.NextDouble() < 0.4
                    ? old
                    : subject.IdNumber.Remove(_rng.Next(3, 12), 1);
                return Line(line, subject, subject.FullName, date, subject.Gender, malformed, RecordClasses.MalformedId, [], true, corruption);
            }

            case Corruptions.SomeoneElsesId:
            {
                // An alive registry person nobody in the batch is about, with a different name and date of birth.
                for (var attempt = 0; attempt < 50; attempt++)
                {
                    var owner = _registry[_rng.Next(0, _registry.Count)];
                    if (!owner.Deceased && owner.DateOfBirth != subject.DateOfBirth && Names.Fold(owner.FullName) != Names.Fold(subject.FullName)
                        && Use(owner.IdNumber))
                    {
                        var fields = new List<string> { RecordFields.FullName, RecordFields.DateOfBirth };
                        if (owner.Gender != subject.Gender)
                        {
                            fields.Add(RecordFields.Gender);
                        }

                        return Line(line, subject, subject.FullName, date, subject.Gender, owner.IdNumber, RecordClasses.InfoMismatch, fields, true, corruption);
                    }
                }

                break;
            }

            case Corruptions.IdTypo:
            {
                // One serial digit (positions 7–12) changed: still well-formed and consistent, but nobody's.
                for (var attempt = 0; attempt < 20; attempt++)
                {
                    var position = _rng.Next(6, 12);
                    var digit = (char)('0' + _rng.Next(0, 10));
                    if (digit == subject.IdNumber[position])
                    {
                        continue;
                    }

                    var typo = string.Concat(subject.IdNumber.AsSpan(0, position), new ReadOnlySpan<char>(in digit), subject.IdNumber.AsSpan(position + 1));
                    IdNumbers.TryGetKey(typo, out var key);
                    if (!_registryIds.Contains(key) && Use(typo))
                    {
                        return Line(line, subject, subject.FullName, date, subject.Gender, typo, RecordClasses.NotFound, [], true, corruption);
                    }
                }

                break;
            }
        }

        // The corruption does not apply to this person (a 15/03 birthday cannot swap): a typo always can.
        return Mismatch(line, subject, Typo(subject.FullName), date, subject.Gender, RecordFields.FullName, Corruptions.Typo);
    }

    private SyntheticLine Mismatch(int line, RegistryPerson subject, string fullName, string date, Gender gender, string field, string corruption) =>
        Line(line, subject, fullName, date, gender, subject.IdNumber, RecordClasses.InfoMismatch, [field], true, corruption);

    private SyntheticLine Line(
        int line, RegistryPerson subject, string fullName, string date, Gender gender, string idNumber, string expectedClass,
        IReadOnlyList<string> mismatched, bool recoverable, string corruption)
    {
        // Mostly the subject's commune; some sector files leave it empty.
        var commune = _rng.NextDouble() < 0.9 ? subject.CommuneCode : string.Empty;
        var phone = string.Create(CultureInfo.InvariantCulture, $"09{_rng.Next(10_000_000, 99_999_999)}");
        var source = string.Create(CultureInfo.InvariantCulture, $"TC-{line - 1:D7}");
        var genderText = _rng.NextDouble() switch
        {
            < 0.85 => gender == Gender.Male ? "Nam" : "Nữ",
            < 0.95 => gender == Gender.Male ? "M" : "F",
            _ => gender == Gender.Male ? "male" : "female",
        };
        return new SyntheticLine(line, [fullName, date, genderText, idNumber, commune, phone, source], null, expectedClass, mismatched, subject.IdNumber, recoverable, corruption);
    }

    private string FormatDate(DateOnly date) =>
        _rng.NextDouble() < 0.85
            ? date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)
            : date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The next alive subject whose ID number no line has used yet.</summary>
    private RegistryPerson NextSubject()
    {
        for (var attempt = 0; attempt < _subjects.Count; attempt++)
        {
            // A stride coprime with the count walks every subject once, in an order that looks random.
            _nextSubject = (int)((_nextSubject + 7_919L * 104_729L) % _subjects.Count);
            var person = _subjects[_nextSubject];
            if (!person.Deceased && Use(person.IdNumber))
            {
                return person;
            }
        }

        throw new InvalidOperationException("The batch needs more distinct persons than the subjects hold.");
    }

    private bool Use(string idNumber) => IdNumbers.TryGetKey(idNumber, out var key) && _used.Add(key);

    private string Typo(string fullName)
    {
        // Replace one letter of the last word (the given name in Kinh names) by a different ASCII letter.
        var lastSpace = fullName.LastIndexOf(' ');
        var start = lastSpace + 1;
        var position = start + _rng.Next(0, fullName.Length - start);
        var letters = "abcdeghiklmnopqrstuvxy";
        var replacement = letters[_rng.Next(0, letters.Length)];
        if (char.ToLowerInvariant(fullName[position]) == replacement || Names.Fold(fullName[position].ToString()) == replacement.ToString())
        {
            replacement = replacement == 'a' ? 'o' : 'a';
        }

        if (position == start)
        {
            replacement = char.ToUpperInvariant(replacement);
        }

        return string.Concat(fullName.AsSpan(0, position), new ReadOnlySpan<char>(in replacement), fullName.AsSpan(position + 1));
    }

    /// <summary>"Nguyễn Văn An" → "Nguyen Van An"; "Đặng" → "Dang" (what a keyboard without Vietnamese input types).</summary>
    private static string StripDiacritics(string fullName)
    {
        var decomposed = fullName.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(c switch { 'đ' => 'd', 'Đ' => 'D', _ => c });
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>"Nguyễn Văn An" → "An Nguyễn Văn" (given name first, as some foreign-style forms ask).</summary>
    private static string? SwapOrder(string fullName)
    {
        var lastSpace = fullName.LastIndexOf(' ');
        return lastSpace <= 0 ? null : string.Concat(fullName.AsSpan(lastSpace + 1), " ", fullName.AsSpan(0, lastSpace));
    }

    private static (string[] Names, double[] Cumulative) BuildTable(IReadOnlyDictionary<string, double> weights)
    {
        if (weights.Keys.FirstOrDefault(k => !Corruptions.All.Contains(k)) is { } unknown)
        {
            throw new ArgumentException($"Unknown corruption '{unknown}'.", nameof(weights));
        }

        // In the fixed order of Corruptions.All, not the dictionary's, so the same weights always draw the same lines.
        var names = Corruptions.All.Where(c => weights.GetValueOrDefault(c) > 0).ToArray();

        var total = names.Sum(n => weights[n]);
        var cumulative = new double[names.Length];
        var running = 0.0;
        for (var i = 0; i < names.Length; i++)
        {
            running += weights[names[i]] / total;
            cumulative[i] = running;
        }

        cumulative[^1] = 1.0;
        return (names, cumulative);
    }
}
