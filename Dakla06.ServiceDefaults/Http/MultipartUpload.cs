using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Dakla06.ServiceDefaults.Http;

/// <summary>What an upload may hold: the file's size, and the text fields' names and length.</summary>
/// <param name="FileField">The multipart part that carries the file.</param>
/// <param name="MaxFileBytes">Beyond this the upload is refused with 413, as soon as the file's part passes it.</param>
/// <param name="TextFields">The text fields read; any other part is skipped unread (its length still bounded).</param>
/// <param name="MaxFieldLength">Beyond this many characters a text field is refused with 400 naming it.</param>
public sealed record UploadLimits(string FileField, long MaxFileBytes, IReadOnlyCollection<string> TextFields, int MaxFieldLength = 200);

/// <summary>The outcome of <see cref="MultipartUpload.ReadAsync"/>: the file's name and size, the text fields read.</summary>
public sealed record UploadedForm(string? FileName, long FileBytes, IReadOnlyDictionary<string, string> Fields);

/// <summary>A refused upload: 413 (too large) or 400, with the field errors to answer.</summary>
public sealed class UploadRefusedException(int status, string field, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Field { get; } = field;
}

/// <summary>
/// Reads a multipart/form-data request part by part, never whole: the file is copied to the caller's stream while it
/// is counted (refused with 413 as soon as it passes its limit), a text field is read up to its limit and refused
/// beyond it (400 naming it), and every other part is skipped with a bounded length. Nothing is buffered by the
/// framework's form reader, whose limits apply only after a part was read in full.
/// </summary>
public static class MultipartUpload
{
    /// <summary>Room for the boundaries, part headers and small text fields around the file, for a request's size limit.</summary>
    public const long FormOverheadBytes = 64 * 1024;

    private const int CopyBuffer = 1 << 16;

    /// <summary>
    /// Reads the upload; the file part (the first named <see cref="UploadLimits.FileField"/>) goes to the stream
    /// <paramref name="openFile"/> returns for its file name. Throws <see cref="UploadRefusedException"/> when refused.
    /// </summary>
    public static async Task<UploadedForm> ReadAsync(HttpRequest request, UploadLimits limits, Func<string, Stream> openFile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(openFile);
        var boundary = request.ContentType is { } contentType && MediaTypeHeaderValue.TryParse(contentType, out var media)
            ? HeaderUtilities.RemoveQuotes(media.Boundary).Value
            : null;
        if (string.IsNullOrEmpty(boundary))
        {
            throw new UploadRefusedException(StatusCodes.Status400BadRequest, limits.FileField, "Yêu cầu phải là multipart/form-data có tệp.");
        }

        // Skipped parts are drained, not stored; this bounds them too. The file's own bound is counted below, one read
        // of at most CopyBuffer bytes at a time, so it is always met before this one.
        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = limits.MaxFileBytes + (2 * CopyBuffer) };
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? fileName = null;
        long fileBytes = 0;
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    continue;
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
                if (disposition.IsFileDisposition() && name == limits.FileField && fileName is null)
                {
                    fileName = Path.GetFileName(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value) ?? string.Empty;
                    fileBytes = await CopyBoundedAsync(section.Body, openFile(fileName), limits, cancellationToken);
                }
                else if (!disposition.IsFileDisposition() && limits.TextFields.Contains(name) && !fields.ContainsKey(name))
                {
                    fields[name] = await ReadFieldAsync(section.Body, name, limits.MaxFieldLength, cancellationToken);
                }
            }
        }
        catch (InvalidDataException e)
        {
            // A broken multipart body, or a skipped part over the bound.
            throw new UploadRefusedException(StatusCodes.Status400BadRequest, limits.FileField, $"Không đọc được dữ liệu tải lên: {e.Message}");
        }

        return new UploadedForm(fileName, fileBytes, fields);
    }

    private static async Task<long> CopyBoundedAsync(Stream source, Stream target, UploadLimits limits, CancellationToken cancellationToken)
    {
        var buffer = new byte[CopyBuffer];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > limits.MaxFileBytes)
            {
                throw new UploadRefusedException(StatusCodes.Status413PayloadTooLarge, limits.FileField,
                    $"Tệp vượt quá giới hạn {limits.MaxFileBytes / (1024 * 1024):N0} MB.");
            }

            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return total;
    }

    private static async Task<string> ReadFieldAsync(Stream body, string name, int maxLength, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, leaveOpen: true);
        var buffer = new char[maxLength + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await reader.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        if (length > maxLength)
        {
            throw new UploadRefusedException(StatusCodes.Status400BadRequest, name, $"Tối đa {maxLength} ký tự.");
        }

        return new string(buffer, 0, length);
    }
}
