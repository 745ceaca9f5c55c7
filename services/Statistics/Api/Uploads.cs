using Dakla06.Contracts.Http.Statistics;
using Dakla06.ServiceDefaults.Files;
using Dakla06.ServiceDefaults.Http;

namespace Dakla06.Statistics.Api;

/// <summary>Where and how big the service's uploads may be.</summary>
public static class Uploads
{
    /// <summary>A year of a province's dossiers is about 1.25 million lines, ~150 MB of CSV.</summary>
    public const long MaxBytes = 512L * 1024 * 1024;

    public const string StorageDirectoryKey = "Statistics:StorageDirectory";

    public static string Directory(IConfiguration configuration) =>
        configuration[StorageDirectoryKey] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(Path.GetTempPath(), "dakla06-statistics");

    private static readonly UploadLimits Limits = new(StatisticsRoutes.ImportFile, MaxBytes, [StatisticsRoutes.ImportSource]);

    /// <summary>Streams the upload's .csv or .xlsx file to disk with its fields; a refused upload answers 413 or 400 naming the field.</summary>
    public static Task<StoredUpload> ReadAsync(HttpRequest request, IConfiguration configuration, CancellationToken cancellationToken) =>
        StoredUpload.ReadAsync(request, Limits, Directory(configuration), [".csv", ".xlsx"], cancellationToken);

    /// <summary>Opens the stored upload and checks its header; null with the reason under <c>file</c> when it cannot be used.</summary>
    public static TableFile? OpenChecked(
        StoredUpload upload, Stream stream, Func<IReadOnlyList<string>, (TableColumns Columns, IReadOnlyList<string> Missing)> mapHeader, ValidationErrors errors)
    {
        try
        {
            var table = TableFileReader.Open(stream, upload.FileName);
            var (_, missing) = mapHeader(table.Headers);
            if (missing.Count == 0)
            {
                return table;
            }

            table.Dispose();
            errors.Add(StatisticsRoutes.ImportFile, $"Thiếu cột bắt buộc: {string.Join(", ", missing)}.");
        }
        catch (TableFileException e)
        {
            errors.Add(StatisticsRoutes.ImportFile, e.Message);
        }

        return null;
    }
}
