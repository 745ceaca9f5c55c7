using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dakla06.Web.Authentication;
using Dakla06.Web.Directives;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.WebUtilities;

namespace Dakla06.Web.Cleansing;

/// <summary>
/// Typed client of the data-cleansing API, built like the inspections and directives clients: the user's session key
/// goes to <see cref="UserAccessTokenHandler"/> with each request; queries throw <see cref="CleansingApiException"/>
/// with a Vietnamese message, commands return an <see cref="ApiResult{T}"/> whose errors are keyed by field.
/// </summary>
public sealed class CleansingApiClient(HttpClient http, AuthenticationStateProvider authenticationState)
{
    /// <summary>Aspire service discovery: the <c>cleansing-api</c> resource, https when it has it.</summary>
    public const string BaseAddress = "https+http://cleansing-api";

    private const string Root = "api/cleansing";
    private const string ServiceName = "Dịch vụ làm sạch dữ liệu";

    public Task<RegistryInfoDto> GetRegistryAsync(CancellationToken cancellationToken = default) =>
        GetAsync<RegistryInfoDto>($"{Root}/registry", "xem thông tin CSDL dân cư đối chiếu", cancellationToken);

    public Task<PagedResult<BatchDto>> ListBatchesAsync(string? status, string? dataset, string? unit, Guid? campaignId, int page, int pageSize,
        CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<BatchDto>>(Uri("batches", new()
        {
            ["status"] = Blank(status),
            ["dataset"] = Blank(dataset),
            ["unitCode"] = Blank(unit),
            ["campaignId"] = campaignId?.ToString(),
            ["page"] = Number(page),
            ["pageSize"] = Number(pageSize),
        }), "xem danh sách lô dữ liệu", cancellationToken);

    /// <summary>
    /// Uploads a batch file (.csv or .xlsx). The browser's stream goes straight through (chunked), so a large file is
    /// never held whole in the web app's memory.
    /// </summary>
    public Task<ApiResult<BatchCreatedDto>> UploadBatchAsync(Stream file, string fileName, string dataset, string unitCode, Guid? campaignId,
        CancellationToken cancellationToken = default)
    {
        var content = new StreamContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)
            ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            : "text/csv");
        var form = new MultipartFormDataContent
        {
            { new StringContent(dataset), "dataset" },
            { new StringContent(unitCode), "unitCode" },
        };
        if (campaignId is { } campaign)
        {
            form.Add(new StringContent(campaign.ToString()), "campaignId");
        }

