using Dakla06.Contracts.AdminUnits;

namespace Dakla06.People;

/// <summary>
/// Writes a realistic population registry of Đắk Lắk of any size, the same for the same seed: persons live in
/// households (1–7 members, exactly one head) spread over the 184 communes by plausible population weights; Kinh
/// families carry the father's surname with the national surname distribution, Ê Đê / M'nông / Gia Rai families
/// (about a third of the province) the mother's family name with the "Y …" / "H' …" personal prefixes; ID numbers
/// are composed from place of birth registration, gender and birth year (<see cref="IdNumbers.Compose"/>), so they
/// agree with the person's date of birth and gender; about 1% are deceased and older people may carry an old
/// 9-digit ID number. Used by the start-up seed, the tests, the sample file and the benchmark.
/// </summary>
/// <remarks>
/// Deterministic by construction: its own pseudo-random generator (not <see cref="Random"/>, whose sequence is not
/// promised across runtimes), a fixed reference date instead of the clock, and serial numbers drawn from a
/// per-prefix bijection so ID numbers never collide without a lookup table. About a million persons a second.
/// </remarks>
public sealed class RegistryGenerator(int seed)
{
    /// <summary>Ages are computed against this date, not the clock, so a seed always yields the same registry.</summary>
    public static readonly DateOnly ReferenceDate = new(2024, 1, 1);

    public int Seed { get; } = seed;

