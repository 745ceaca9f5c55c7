using Dakla06.Contracts.AdminUnits;

namespace Dakla06.People;

/// <summary>
/// The generated registry as the province's real one looks: <see cref="RegistryGenerator"/>'s persons with their
/// optional fields filled (ethnicity from the family, religion, place of origin, permanent address, relation to the
/// head) and the errors the registry-quality rules look for planted at realistic shares — households whose head flag
/// is missing (≈0.6%) or doubled (≈0.4%), persons missing one or two mandatory fields (≈3%), and among those old enough
/// to have held a 9-digit ID card, about 7% without one on record (the generator's old ID numbers are kept; others get
/// one). ID numbers, names, dates of birth, genders, communes and households are the generator's, so other services
/// generating the same seed (enrolment) see the same persons. Deterministic for a seed.
/// </summary>
public static class DemoRegistry
{
    /// <summary>Born on or before this day: 14 by the end of 2020, when 9-digit ID cards were still issued.</summary>
    public static readonly DateOnly OldIdBornBy = new(2006, 12, 31);

    public const double NoHeadShare = 0.006;
    public const double ManyHeadsShare = 0.004;
    public const double MissingFieldShare = 0.03;
    public const double OldIdMissingShare = 0.07;

    public static IEnumerable<RegistryPerson> Generate(int seed, int count) => Dress(new RegistryGenerator(seed).Generate(count), seed);

    /// <summary>Adds the optional fields and plants the errors, household by household (the generator yields them so).</summary>
    public static IEnumerable<RegistryPerson> Dress(IEnumerable<RegistryPerson> persons, int seed)
    {
        var rng = new RegistryGenerator.Rng((ulong)(uint)seed * 0xD1B5_4A32_D192_ED03UL + 0x13UL);
        var household = new List<RegistryPerson>(8);
        var oldIds = 0;
        foreach (var person in persons)
        {
            if (household.Count > 0 && household[0].HouseholdId != person.HouseholdId)
            {
                foreach (var dressed in DressHousehold(household, ref rng, ref oldIds))
                {
                    yield return dressed;
                }

                household.Clear();
            }

            household.Add(person);
        }

        foreach (var dressed in DressHousehold(household, ref rng, ref oldIds))
        {
            yield return dressed;
        }
    }

    private static List<RegistryPerson> DressHousehold(List<RegistryPerson> members, ref RegistryGenerator.Rng rng, ref int oldIds)
    {
        var result = new List<RegistryPerson>(members.Count);
        if (members.Count == 0)
        {
            return result;
        }

        var head = members.Find(m => m.IsHouseholdHead);
        var commune = AdminUnitDirectory.Default.Find(members[0].CommuneCode);
        var district = commune?.ParentCode is { } parent ? AdminUnitDirectory.Default.Find(parent) : null;
        var place = $"{commune?.Name}, {district?.Name}, tỉnh Đắk Lắk";
        var ethnic = IsEthnic(members[0].FullName);
        var village = ethnic ? $"Buôn {Village(ref rng)}" : $"Thôn {rng.Next(1, 16)}";
        var address = $"{village}, {place}";
        var defect = rng.NextDouble();
        var noHead = defect < NoHeadShare;
        var manyHeads = !noHead && members.Count >= 2 && defect < NoHeadShare + ManyHeadsShare;
        foreach (var member in members)
        {
            var isHead = noHead ? false : member.IsHouseholdHead || (manyHeads && member.IdNumber == members[1].IdNumber);
            var details = new string?[]
            {
                IsEthnic(member.FullName) ? EthnicGroup(member.FullName) : "Kinh",
                Religion(ref rng, ethnic),
                member.IdNumber.StartsWith("066", StringComparison.Ordinal) ? place : Elsewhere(member.IdNumber),
                address,
                Relation(member, head),
            };
            var missing = rng.NextDouble();
            if (missing < MissingFieldShare)
            {
                details[rng.Next(0, details.Length)] = string.Empty;
                if (missing < MissingFieldShare / 6)
                {
                    details[rng.Next(0, details.Length)] = string.Empty;
                }
            }

            var oldId = member.OldIdNumber;
            if (oldId is null && member.DateOfBirth <= OldIdBornBy && rng.NextDouble() >= OldIdMissingShare)
            {
                // 23x: outside the generator's 24x range, and a bijection of the counter, so never a collision.
                oldId = (230_000_000 + (int)(((long)++oldIds * 7_654_321L + 99L) % 10_000_000L)).ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
            }

            result.Add(member with { IsHouseholdHead = isHead, OldIdNumber = oldId, Details = RegistryDetails.From(details) });
        }

        return result;
    }

