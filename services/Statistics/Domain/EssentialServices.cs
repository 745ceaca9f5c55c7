using Dakla06.ServiceDefaults.Files;

namespace Dakla06.Statistics.Domain;

/// <summary>
/// One of the 25 essential public services of Project 06 (<c>group</c> is <c>police</c> or <c>sector</c>). <c>CountUnit</c> is
/// what the province's report counts for it: <c>hồ sơ</c> (dossiers of the one-stop systems) or <c>trường hợp</c> (cases a
/// department counts in its own system and reports, see <see cref="ReportedIndicators"/>).
/// </summary>
public sealed record EssentialService(int Number, string Name, string Group, string Sector, string CountUnit);

/// <summary>
/// The 25 essential public services, from the copy of the province's list shipped in this assembly. The shared list has
/// no unit of count; this copy adds <c>count_unit</c>: <c>trường hợp</c> for the services run in a sector's own system
/// rather than the one-stop systems (notices of stay, camera-recorded fines, household health-insurance renewal, tax
/// registration, exam registration, electricity), <c>hồ sơ</c> for the others.
/// </summary>
public static class EssentialServices
{
    private static readonly Lazy<IReadOnlyList<EssentialService>> Loaded = new(Load);

    public static IReadOnlyList<EssentialService> All => Loaded.Value;

    public static EssentialService? Find(int number) => All.FirstOrDefault(s => s.Number == number);

    private static IReadOnlyList<EssentialService> Load()
    {
        var assembly = typeof(EssentialServices).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith("essential-public-services.csv", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var file = TableFileReader.Open(stream, "essential-public-services.csv");
        var columns = TableColumns.Map(file.Headers, ["number", "name_vi", "group", "sector", "count_unit"], ["number", "name_vi", "group", "sector", "count_unit"], out _);
        return [.. file.Rows.Select(row => new EssentialService(
            int.Parse(columns.Get(row, "number"), System.Globalization.CultureInfo.InvariantCulture),
            columns.Get(row, "name_vi"), columns.Get(row, "group"), columns.Get(row, "sector"), columns.Get(row, "count_unit")))];
    }
}
