using Dakla06.ServiceDefaults.Files;

namespace Dakla06.Statistics.Domain;

/// <summary>One of the 25 essential public services of Project 06 (<c>group</c> is <c>police</c> or <c>sector</c>).</summary>
public sealed record EssentialService(int Number, string Name, string Group, string Sector);

/// <summary>The 25 essential public services, from the copy of the province's list shipped in this assembly.</summary>
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
        var columns = TableColumns.Map(file.Headers, ["number", "name_vi", "group", "sector"], ["number", "name_vi", "group", "sector"], out _);
        return [.. file.Rows.Select(row => new EssentialService(
            int.Parse(columns.Get(row, "number"), System.Globalization.CultureInfo.InvariantCulture),
            columns.Get(row, "name_vi"), columns.Get(row, "group"), columns.Get(row, "sector")))];
    }
}