    /// <summary>The first <paramref name="count"/> persons of this seed's registry (a prefix of any longer run).</summary>
    public IEnumerable<RegistryPerson> Generate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var state = new State(Seed);
        var household = new List<RegistryPerson>(8);
        var produced = 0;
        while (produced < count)
        {
            household.Clear();
            state.NextHousehold(household);
            foreach (var person in household)
            {
                if (produced == count)
                {
                    yield break;
                }

                produced++;
                yield return person;
            }
        }
    }

    /// <summary>Commune codes with their population weight (the generator's distribution), for tests and the sample.</summary>
    public static IReadOnlyList<(AdminUnit Commune, double Weight)> CommuneWeights => Communes.Weights;

    private sealed class State
    {
        private Rng _rng;
        private readonly Dictionary<int, int> _serialCounters = [];
        private readonly Dictionary<string, int> _householdCounters = new(StringComparer.Ordinal);
        private int _oldIdCounter;

        public State(int seed)
        {
            _rng = new Rng((ulong)(uint)seed * 0x9E37_79B9_7F4A_7C15UL + 0x6A06_2022UL);
        }

        public void NextHousehold(List<RegistryPerson> members)
        {
            var commune = Communes.Pick(ref _rng);
            var ethnic = _rng.NextDouble() < commune.EthnicShare;
            var size = PickHouseholdSize();
            var householdId = NextHouseholdId(commune.Code);

            // The couple at the centre of the household; the head is one of them (or the only adult).
            var headAge = size == 1 ? _rng.Next(22, 88) : _rng.Next(24, 72);
            var hasSpouse = size >= 2 && _rng.NextDouble() < 0.86;
            var headIsMale = ethnic ? _rng.NextDouble() < 0.45 : _rng.NextDouble() < 0.78;
            var head = NewAdult(commune, ethnic, headIsMale ? Gender.Male : Gender.Female, headAge, familyName: null);
            members.Add(Build(head, householdId, isHead: true));

            Adult? spouse = null;
            if (hasSpouse)
            {
                var spouseAge = Math.Clamp(headAge + (headIsMale ? -_rng.Next(0, 7) : _rng.Next(0, 7)), 18, 95);
                spouse = NewAdult(commune, ethnic, headIsMale ? Gender.Female : Gender.Male, spouseAge, familyName: null);
                members.Add(Build(spouse.Value, householdId, isHead: false));
            }

            var remaining = size - members.Count;
            // An elderly parent of the head lives with some larger families.
            if (remaining >= 2 && headAge < 60 && _rng.NextDouble() < 0.3)
            {
                var elderAge = Math.Min(headAge + _rng.Next(20, 32), 100);
                var elderGender = _rng.NextDouble() < 0.62 ? Gender.Female : Gender.Male;
                // A head's father shares the head's family name in Kinh families, a head's mother in matrilineal ones.
                var sharesName = ethnic ? elderGender == Gender.Female && head.Gender == Gender.Female : elderGender == Gender.Male && head.Gender == Gender.Male;
                var elder = NewAdult(commune, ethnic, elderGender, elderAge, sharesName ? head.FamilyName : null);
                members.Add(Build(elder, householdId, isHead: false));
                remaining--;
            }

            var father = head.Gender == Gender.Male ? head : spouse;
            var mother = head.Gender == Gender.Female ? head : spouse;
            var youngestParentAge = Math.Min(father?.Age ?? 200, mother?.Age ?? 200);
            var childFamilyName = ethnic ? (mother ?? head).FamilyName : (father ?? head).FamilyName;
            var maxChildAge = Math.Max(0, youngestParentAge - 18);
            for (var i = 0; i < remaining; i++)
            {
                var childAge = maxChildAge == 0 ? 0 : _rng.Next(0, Math.Min(maxChildAge, 30) + 1);
                var gender = _rng.NextDouble() < 0.51 ? Gender.Male : Gender.Female;
                var child = NewAdult(commune, ethnic, gender, childAge, childFamilyName);
                members.Add(Build(child, householdId, isHead: false));
            }
        }

        private int PickHouseholdSize()
        {
            // Vietnam's 2019 census: 3.5 persons per household on average, few above 6.
            var u = _rng.NextDouble();
            return u switch
            {
                < 0.09 => 1,
                < 0.24 => 2,
                < 0.45 => 3,
                < 0.72 => 4,
                < 0.87 => 5,
                < 0.95 => 6,
                _ => 7,
            };
        }

        private string NextHouseholdId(string communeCode)
        {
            ref var counter = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_householdCounters, communeCode, out _);
            counter++;
            return $"{communeCode}{counter:D6}";
        }

        private Adult NewAdult(Communes.Entry commune, bool ethnic, Gender gender, int age, string? familyName)
        {
            var birthYear = ReferenceDate.Year - 1 - age;
            var dayOfYear = _rng.Next(0, DateTime.IsLeapYear(birthYear) ? 366 : 365);
            var dateOfBirth = new DateOnly(birthYear, 1, 1).AddDays(dayOfYear);
            string fullName;
            if (ethnic)
            {
                familyName ??= NameParts.EthnicFamily[_rng.Next(0, NameParts.EthnicFamily.Length)];
                var given = gender == Gender.Male
                    ? NameParts.EthnicMaleGiven[_rng.Next(0, NameParts.EthnicMaleGiven.Length)]
                    : NameParts.EthnicFemaleGiven[_rng.Next(0, NameParts.EthnicFemaleGiven.Length)];
                fullName = string.Concat(gender == Gender.Male ? "Y " : "H' ", given, " ", familyName);
            }
            else
            {
                familyName ??= NameParts.PickKinhSurname(ref _rng);
                string middle;
                if (gender == Gender.Female)
                {
                    // "Thị" dominates for women born before the 1990s and thins out after.
                    var thiShare = birthYear < 1985 ? 0.8 : 0.35;
                    middle = _rng.NextDouble() < thiShare ? "Thị" : NameParts.KinhFemaleMiddle[_rng.Next(0, NameParts.KinhFemaleMiddle.Length)];
                }
                else
                {
                    var vanShare = birthYear < 1985 ? 0.65 : 0.3;
                    middle = _rng.NextDouble() < vanShare ? "Văn" : NameParts.KinhMaleMiddle[_rng.Next(0, NameParts.KinhMaleMiddle.Length)];
                }

                var givenNames = gender == Gender.Male ? NameParts.KinhMaleGiven : NameParts.KinhFemaleGiven;
                var given = givenNames[_rng.Next(0, givenNames.Length)];
                while (given == middle)
                {
                    // "Lý Đức Đức" is not a name anyone is given.
                    given = givenNames[_rng.Next(0, givenNames.Length)];
                }

                // Some names carry a second middle name ("Nguyễn Thị Thu Hà"), never one repeating a part.
                var middleNames = gender == Gender.Male ? NameParts.KinhMaleMiddle : NameParts.KinhFemaleMiddle;
                var second = _rng.NextDouble() < 0.12 ? middleNames[_rng.Next(0, middleNames.Length)] : null;
                fullName = second is not null && second != middle && second != given
                    ? string.Concat(familyName, " ", middle, " ", second, " ", given)
                    : string.Concat(familyName, " ", middle, " ", given);
            }

            var placeCode = Places.Pick(ref _rng, ethnic, age);
            var idNumber = IdNumbers.Compose(placeCode, gender, birthYear, NextSerial(placeCode, gender, birthYear));
            // Citizens who held the 9-digit identity card (issued from 14; Đắk Lắk's numbers begin with 24) before
            // the 12-digit number: some of the older ones still have it on record.
            string? oldId = null;
            if (age >= 20 && _rng.NextDouble() < 0.18)
            {
                oldId = (240_000_000 + (int)(((long)++_oldIdCounter * 7_654_321L + 1_234_567L) % 10_000_000L)).ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
            }

            // About 1% deceased overall, far more often among the old.
            var deathChance = age switch { >= 80 => 0.12, >= 65 => 0.03, >= 40 => 0.004, _ => 0.001 };
            var deceased = _rng.NextDouble() < deathChance;
            return new Adult(idNumber, fullName, familyName, dateOfBirth, gender, age, commune.Code, oldId, deceased);
        }

        /// <summary>A serial unique per (place, century/gender, year) prefix: a counter pushed through a bijection of 0…999,999.</summary>
        private int NextSerial(string placeCode, Gender gender, int birthYear)
        {
            var key = (int.Parse(placeCode, System.Globalization.CultureInfo.InvariantCulture) * 2 + (gender == Gender.Male ? 0 : 1)) * 1000 + birthYear % 1000;
            ref var counter = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_serialCounters, key, out _);
            var n = counter++;
            if (n >= 1_000_000)
            {
                throw new InvalidOperationException("More than a million persons share one ID-number prefix; the registry is too large for its serial range.");
            }

            // 482,711 is coprime with 10^6, so n ↦ (n·a + b) mod 10^6 is a permutation: unique, scattered serials.
            return (int)(((long)n * 482_711L + (uint)key * 7_919L) % 1_000_000L);
        }

        private static RegistryPerson Build(Adult a, string householdId, bool isHead) =>
            new(a.IdNumber, a.FullName, a.DateOfBirth, a.Gender, a.CommuneCode, householdId, isHead, a.OldIdNumber, a.Deceased);
    }

    private readonly record struct Adult(
        string IdNumber, string FullName, string FamilyName, DateOnly DateOfBirth, Gender Gender, int Age, string CommuneCode, string? OldIdNumber, bool Deceased);

    /// <summary>The 184 communes with their weights and the share of ethnic-minority households.</summary>
    private static class Communes
    {
        public sealed record Entry(string Code, double EthnicShare);

        private static readonly Entry[] Entries;
        private static readonly double[] Cumulative;

        public static readonly IReadOnlyList<(AdminUnit Commune, double Weight)> Weights;

        static Communes()
        {
            var directory = AdminUnitDirectory.Default;
            var communes = directory.All.Where(u => u.Level == AdminLevel.Commune).OrderBy(u => u.Code, StringComparer.Ordinal).ToList();
            var weights = new List<(AdminUnit, double)>(communes.Count);
            var entries = new List<Entry>(communes.Count);
            foreach (var commune in communes)
            {
                var isCity = commune.ParentCode == "643";
                var isUrban = commune.Name.StartsWith("Phường", StringComparison.Ordinal) || commune.Name.StartsWith("Thị trấn", StringComparison.Ordinal);
                // Buôn Ma Thuột's wards are the densest; towns and the city's rural communes come next; a rural commune
                // varies ±40% around the base by a stable hash of its code.
                var baseWeight = (isCity, isUrban) switch
                {
                    (true, true) => 2.6,
                    (true, false) => 1.3,
                    (false, true) => 1.5,
                    _ => 0.6 + (StableHash(commune.Code) % 1000) / 1250.0,
                };
                // Ê Đê, M'nông and Gia Rai villages (buôn) dominate rural communes, less so towns and the city.
                var ethnicShare = (isCity, isUrban) switch
                {
                    (true, true) => 0.1,
                    (true, false) => 0.3,
                    (false, true) => 0.2,
                    _ => 0.3 + (StableHash(commune.Code + "e") % 1000) / 3000.0,
                };
                weights.Add((commune, baseWeight));
                entries.Add(new Entry(commune.Code, ethnicShare));
            }

            Entries = [.. entries];
            Weights = weights;
            Cumulative = new double[weights.Count];
            var total = weights.Sum(w => w.Item2);
            var running = 0.0;
            for (var i = 0; i < weights.Count; i++)
            {
                running += weights[i].Item2 / total;
                Cumulative[i] = running;
            }

            Cumulative[^1] = 1.0;
        }

        public static Entry Pick(ref Rng rng)
        {
            var index = Array.BinarySearch(Cumulative, rng.NextDouble());
            return Entries[index < 0 ? ~index : index];
        }

        private static uint StableHash(string s)
        {
            // FNV-1a: string.GetHashCode is randomised per process.
            var hash = 2_166_136_261u;
            foreach (var c in s)
            {
                hash = (hash ^ c) * 16_777_619u;
            }

            return hash;
        }
    }

    /// <summary>Places of birth registration (first three digits of the ID number).</summary>
    private static class Places
    {
        // Where Đắk Lắk's Kinh residents born elsewhere came from: the northern delta and the central coast
        // (resettlement since 1976), the neighbouring highland provinces, and the big cities.
        private static readonly (string Code, double Weight)[] Elsewhere =
        [
            ("038", 10), ("040", 9), ("042", 6), ("034", 7), ("036", 5), ("033", 3), ("030", 3), ("049", 7), ("051", 6),
            ("052", 7), ("054", 4), ("056", 4), ("064", 5), ("067", 4), ("062", 2), ("068", 2), ("001", 3), ("079", 3),
            ("048", 2), ("044", 2), ("046", 2), ("004", 2), ("020", 2), ("008", 1),
        ];

        private static readonly double[] Cumulative = BuildCumulative();

        public static string Pick(ref Rng rng, bool ethnic, int age)
        {
            // Everyone under 30 was mostly registered here; older Kinh residents often elsewhere.
            var elsewhereShare = ethnic ? 0.02 : age >= 30 ? 0.3 : 0.07;
            if (rng.NextDouble() >= elsewhereShare)
            {
                return "066";
            }

            var index = Array.BinarySearch(Cumulative, rng.NextDouble());
            return Elsewhere[index < 0 ? ~index : index].Code;
        }

        private static double[] BuildCumulative()
        {
            var total = Elsewhere.Sum(e => e.Weight);
            var result = new double[Elsewhere.Length];
            var running = 0.0;
            for (var i = 0; i < Elsewhere.Length; i++)
            {
                running += Elsewhere[i].Weight / total;
                result[i] = running;
            }

            result[^1] = 1.0;
            return result;
        }
    }

    /// <summary>Name parts, all NFC.</summary>
    private static class NameParts
    {
        // Share of Kinh surnames in percent (national estimates; Nguyễn ≈ 38%); the rest spread over the long tail.
        public static readonly (string Surname, double Percent)[] KinhSurnames =
        [
            ("Nguyễn", 38.0), ("Trần", 11.0), ("Lê", 9.5), ("Phạm", 7.0), ("Hoàng", 3.5), ("Huỳnh", 2.5), ("Phan", 4.5),
            ("Vũ", 2.0), ("Võ", 2.0), ("Đặng", 2.1), ("Bùi", 2.0), ("Đỗ", 1.4), ("Hồ", 1.3), ("Ngô", 1.3), ("Dương", 1.0),
            ("Lý", 0.5), ("Đinh", 0.8), ("Trương", 0.7), ("Lương", 0.5), ("Đoàn", 0.6), ("Mai", 0.5), ("Cao", 0.5),
            ("Tạ", 0.3), ("Lâm", 0.3), ("Hà", 0.5), ("Châu", 0.3), ("Tô", 0.2), ("Thái", 0.3), ("La", 0.2), ("Trịnh", 0.4),
            ("Nông", 0.3), ("Triệu", 0.3), ("Lưu", 0.3), ("Kiều", 0.1), ("Quách", 0.1), ("Tôn", 0.1),
            ("Khúc", 0.1), ("Lại", 0.2), ("Vương", 0.2),
        ];

        private static readonly double[] SurnameCumulative = BuildCumulative();

        public static readonly string[] KinhMaleMiddle =
            ["Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Thanh", "Ngọc", "Xuân", "Hoàng", "Anh", "Đình", "Trọng", "Quốc", "Gia", "Bá", "Tuấn", "Thành"];

        public static readonly string[] KinhFemaleMiddle =
            ["Thị", "Ngọc", "Thu", "Thanh", "Minh", "Phương", "Kim", "Bảo", "Hồng", "Mai", "Thùy", "Khánh", "Diệu", "Tường", "Hoài", "Quỳnh"];

        public static readonly string[] KinhMaleGiven =
        [
            "An", "Anh", "Bình", "Cường", "Dũng", "Duy", "Đạt", "Định", "Đông", "Đức", "Hải", "Hào", "Hiếu", "Hòa", "Hoàng",
            "Hùng", "Huy", "Khải", "Khánh", "Khoa", "Kiên", "Lâm", "Linh", "Lộc", "Long", "Luân", "Mạnh", "Minh", "Nam", "Nghĩa",
            "Nhân", "Phát", "Phong", "Phúc", "Quân", "Quang", "Sơn", "Tài", "Tâm", "Thắng", "Thành", "Thịnh", "Thông", "Tiến",
            "Toàn", "Trung", "Tú", "Tuấn", "Tùng", "Việt", "Vinh", "Vũ", "Hưng", "Bảo", "Châu", "Hậu", "Lực", "Quý", "Sang", "Trí",
        ];

        public static readonly string[] KinhFemaleGiven =
        [
            "An", "Anh", "Ánh", "Bích", "Châu", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hồng",
            "Huyền", "Hương", "Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Ngọc", "Nguyệt", "Nhung", "Như",
            "Oanh", "Phương", "Quyên", "Quỳnh", "Tâm", "Thảo", "Thắm", "Thanh", "Thu", "Thủy", "Thúy", "Trang", "Trinh", "Tuyết",
            "Uyên", "Vân", "Vy", "Xuân", "Yến", "Diễm", "Hậu", "Kiều", "Lệ", "Nhàn", "Phượng", "Sương", "Tiên",
        ];

        // Family names of the Ê Đê (Niê, Ênuôl, Mlô, Byă, Êban, Adrơng, Knul, Hwing, Mdrang, Kbuôr, Hđơk, Êya, Ayun),
        // M'nông (Buôn Yă, Bdap, Liêng, Bon) and Gia Rai (Ksơr, Rơ Mah, Siu, Nay, Kpă) living in the province.
        public static readonly string[] EthnicFamily =
        [
            "Niê", "Niê Kdăm", "Ênuôl", "Mlô", "Byă", "Ksơr", "Êban", "Adrơng", "Buôn Yă", "Knul", "Hwing", "Mdrang", "Kbuôr",
            "Hđơk", "Êya", "Ayun", "Bkrông", "Êmô", "Rcom", "Kpă", "Siu", "Rơ Mah", "Nay", "Bdap", "Liêng", "Mlô Duôn Du", "Kpơr",
        ];

        public static readonly string[] EthnicMaleGiven =
        [
            "Moan", "Bhin", "Kông", "Jút", "Ngông", "Khoa", "Thịnh", "Blăk", "Sươi", "Dhiêng", "Krưm", "Tlơng", "Nuê", "Wang",
            "Dô", "Bih", "Kim", "Huê", "Phăng", "Tuân", "Blô", "Ju", "Kin", "Ha", "Sin", "Yơn", "Đhăm", "Thuột", "Ngũ",
        ];

        public static readonly string[] EthnicFemaleGiven =
        [
            "Hen", "Bia", "Linh", "Nga", "Mai", "Jen", "Ruê", "Blun", "Jum", "Hlinh", "Mơ", "Yơn", "Đăm", "Nuôi", "Ngơn",
            "Loan", "Ăng", "Bơ", "Dung", "Nhi", "Xíu", "Lê", "Djuê", "Wơn", "Hra", "Trinh", "Blin", "Yen", "Mi", "Lan",
        ];

        public static string PickKinhSurname(ref Rng rng)
        {
            var index = Array.BinarySearch(SurnameCumulative, rng.NextDouble());
            return KinhSurnames[index < 0 ? ~index : index].Surname;
        }

        private static double[] BuildCumulative()
        {
            var total = KinhSurnames.Sum(s => s.Percent);
            var result = new double[KinhSurnames.Length];
            var running = 0.0;
            for (var i = 0; i < KinhSurnames.Length; i++)
            {
                running += KinhSurnames[i].Percent / total;
                result[i] = running;
            }

            result[^1] = 1.0;
            return result;
        }
    }

    /// <summary>SplitMix64: tiny, fast, and its sequence is fixed by its definition.</summary>
    public struct Rng(ulong state)
    {
        private ulong _state = state;

        public ulong NextUInt64()
        {
            var z = _state += 0x9E37_79B9_7F4A_7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>Uniform in [0, 1).</summary>
        public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

        /// <summary>Uniform in [minInclusive, maxExclusive).</summary>
        public int Next(int minInclusive, int maxExclusive) =>
            minInclusive + (int)((NextUInt64() >> 32) * (ulong)(maxExclusive - minInclusive) >> 32);
    }
}
