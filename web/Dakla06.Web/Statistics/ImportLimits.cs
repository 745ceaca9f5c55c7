namespace Dakla06.Web.Statistics;

/// <summary>What the statistics imports accept from the browser: the API's own limit (the API streams the file to disk).</summary>
public static class ImportLimits
{
    public const long MaxBytes = 512L * 1024 * 1024;
}