    private static bool IsEthnic(string fullName) => fullName.StartsWith("Y ", StringComparison.Ordinal) || fullName.StartsWith("H' ", StringComparison.Ordinal);

    private static readonly string[] MnongFamilies = ["Buôn Yă", "Bdap", "Liêng"];
    private static readonly string[] JaraiFamilies = ["Ksơr", "Rơ Mah", "Siu", "Nay", "Kpă", "Rcom"];

    private static string EthnicGroup(string fullName)
    {
        if (Array.Exists(MnongFamilies, f => fullName.EndsWith(" " + f, StringComparison.Ordinal)))
        {
            return "M'Nông";
        }

        return Array.Exists(JaraiFamilies, f => fullName.EndsWith(" " + f, StringComparison.Ordinal)) ? "Gia Rai" : "Ê Đê";
    }

    private static string Religion(ref RegistryGenerator.Rng rng, bool ethnic)
    {
        // Protestantism is widespread among the Ê Đê and M'nông; Catholicism and Buddhism among Kinh settlers.
        var u = rng.NextDouble();
        return ethnic
            ? u < 0.45 ? "Tin lành" : u < 0.55 ? "Công giáo" : "Không"
            : u < 0.12 ? "Công giáo" : u < 0.2 ? "Phật giáo" : u < 0.22 ? "Tin lành" : "Không";
    }

    private static string Elsewhere(string idNumber) => idNumber[..3] switch
    {
        "038" => "tỉnh Thanh Hóa",
        "040" => "tỉnh Nghệ An",
        "042" => "tỉnh Hà Tĩnh",
        "034" => "tỉnh Thái Bình",
        "036" => "tỉnh Nam Định",
        "049" => "tỉnh Quảng Nam",
        "051" => "tỉnh Quảng Ngãi",
        "052" => "tỉnh Bình Định",
        "054" => "tỉnh Phú Yên",
        "056" => "tỉnh Khánh Hòa",
        "064" => "tỉnh Gia Lai",
        "067" => "tỉnh Đắk Nông",
        "001" => "thành phố Hà Nội",
        "079" => "thành phố Hồ Chí Minh",
        _ => "tỉnh khác",
    };

    private static readonly string[] Villages = ["Ako Dhông", "Kram", "Kô Sier", "Tơng Jú", "Ea Kmar", "Cuôr", "Jú", "Dhă Prông", "H'Drăh", "Bông"];

    private static string Village(ref RegistryGenerator.Rng rng) => Villages[rng.Next(0, Villages.Length)];

    private static string Relation(RegistryPerson member, RegistryPerson head)
    {
        if (member.IdNumber == head.IdNumber || head.IdNumber is null)
        {
            return "Chủ hộ";
        }

        var gap = head.DateOfBirth.Year - member.DateOfBirth.Year;
        return gap switch
        {
            >= 15 => member.Gender == Gender.Male ? "Bố" : "Mẹ",
            <= -14 => "Con",
            _ when member.Gender != head.Gender => member.Gender == Gender.Male ? "Chồng" : "Vợ",
            _ => "Khác",
        };
    }
}
