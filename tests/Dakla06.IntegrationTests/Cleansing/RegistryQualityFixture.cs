using System.Globalization;
using System.Text;
using Dakla06.Cleansing.Registry;
using Dakla06.Contracts.Http.Cleansing;
using Dakla06.People;

namespace Dakla06.IntegrationTests.Cleansing;

/// <summary>The cleansing API on a fake clock (progress at past dates), with the planted registry of <see cref="PlantedRegistry"/>.</summary>
public sealed class RegistryQualityFixture : CleansingFixture
{
    protected override bool UsesFakeClock => true;
}

/// <summary>
/// A small registry with known errors, in Phường Tân Lợi (24136) unless said otherwise; every adult has an old ID and
/// every field unless the error is planted:
/// H2 (C, D) has no head; H3 (E, F) two heads; G misses dan_toc and que_quan; I (born 1970) has no old ID (J, born 2015,
/// is too young to have had one); H6's head K is deceased, so its living member L has no head (K's own errors do not
/// count); M and N (H7, H8) are one person written twice; O in Phường Tân Lập (24118) misses quan_he_chu_ho.
/// </summary>
public static class PlantedRegistry
{
    public const string TanLoi = "24136";
    public const string TanLap = "24118";

    private static readonly RegistryDetails Full = new("Kinh", "Không", "Phường Tân Lợi, Thành phố Buôn Ma Thuột", "Số 3 Hùng Vương", "Chủ hộ");

    public static readonly RegistryPerson A = P(1, "Trần Văn An", "1980-01-01", "H1", head: true);
    public static readonly RegistryPerson B = P(2, "Lê Thị Bình", "1982-02-02", "H1", head: false, gender: Gender.Female);
    public static readonly RegistryPerson C = P(3, "Phạm Văn Cường", "1975-03-03", "H2", head: false);
    public static readonly RegistryPerson D = P(4, "Võ Thị Dung", "1977-04-04", "H2", head: false, gender: Gender.Female);
    public static readonly RegistryPerson E = P(5, "Đỗ Văn Em", "1960-05-05", "H3", head: true);
    public static readonly RegistryPerson F = P(6, "Đỗ Văn Phúc", "1985-06-06", "H3", head: true);
    public static readonly RegistryPerson G = P(7, "Hồ Thị Giang", "1990-07-07", "H4", head: true, gender: Gender.Female) with
    {
        Details = Full with { Ethnicity = string.Empty, PlaceOfOrigin = string.Empty },
    };
    public static readonly RegistryPerson I = P(8, "Ngô Văn Ích", "1970-08-08", "H5", head: true) with { OldIdNumber = null };
    public static readonly RegistryPerson J = P(9, "Ngô Văn Khôi", "2015-09-09", "H5", head: false) with { OldIdNumber = null };
    public static readonly RegistryPerson K = P(10, "Mai Văn Kha", "1940-10-10", "H6", head: true, deceased: true) with { OldIdNumber = null, Details = Full with { Religion = string.Empty } };
    public static readonly RegistryPerson L = P(11, "Mai Thị Lan", "1945-11-11", "H6", head: false, gender: Gender.Female);
    public static readonly RegistryPerson M = P(12, "Nguyễn Văn Mạnh", "1971-03-04", "H7", head: true);
    public static readonly RegistryPerson N = P(13, "Nguyen Van Manh", "1971-03-04", "H8", head: true);
    public static readonly RegistryPerson O = P(14, "Lý Thị Oanh", "1988-12-12", "H9", head: true, gender: Gender.Female, commune: TanLap) with
    {
        Details = Full with { RelationToHead = string.Empty },
    };

    public static IReadOnlyList<RegistryPerson> All => [A, B, C, D, E, F, G, I, J, K, L, M, N, O];

    /// <summary>What the rules find on <see cref="All"/>.</summary>
    public static readonly IReadOnlyDictionary<string, int> Expected = new Dictionary<string, int>
    {
        [QualityCategories.HouseholdNoHead] = 2,
        [QualityCategories.HouseholdManyHeads] = 1,
        [QualityCategories.MissingFields] = 2,
        [QualityCategories.OldIdMissing] = 1,
        [QualityCategories.DuplicatePerson] = 1,
    };

    private static RegistryPerson P(int serial, string name, string dateOfBirth, string household, bool head, Gender gender = Gender.Male,
        string commune = TanLoi, bool deceased = false)
    {
        var date = DateOnly.ParseExact(dateOfBirth, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new RegistryPerson(IdNumbers.Compose("066", gender, date.Year, 500 + serial), name, date, gender, commune, $"{commune}-{household}",
            head, (240_000_000 + serial).ToString(CultureInfo.InvariantCulture), deceased, Full);
    }

    /// <summary>Imports persons through the API (the optional columns when <paramref name="withDetails"/>), as the province cleanser.</summary>
    public static async Task<RegistryImportResponse> ImportAsync(CleansingClient cleanser, IEnumerable<RegistryPerson> persons, bool withDetails = true)
    {
        var writer = new StringWriter();
        RegistryCsv.Write(writer, persons, withDetails);
        return await cleanser.ImportRegistryAsync(new MemoryStream(Encoding.UTF8.GetBytes(writer.ToString())), "registry.csv", TestContext.Current.CancellationToken);
    }

    /// <summary>Every item of a category the caller sees (one page is enough for these registries).</summary>
    public static async Task<IReadOnlyList<QualityItemDto>> ItemsAsync(CleansingClient client, string category, string? status = null, string? unit = null) =>
        (await client.ListQualityItemsAsync(new QualityItemQuery(unit, category, status), 1, 200, TestContext.Current.CancellationToken)).Items;

    public static async Task<RegistryQualityDto> ProgressAsync(CleansingClient client, string unit, DateOnly? asOf = null, bool byChild = false) =>
        await client.GetRegistryQualityAsync(new RegistryQualityQuery(unit, asOf, byChild ? "child" : null), TestContext.Current.CancellationToken)
        ?? throw new InvalidOperationException($"unit {unit} not visible");

    public static QualityFigureDto Figure(QualityUnitFiguresDto unit, string category) => unit.Categories.Single(c => c.Category == category);

    public static Stream Csv(string text) => new MemoryStream(Encoding.UTF8.GetBytes(text));
}
