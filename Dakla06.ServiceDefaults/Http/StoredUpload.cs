using Microsoft.AspNetCore.Http;

namespace Dakla06.ServiceDefaults.Http;

/// <summary>
/// An upload whose file was streamed to disk by <see cref="MultipartUpload.ReadAsync"/> (never whole into memory), with
/// its text fields. The stored file is deleted on dispose unless <see cref="Keep"/> was called (a job owns it from then on).
/// </summary>
public sealed class StoredUpload : IDisposable
{
    private bool _keep;

    private StoredUpload(string fileName, string storedPath, long size, IReadOnlyDictionary<string, string> fields)
    {
        FileName = fileName;
        StoredPath = storedPath;
        Size = size;
        Fields = fields;
    }

    /// <summary>The file's name as the user's browser sent it (no directory).</summary>
    public string FileName { get; }

    public string StoredPath { get; }

    public long Size { get; }

    /// <summary>The text fields read (those named in the limits), by name.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; }

    /// <summary>A text field's trimmed value, null when absent or blank.</summary>
    public string? Field(string name) => Fields.TryGetValue(name, out var value) && value.Trim() is { Length: > 0 } trimmed ? trimmed : null;

    /// <summary>The stored file now belongs to someone else (a queued job); dispose leaves it.</summary>
    public void Keep() => _keep = true;

    public void Dispose()
    {
        if (!_keep)
        {
            File.Delete(StoredPath);
        }
    }

    /// <summary>
    /// Streams the upload's file (one of <paramref name="extensions"/>, not empty) into <paramref name="directory"/> under
    /// a new name. Throws <see cref="UploadRefusedException"/> (answered 413 or 400 naming the field) when refused.
    /// </summary>
    public static async Task<StoredUpload> ReadAsync(
        HttpRequest request, UploadLimits limits, string directory, IReadOnlyCollection<string> extensions, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        string? storedPath = null;
        var complete = false;
        try
        {
            FileStream? target = null;
            UploadedForm form;
            try
            {
                form = await MultipartUpload.ReadAsync(request, limits, name =>
                {
                    var extension = Path.GetExtension(name).ToLowerInvariant();
                    if (!extensions.Contains(extension))
                    {
                        throw new UploadRefusedException(StatusCodes.Status400BadRequest, limits.FileField, $"Chỉ nhận tệp {string.Join(" hoặc ", extensions)}.");
                    }

                    storedPath = Path.Combine(directory, $"{Guid.CreateVersion7():N}{extension}");
                    target = new FileStream(storedPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
                    return target;
                }, cancellationToken);
            }
            finally
            {
                if (target is not null)
                {
                    await target.DisposeAsync();
                }
            }

            if (storedPath is null || form.FileName is null)
            {
                throw new UploadRefusedException(StatusCodes.Status400BadRequest, limits.FileField,
                    $"Hãy chọn tệp {string.Join(" hoặc ", extensions)} (trường \"{limits.FileField}\" của biểu mẫu multipart).");
            }

            if (form.FileBytes == 0)
            {
                throw new UploadRefusedException(StatusCodes.Status400BadRequest, limits.FileField, "Tệp rỗng.");
            }

            complete = true;
            return new StoredUpload(form.FileName, storedPath, form.FileBytes, form.Fields);
        }
        finally
        {
            if (!complete && storedPath is not null)
            {
                File.Delete(storedPath);
            }
        }
    }
}
