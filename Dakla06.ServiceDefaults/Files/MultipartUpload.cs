using Dakla06.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Dakla06.ServiceDefaults.Files;

/// <summary>
/// A multipart upload read while streaming: the file part goes to a file on disk (never whole into memory) and stops at
/// the size bound, the text fields are bounded in count and length. The stored file is deleted on dispose unless
/// <see cref="Keep"/> was called (a job owns it from then on).
/// </summary>
public sealed class MultipartUpload : IDisposable
{
    /// <summary>Text fields accepted beside the file; more is a malformed request.</summary>
    public const int MaxFields = 20;

    /// <summary>Characters of one text field; a longer value is an error naming the field.</summary>
    public const int MaxFieldLength = 1000;

    private static readonly string[] TableExtensions = [".csv", ".xlsx"];

    private bool _keep;

    private MultipartUpload(string fileName, string storedPath, long size, IReadOnlyDictionary<string, string> fields)
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

    /// <summary>The text parts, by name (case-insensitive), trimmed.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; }

    public string? Field(string name) => Fields.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

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
    /// Reads a <c>multipart/form-data</c> request whose part <paramref name="fileField"/> is a .csv or .xlsx file into
    /// <paramref name="directory"/>. Null, with the reasons in <paramref name="errors"/> (under the file field or the
    /// text field's name), when the request is not multipart, has no file, an empty or too big file, another kind of
    /// file, or text fields over their bounds.
    /// </summary>
    public static async Task<MultipartUpload?> ReadTableAsync(
        HttpRequest request, string fileField, string directory, long maxBytes, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var boundary = request.ContentType is { } contentType && MediaTypeHeaderValue.TryParse(contentType, out var media)
            ? HeaderUtilities.RemoveQuotes(media.Boundary).Value
            : null;
        if (string.IsNullOrEmpty(boundary))
        {
            errors.Add(fileField, "Yêu cầu phải là multipart/form-data có tệp .csv hoặc .xlsx.");
            return null;
        }

        Directory.CreateDirectory(directory);
        string? storedPath = null;
        string? fileName = null;
        long size = 0;
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var complete = false;
        try
        {
            var reader = new MultipartReader(boundary, request.Body);
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    continue;
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
                if (disposition.IsFileDisposition() && name == fileField && storedPath is null)
                {
                    fileName = Path.GetFileName(HeaderUtilities.RemoveQuotes(
                        disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? string.Empty);
                    var extension = Path.GetExtension(fileName).ToLowerInvariant();
                    if (!TableExtensions.Contains(extension))
                    {
                        errors.Add(fileField, "Chỉ nhận tệp .csv hoặc .xlsx.");
                        return null;
                    }

                    storedPath = Path.Combine(directory, $"{Guid.CreateVersion7():N}{extension}");
                    size = await CopyBoundedAsync(section.Body, storedPath, maxBytes, cancellationToken);
                    if (size > maxBytes)
                    {
                        errors.Add(fileField, $"Tệp lớn hơn giới hạn {maxBytes / (1024 * 1024):N0} MB.");
                        return null;
                    }
                }
                else if (!disposition.IsFileDisposition())
                {
                    if (fields.Count >= MaxFields || name.Length is 0 or > 100)
                    {
                        errors.Add(fileField, "Biểu mẫu có trường không hợp lệ hoặc quá nhiều trường.");
                        return null;
                    }

                    var value = await ReadBoundedTextAsync(section.Body, cancellationToken);
                    if (value is null)
                    {
                        errors.Add(name, $"Giá trị dài quá {MaxFieldLength} ký tự.");
                        return null;
                    }

                    fields[name] = value.Trim();
                }
            }

            if (storedPath is null)
            {
                errors.Add(fileField, "Hãy chọn tệp .csv hoặc .xlsx (trường \"file\" của biểu mẫu multipart).");
                return null;
            }

            if (size == 0)
            {
                errors.Add(fileField, "Tệp rỗng.");
                return null;
            }

            complete = true;
            return new MultipartUpload(fileName!, storedPath, size, fields);
        }
        catch (InvalidDataException e)
        {
            // A broken multipart body is the caller's mistake, not a 500.
            errors.Add(fileField, $"Không đọc được tệp tải lên: {e.Message}");
            return null;
        }
        finally
        {
            if (!complete && storedPath is not null)
            {
                File.Delete(storedPath);
            }
        }
    }

    /// <summary>Copies at most <paramref name="maxBytes"/> + 1 bytes: a result above the bound means "too big" without reading the rest.</summary>
    private static async Task<long> CopyBoundedAsync(Stream source, string path, long maxBytes, CancellationToken cancellationToken)
    {
        await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        var buffer = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > maxBytes)
            {
                return total;
            }

            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return total;
    }

    private static async Task<string?> ReadBoundedTextAsync(Stream body, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body);
        var buffer = new char[MaxFieldLength + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await reader.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        return length > MaxFieldLength ? null : new string(buffer, 0, length);
    }
}
