using Dakla06.Cleansing.Domain;
using Dakla06.People;

namespace Dakla06.UnitTests.Cleansing;

/// <summary>A small known registry: the persons the class and ranking tables are written against, plus namesakes.</summary>
internal static class CleansingTestRegistry
{
    public static readonly RegistryPerson An = Person("066090000001", "Nguyễn Văn An", new(1990, 2, 1), Gender.Male, "24121");
    public static readonly RegistryPerson Binh = Person("066185000002", "Trần Thị Bình", new(1985, 12, 25), Gender.Female, "24118");
    public static readonly RegistryPerson Hen = Person("066178000003", "H' Hen Niê", new(1978, 3, 4), Gender.Female, "24133");
    public static readonly RegistryPerson Moan = Person("066065000004", "Y Moan Ênuôl", new(1965, 7, 8), Gender.Male, "24133");
    public static readonly RegistryPerson Cuong = Person("066040000005", "Lê Văn Cường", new(1940, 5, 6), Gender.Male, "24121", deceased: true);
    public static readonly RegistryPerson Duc = Person("066201000006", "Phạm Minh Đức", new(2001, 10, 11), Gender.Male, "24121");
    public static readonly RegistryPerson Hoa = Person("066188000007", "Đặng Thị Hoa", new(1988, 4, 9), Gender.Female, "24118");

    // The registry itself disagrees with its number: encoded 1991 (digit 0 = male) but born 1990; encoded female but male.
    public static readonly RegistryPerson WrongYear = Person("066091000008", "Võ Văn Tám", new(1990, 6, 7), Gender.Male, "24121");
    public static readonly RegistryPerson WrongGender = Person("066190000009", "Bùi Văn Chín", new(1990, 6, 8), Gender.Male, "24121");

    // Twins: same name, same date, same commune — a missing ID can't tell them apart.
    public static readonly RegistryPerson Twin1 = Person("066195000010", "Hồ Thị Lan", new(1995, 9, 9), Gender.Female, "24121");
    public static readonly RegistryPerson Twin2 = Person("066195000011", "Hồ Thị Lan", new(1995, 9, 9), Gender.Female, "24121");

    public static IReadOnlyList<RegistryPerson> Persons { get; } = Build();

    public static RegistrySnapshot Snapshot { get; } = new(Persons, version: 7);

    public static RegistryPerson Person(string id, string name, DateOnly dob, Gender gender, string commune, bool deceased = false) =>
        new(id, name, dob, gender, commune, "HK-" + id[^4..], true, null, deceased);

    private static List<RegistryPerson> Build()
    {
        List<RegistryPerson> persons = [An, Binh, Hen, Moan, Cuong, Duc, Hoa, WrongYear, WrongGender, Twin1, Twin2];

        // Namesakes: same names with other dates, genders and communes, so a right answer must use every field.
        string[] communes = ["24118", "24121", "24133", "24145"];
        var serial = 100;
        foreach (var person in new[] { An, Binh, Hen, Moan, Duc, Hoa })
        {
            for (var k = 1; k <= 12; k++)
            {
                var dob = person.DateOfBirth.AddDays(k * 37).AddYears(k % 3 == 0 ? 0 : k);
                if (dob.Year > 2024)
                {
                    dob = dob.AddYears(-30);
                }

                var gender = k % 5 == 0 ? (person.Gender == Gender.Male ? Gender.Female : Gender.Male) : person.Gender;
                persons.Add(Person(IdNumbers.Compose("066", gender, dob.Year, serial++), person.FullName, dob, gender, communes[k % communes.Length]));
            }
        }

        // Same date of birth, other names.
        foreach (var name in new[] { "Nguyễn Văn Anh", "Nguyễn Văn Ân", "Nguyễn Thị An", "Trần Văn Bình", "Trần Thị Bính", "H' Hen Byă", "Y Moan Niê" })
        {
            foreach (var source in new[] { An, Binh, Hen, Moan })
            {
                persons.Add(Person(IdNumbers.Compose("066", source.Gender, source.DateOfBirth.Year, serial++), name, source.DateOfBirth, source.Gender, source.CommuneCode));
            }
        }

        return persons;
    }

    public static string Dmy(DateOnly date) => date.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    public static string Vi(Gender gender) => gender.ToVietnamese();

    /// <summary>A record of this person as a sector file would have it, in <see cref="BatchColumns.Canonical"/> order.</summary>
    public static BatchRow Row(RegistryPerson person, string? id = null, string? name = null, string? dob = null, string? gender = null, string? commune = null, long line = 2) =>
        BatchRow.FromFields(line, id ?? person.IdNumber, name ?? person.FullName, dob ?? Dmy(person.DateOfBirth), gender ?? Vi(person.Gender), commune ?? person.CommuneCode);
}