        form.Add(content, "file", fileName);
        return CommandAsync<BatchCreatedDto>(new HttpRequestMessage(HttpMethod.Post, $"{Root}/batches") { Content = form },
            "tải lên lô dữ liệu", cancellationToken);
    }

    /// <summary>The batch, or null when it does not exist or is outside the user's scope.</summary>
    public Task<BatchDto?> GetBatchAsync(Guid id, CancellationToken cancellationToken = default) =>
        FindAsync<BatchDto>($"{Root}/batches/{id}", "xem lô dữ liệu", cancellationToken);

    public Task<ApiResult<BatchDto>> CancelBatchAsync(Guid id, CancellationToken cancellationToken = default) =>
        CommandAsync<BatchDto>(Post($"batches/{id}/cancel", new { }), "hủy kiểm tra lô dữ liệu", cancellationToken);

    public Task<PagedResult<RecordDto>> ListRecordsAsync(Guid batchId, string? recordClass, int page, int pageSize,
        CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<RecordDto>>(Uri($"batches/{batchId}/records", new()
        {
            ["class"] = Blank(recordClass),
            ["page"] = Number(page),
            ["pageSize"] = Number(pageSize),
        }), "xem các bản ghi của lô", cancellationToken);

    /// <summary>The record, or null when it does not exist or its batch is outside the user's scope.</summary>
    public Task<RecordDto?> GetRecordAsync(Guid batchId, int line, CancellationToken cancellationToken = default) =>
        FindAsync<RecordDto>($"{Root}/batches/{batchId}/records/{Number(line)}", "xem bản ghi", cancellationToken);

    public Task<ApiResult<RecordDto>> ResolveRecordAsync(Guid batchId, int line, ResolveRequest resolution,
        CancellationToken cancellationToken = default) =>
        CommandAsync<RecordDto>(Post($"batches/{batchId}/records/{Number(line)}/resolve", resolution), "xử lý bản ghi", cancellationToken);

    /// <summary>
    /// Starts the results download for the download endpoint, which runs in a plain HTTP request (no circuit, so
    /// the session key comes from the request's user). The caller owns and disposes the response.
    /// </summary>
    public async Task<HttpResponseMessage> OpenResultsAsync(string sessionKey, Guid batchId, string extension, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"{Root}/batches/{batchId}/results.{extension}");
        request.Options.Set(UserAccessTokenHandler.SessionKeyOption, sessionKey);
        using (request)
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<CampaignDto>> ListCampaignsAsync(CancellationToken cancellationToken = default) =>
        await GetAsync<List<CampaignDto>>($"{Root}/campaigns", "xem danh sách chiến dịch làm sạch", cancellationToken);

    /// <summary>The campaign, or null when it does not exist or lies outside the user's view.</summary>
    public Task<CampaignDto?> GetCampaignAsync(Guid id, CancellationToken cancellationToken = default) =>
        FindAsync<CampaignDto>($"{Root}/campaigns/{id}", "xem chiến dịch làm sạch", cancellationToken);

    public Task<ApiResult<CampaignDto>> CreateCampaignAsync(CreateCampaignRequest campaign, CancellationToken cancellationToken = default) =>
        CommandAsync<CampaignDto>(Post("campaigns", campaign), "tạo chiến dịch làm sạch", cancellationToken);

    /// <param name="unitCode">Null for the user's own unit.</param>
    public Task<CampaignProgressDto?> GetCampaignProgressAsync(Guid id, string? unitCode, CancellationToken cancellationToken = default) =>
        FindAsync<CampaignProgressDto>(Uri($"campaigns/{id}/progress", new() { ["unit"] = Blank(unitCode) }),
            "xem tiến độ chiến dịch làm sạch", cancellationToken);

    public Task<PagedResult<DuplicatePairDto>> ListDuplicatesAsync(string? status, int page, int pageSize,
        CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<DuplicatePairDto>>(Uri("duplicates", new()
        {
            ["status"] = Blank(status),
            ["page"] = Number(page),
            ["pageSize"] = Number(pageSize),
        }), "xem danh sách nghi trùng", cancellationToken);

    public Task<ApiResult<DuplicateScanDto>> ScanDuplicatesAsync(CancellationToken cancellationToken = default) =>
        CommandAsync<DuplicateScanDto>(Post("duplicates/scan", new { }), "rà soát trùng lặp", cancellationToken);

    public Task<ApiResult<DuplicatePairDto>> ReviewDuplicateAsync(Guid id, string decision, CancellationToken cancellationToken = default) =>
        CommandAsync<DuplicatePairDto>(Post($"duplicates/{id}/review", new { decision }),
            "ghi nhận kết quả xem xét", cancellationToken);

    public Task<PagedResult<AuditEntryDto>> ListAuditAsync(int page, int pageSize, CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<AuditEntryDto>>(Uri("audit", new()
        {
            ["page"] = Number(page),
            ["pageSize"] = Number(pageSize),
        }), "xem nhật ký truy cập dữ liệu cá nhân", cancellationToken);

    private static string Uri(string path, Dictionary<string, string?> parameters) =>
        QueryHelpers.AddQueryString($"{Root}/{path}", parameters.Where(p => p.Value is not null));

    private static HttpRequestMessage Post(string path, object body) =>
        new(HttpMethod.Post, $"{Root}/{path}") { Content = JsonContent.Create(body) };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private async Task<T> GetAsync<T>(string uri, string action, CancellationToken cancellationToken)
        where T : class
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, uri), cancellationToken);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            var problem = await ReadValidationProblemAsync(response, cancellationToken);
            throw new CleansingApiException(ApiFailure.Unexpected,
                $"Điều kiện lọc không hợp lệ. {string.Join(" ", problem.Values.SelectMany(v => v))}".Trim());
        }

        await EnsureSuccessAsync(response, action, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(cancellationToken)
            ?? throw Unexpected($"{ServiceName} trả về dữ liệu rỗng.");
    }

    private async Task<T?> FindAsync<T>(string uri, string action, CancellationToken cancellationToken)
        where T : class
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, uri), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, action, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(cancellationToken);
    }

    /// <summary>2xx gives the body; 400 the field messages; 403/404/409 the API's detail as a general message; anything else throws.</summary>
    private async Task<ApiResult<T>> CommandAsync<T>(HttpRequestMessage request, string action, CancellationToken cancellationToken)
        where T : class
    {
        using var response = await SendAsync(request, cancellationToken);
        switch (response.StatusCode)
        {
            case >= HttpStatusCode.OK and < HttpStatusCode.Ambiguous:
                var value = response.Content.Headers.ContentLength == 0 ? null : await response.Content.ReadFromJsonAsync<T>(cancellationToken);
                return value is null ? throw Unexpected($"{ServiceName} trả về dữ liệu rỗng.") : ApiResult.Success(value);
            case HttpStatusCode.BadRequest:
                return ApiResult.Failed<T>(await ReadValidationProblemAsync(response, cancellationToken));
            case HttpStatusCode.Conflict:
                return ApiResult.Failed<T>(await ProblemDetailAsync(response, cancellationToken)
                    ?? "Không thực hiện được: trạng thái đã thay đổi. Vui lòng tải lại trang.");
            case HttpStatusCode.Forbidden:
                return ApiResult.Failed<T>(await ProblemDetailAsync(response, cancellationToken) ?? $"Bạn không có quyền {action}.");
            case HttpStatusCode.NotFound:
                return ApiResult.Failed<T>(await ProblemDetailAsync(response, cancellationToken)
                    ?? "Không tìm thấy: có thể đã bị xóa hoặc không thuộc phạm vi đơn vị của bạn.");
            case HttpStatusCode.RequestEntityTooLarge:
                return ApiResult.Failed<T>(await ProblemDetailAsync(response, cancellationToken) ?? "Tệp quá lớn.");
            default:
                await EnsureSuccessAsync(response, action, cancellationToken);
                throw Unexpected($"{ServiceName} trả lời bất thường (mã {(int)response.StatusCode}).");
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            var state = await authenticationState.GetAuthenticationStateAsync();
            var sessionKey = state.User.FindFirst(WebClaims.SessionKey)?.Value ?? throw SessionExpired(null);
            request.Options.Set(UserAccessTokenHandler.SessionKeyOption, sessionKey);
            try
            {
                return await http.SendAsync(request, cancellationToken);
            }
            catch (SessionExpiredException exception)
            {
                throw SessionExpired(exception);
            }
            catch (IdentityProviderUnavailableException exception)
            {
                throw new CleansingApiException(ApiFailure.Unavailable,
                    "Không gia hạn được phiên đăng nhập vì máy chủ xác thực không phản hồi. Vui lòng thử lại sau ít phút.", exception);
            }
            catch (Exception exception) when (exception is HttpRequestException or Polly.ExecutionRejectedException
                || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                throw new CleansingApiException(ApiFailure.Unavailable,
                    "Không kết nối được dịch vụ làm sạch dữ liệu. Vui lòng thử lại sau ít phút.", exception);
            }
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string action, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var detail = await ProblemDetailAsync(response, cancellationToken);
        throw response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => SessionExpired(null),
            HttpStatusCode.Forbidden => new CleansingApiException(ApiFailure.Forbidden, detail ?? $"Bạn không có quyền {action}."),
            >= HttpStatusCode.InternalServerError => new CleansingApiException(ApiFailure.Unavailable,
                $"{ServiceName} đang gặp sự cố nên chưa {action} được. Vui lòng thử lại sau."),
            _ => Unexpected(detail ?? $"Không {action} được (mã lỗi {(int)response.StatusCode})."),
        };
    }

    /// <summary>ValidationProblem <c>errors</c> keyed by camelCase field; a bare ProblemDetails becomes a general error.</summary>
    private static async Task<IReadOnlyDictionary<string, string[]>> ReadValidationProblemAsync(
        HttpResponseMessage response,
        CancellationToken cancellationToken)
    {
        HttpValidationProblemDetails? problem = null;
        try
        {
            problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(cancellationToken);
        }
        catch (System.Text.Json.JsonException)
        {
            // Not a problem document: fall through to the general message.
        }

        var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var (field, messages) in problem?.Errors ?? new Dictionary<string, string[]>())
        {
            errors[string.Join('.', field.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]))] = messages;
        }

        if (errors.Count == 0)
        {
            errors[ApiResult<object>.GeneralErrorKey] = [problem?.Detail ?? "Dữ liệu gửi lên không hợp lệ."];
        }

        return errors;
    }

    /// <summary>The API writes its ProblemDetails <c>detail</c> for users (in Vietnamese); null when there is none.</summary>
    internal static async Task<string?> ProblemDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>(cancellationToken)
                is { Detail: { Length: > 0 } detail } ? detail : null;
        }
        catch (Exception)
        {
            // No body, or not a problem document.
            return null;
        }
    }

    private static CleansingApiException SessionExpired(Exception? inner) =>
        new(ApiFailure.SessionExpired, "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.", inner);

    private static CleansingApiException Unexpected(string message) => new(ApiFailure.Unexpected, message);
}

/// <summary>A failed call to the data-cleansing API; <see cref="Exception.Message"/> is Vietnamese and safe to show the user.</summary>
public sealed class CleansingApiException(ApiFailure failure, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public ApiFailure Failure { get; } = failure;
}
