using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dakla06.Contracts.Http;

/// <summary>
/// The base of every service's typed client (<c>DirectivesClient</c>, <c>InspectionsClient</c>, …), used alike by the
/// web app and the tests: a call returns the contract's response type, and every failure — an error answer, an
/// unreachable service, a session that ended — is one <see cref="ServiceApiException"/> with a Vietnamese message.
/// A subclass only names its service and maps its routes and records.
/// </summary>
/// <param name="context">Adds the caller's credentials to each request; <see cref="IApiCallContext.None"/> when the <paramref name="http"/> client carries them.</param>
public abstract class ServiceApiClient(HttpClient http, IApiCallContext? context)
{
    private readonly IApiCallContext _context = context ?? IApiCallContext.None;

    /// <summary>The service as users call it, in the middle of a sentence: "dịch vụ văn bản chỉ đạo".</summary>
    protected abstract string ServiceName { get; }

    protected Task<T> GetAsync<T>(string uri, string action, CancellationToken cancellationToken) =>
        SendAsync<T>(HttpMethod.Get, uri, content: null, action, cancellationToken);

    /// <summary>The resource, or null on 404 (it does not exist or lies outside the caller's view).</summary>
    protected async Task<T?> FindAsync<T>(string uri, string action, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await GetAsync<T>(uri, action, cancellationToken);
        }
        catch (ServiceApiException exception) when (exception.Failure == ApiFailure.NotFound)
        {
            return null;
        }
    }

    protected Task<T> PostAsync<T>(string uri, object? body, string action, CancellationToken cancellationToken, string? idempotencyKey = null) =>
        SendAsync<T>(HttpMethod.Post, uri, Json(body), action, cancellationToken, idempotencyKey);

    protected Task<T> PutAsync<T>(string uri, object? body, string action, CancellationToken cancellationToken) =>
        SendAsync<T>(HttpMethod.Put, uri, Json(body), action, cancellationToken);

    /// <summary>A multipart form (files and fields); the content is disposed with the request.</summary>
    protected Task<T> UploadAsync<T>(string uri, MultipartFormDataContent form, string action, CancellationToken cancellationToken) =>
        SendAsync<T>(HttpMethod.Post, uri, form, action, cancellationToken);

    /// <summary>A streamed file part typed by its name's extension: <c>.xlsx</c> as a workbook, anything else as CSV.</summary>
    protected static StreamContent SpreadsheetContent(Stream file, string fileName)
    {
        var content = new StreamContent(file, 1 << 16);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)
            ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            : "text/csv");
        return content;
    }

    /// <summary>
    /// A successful answer whose body the caller streams (downloads); the caller disposes it. Failures throw as
    /// everywhere else.
    /// </summary>
    protected async Task<HttpResponseMessage> OpenAsync(string uri, string action, CancellationToken cancellationToken)
    {
        var response = await SendRawAsync(new HttpRequestMessage(HttpMethod.Get, uri), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await FailureAsync(response, action, cancellationToken);
        }
    }

    /// <summary>A small file (an export) read whole; <paramref name="fallbackName"/> when the API names none.</summary>
    protected async Task<ApiFile> DownloadAsync(string uri, string fallbackName, string action, CancellationToken cancellationToken)
    {
        using var response = await OpenAsync(uri, action, cancellationToken);
        var disposition = response.Content.Headers.ContentDisposition;
        var name = disposition?.FileNameStar ?? disposition?.FileName?.Trim('"');
        return new ApiFile(
            await response.Content.ReadAsByteArrayAsync(cancellationToken),
            string.IsNullOrWhiteSpace(name) ? fallbackName : name,
            response.Content.Headers.ContentType?.MediaType ?? "application/octet-stream");
    }

    protected async Task<T> SendAsync<T>(
        HttpMethod method, string uri, HttpContent? content, string action, CancellationToken cancellationToken, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(method, uri) { Content = content };
        if (idempotencyKey is not null)
        {
            request.Headers.Add(IdempotencyKeyHeader, idempotencyKey);
        }

        using var response = await SendRawAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await FailureAsync(response, action, cancellationToken);
        }

        try
        {
            return await response.Content.ReadFromJsonAsync<T>(cancellationToken)
                ?? throw Unexpected($"{Capitalized(ServiceName)} trả về dữ liệu rỗng.", (int)response.StatusCode, null);
        }
        catch (JsonException exception)
        {
            throw Unexpected($"{Capitalized(ServiceName)} trả về dữ liệu không đọc được.", (int)response.StatusCode, exception);
        }
    }

    /// <summary>The header the APIs' create commands take, so a retried submission cannot create twice.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private static JsonContent? Json(object? body) => body is null ? null : JsonContent.Create(body, body.GetType());

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        using (request)
        {
            try
            {
                await _context.PrepareAsync(request, cancellationToken);
                return await http.SendAsync(request, completion, cancellationToken);
            }
            catch (ServiceApiException)
            {
                throw;
            }
            catch (Exception exception) when (_context.Translate(exception, ServiceName) is { } translated)
            {
                throw translated;
            }
            catch (Exception exception) when (exception is HttpRequestException
                || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                throw Unreachable(ServiceName, exception);
            }
        }
    }

    private async Task<ServiceApiException> FailureAsync(HttpResponseMessage response, string action, CancellationToken cancellationToken)
    {
        var problem = await ReadProblemAsync(response, cancellationToken);
        var status = (int)response.StatusCode;
        var detail = string.IsNullOrWhiteSpace(problem?.Detail) ? null : problem.Detail;
        var traceId = problem?.TraceId;
        var trace = traceId is null ? string.Empty : $" Mã tra cứu: {traceId}.";
        var fieldErrors = FieldErrorsOf(problem);
        var (failure, message) = response.StatusCode switch
        {
            HttpStatusCode.BadRequest => (ApiFailure.Invalid,
                detail ?? (fieldErrors.Count > 0 ? string.Join(" ", fieldErrors.Values.SelectMany(m => m)) : "Dữ liệu gửi lên không hợp lệ.")),
            HttpStatusCode.Unauthorized => (ApiFailure.SessionExpired, SessionExpiredMessage),
            HttpStatusCode.Forbidden => (ApiFailure.Forbidden, detail ?? $"Bạn không có quyền {action}."),
            HttpStatusCode.NotFound => (ApiFailure.NotFound, detail ?? "Không tìm thấy: có thể đã bị xóa hoặc không thuộc phạm vi đơn vị của bạn."),
            HttpStatusCode.Conflict => (ApiFailure.Conflict, detail ?? "Không thực hiện được: trạng thái đã thay đổi. Vui lòng tải lại trang."),
            HttpStatusCode.RequestEntityTooLarge => (ApiFailure.TooLarge, detail ?? "Tệp quá lớn."),
            HttpStatusCode.TooManyRequests => (ApiFailure.TooManyRequests, detail ?? "Bạn đã gửi quá nhiều yêu cầu. Vui lòng thử lại sau ít phút."),
            >= HttpStatusCode.InternalServerError => (ApiFailure.Unavailable,
                $"{Capitalized(ServiceName)} đang gặp sự cố nên chưa {action} được. Vui lòng thử lại sau.{trace}"),
            _ => (ApiFailure.Unexpected, $"{detail ?? $"Không {action} được (mã lỗi {status})."}{trace}"),
        };
        if (fieldErrors.Count == 0 && detail is not null)
        {
            fieldErrors = new Dictionary<string, string[]> { [ServiceApiException.GeneralErrorKey] = [detail] };
        }

        return new ServiceApiException(failure, message, status, fieldErrors, detail, traceId);
    }

    /// <summary>The failure of a service that could not be reached (or did not answer in time).</summary>
    public static ServiceApiException Unreachable(string serviceName, Exception inner) =>
        new(ApiFailure.Unavailable, $"Không kết nối được {serviceName}. Vui lòng thử lại sau ít phút.", innerException: inner);

    /// <summary>The message of <see cref="ApiFailure.SessionExpired"/>, for contexts that detect it before sending.</summary>
    public const string SessionExpiredMessage = "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.";

    private static ServiceApiException Unexpected(string message, int status, Exception? inner) =>
        new(ApiFailure.Unexpected, message, status, innerException: inner);

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>Field errors keyed by camelCase field; nested paths keep their dots (<c>Body.IssuedOn</c> → <c>body.issuedOn</c>).</summary>
    private static Dictionary<string, string[]> FieldErrorsOf(ProblemDocument? problem)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var (field, messages) in problem?.Errors ?? [])
        {
            errors[string.Join('.', field.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]))] = messages;
        }

        return errors;
    }

    private static async Task<ProblemDocument?> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return response.Content.Headers.ContentLength == 0 ? null : await response.Content.ReadFromJsonAsync<ProblemDocument>(cancellationToken);
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException)
        {
            // No body, or not a problem document.
            return null;
        }
    }

    /// <summary>RFC 7807 ProblemDetails as the services write them (validation errors and a trace id included).</summary>
    private sealed record ProblemDocument(
        string? Title,
        string? Detail,
        int? Status,
        Dictionary<string, string[]>? Errors,
        [property: JsonPropertyName("traceId")] string? TraceId);
}
