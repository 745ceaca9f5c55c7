using Dakla06.ServiceDefaults.Files;
using Dakla06.ServiceDefaults.Http;

namespace Dakla06.ServiceDefaults.Imports;

/// <summary>The check an import upload gets before its job is queued: the file opens and its header has the required columns.</summary>
public static class ImportUploads
{
    /// <summary>
    /// Opens the stored upload and reads only its header; adds the reason under <paramref name="fileField"/> (400) when the
    /// file cannot be read or lacks a required column, naming every missing one. The job reads the rest.
    /// </summary>
    public static void CheckHeader(StoredUpload upload, IReadOnlyList<string> requiredColumns, string fileField, ValidationErrors errors)
    {
        try
        {
            using var stream = File.OpenRead(upload.StoredPath);
            using var table = TableFileReader.Open(stream, upload.FileName);
            TableColumns.Map(table.Headers, requiredColumns, requiredColumns, out var missing);
            if (missing.Count > 0)
            {
                errors.Add(fileField, $"Thiếu cột bắt buộc: {string.Join(", ", missing)}.");
            }
        }
        catch (TableFileException e)
        {
            errors.Add(fileField, e.Message);
        }
    }
}
