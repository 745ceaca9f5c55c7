using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dakla06.Web.Authentication;
using Dakla06.Web.Directives;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.WebUtilities;

namespace Dakla06.Web.Inspections;

/// <summary>
/// Typed client of the security-inspections API, built like <see cref="DirectivesApiClient"/>: the user's session key
/// goes to <see cref="UserAccessTokenHandler"/> with each request; queries throw <see cref="InspectionsApiException"/>
/// with a Vietnamese message, commands return an <see cref="ApiResult{T}"/> whose errors are keyed by field.
/// </summary>
public sealed class InspectionsApiClient(HttpClient http, AuthenticationStateProvider authenticationState)
{
    /// <summary>Aspire service discovery: the <c>inspections-api</c> resource, https when it has it.</summary>
    public const string BaseAddress = "https+http://inspections-api";

    private const string Root = "api/inspections";
    private const string ServiceName = "Dịch vụ kiểm tra an ninh";

    public Task<PagedResult<SystemDto>> ListSystemsAsync(string? text, string? unit, bool? cleared, int page, int pageSize,
        CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<SystemDto>>(Uri("systems", new()
        {
            ["q"] = Blank(text),
            ["unit"] = Blank(unit),
            ["cleared"] = cleared is { } value ? (value ? "true" : "false") : null,
            ["page"] = Number(page),
            ["pageSize"] = Number(pageSize),
        }), "xem danh sách hệ thống thông tin", cancellationToken);

    /// <summary>The system, or null when it does not exist or is outside the user's scope.</summary>
    public Task<SystemDetailDto?> GetSystemAsync(Guid id, CancellationToken cancellationToken = default) =>
        FindAsync<SystemDetailDto>($"{Root}/systems/{id}", "xem hệ thống thông tin", cancellationToken);

    public Task<ApiResult<SystemDto>> RegisterSystemAsync(RegisterSystemRequest system, CancellationToken cancellationToken = default) =>
        CommandAsync<SystemDto>(Post("systems", system), "đăng ký hệ thống thông tin", cancellationToken);

    public Task<PagedResult<DeviceDto>> ListDevicesAsync(string? text, string? unit, int page, int pageSize,
        CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<DeviceDto>>(Uri("devices", new()
        {
            ["q"] = Blank(text),
            ["unit"] = Blank(unit),
            ["page"] = Number(page),
            ["pageSize"] = Number(pageSize),
        }), "xem danh sách thiết bị đầu cuối", cancellationToken);

    public Task<ApiResult<DeviceDto>> RegisterDeviceAsync(RegisterDeviceRequest device, CancellationToken cancellationToken = default) =>
        CommandAsync<DeviceDto>(Post("devices", device), "đăng ký thiết bị đầu cuối", cancellationToken);

    /// <summary>Uploads a .csv or .xlsx of devices; valid rows are kept and invalid ones come back with their line.</summary>
    public Task<ApiResult<DeviceImportResult>> ImportDevicesAsync(Stream file, string fileName, CancellationToken cancellationToken = default)
    {
        var content = new StreamContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
            ? "text/csv"
            : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var form = new MultipartFormDataContent { { content, "file", fileName } };
        return CommandAsync<DeviceImportResult>(new HttpRequestMessage(HttpMethod.Post, $"{Root}/devices/import") { Content = form },
            "nhập danh sách thiết bị", cancellationToken);
    }

    public async Task<IReadOnlyList<TeamDto>> ListTeamsAsync(CancellationToken cancellationToken = default) =>
        await GetAsync<List<TeamDto>>($"{Root}/teams", "xem danh sách đoàn kiểm tra", cancellationToken);

    public async Task<IReadOnlyList<ChecklistDto>> ListChecklistsAsync(CancellationToken cancellationToken = default) =>
        await GetAsync<List<ChecklistDto>>($"{Root}/checklists", "xem danh mục nội dung kiểm tra", cancellationToken);

    public Task<ApiResult<InspectionDto>> CreateInspectionAsync(CreateInspectionRequest inspection, CancellationToken cancellationToken = default) =>
        CommandAsync<InspectionDto>(Post("inspections", inspection), "lập đợt kiểm tra", cancellationToken);

    /// <summary>The inspection, or null when it does not exist or the user may not see its details.</summary>
    public Task<InspectionDto?> GetInspectionAsync(Guid id, CancellationToken cancellationToken = default) =>
        FindAsync<InspectionDto>($"{Root}/inspections/{id}", "xem đợt kiểm tra", cancellationToken);

    public Task<PagedResult<InspectionSummaryDto>> ListInspectionsAsync(string? targetType, Guid? targetId, string? status, int page, int pageSize,
        CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<InspectionSummaryDto>>(Uri("inspections", new()
        {
            ["targetType"] = Blank(targetType),
            ["targetId"] = targetId?.ToString(),
            ["status"] = Blank(status),
            ["page"] = Number(page),
            ["pageSize"] = Number(pageSize),
        }), "xem danh sách đợt kiểm tra", cancellationToken);

    public Task<ApiResult<InspectionDto>> StartInspectionAsync(Guid id, DateOnly? startedOn, CancellationToken cancellationToken = default) =>
        CommandAsync<InspectionDto>(Post($"inspections/{id}/start", new { startedOn }), "bắt đầu kiểm tra", cancellationToken);

    public Task<ApiResult<InspectionDto>> RecordResultsAsync(Guid id, RecordResultsRequest results, CancellationToken cancellationToken = default) =>
        CommandAsync<InspectionDto>(
            new HttpRequestMessage(HttpMethod.Put, $"{Root}/inspections/{id}/results") { Content = JsonContent.Create(results) },
            "lưu kết quả kiểm tra", cancellationToken);

    public Task<ApiResult<InspectionDto>> CompleteInspectionAsync(Guid id, string conclusion, DateOnly? completedOn,
        CancellationToken cancellationToken = default) =>
        CommandAsync<InspectionDto>(Post($"inspections/{id}/complete", new { conclusion, completedOn }), "kết thúc đợt kiểm tra", cancellationToken);

    public Task<ApiResult<FindingDto>> RaiseFindingAsync(Guid inspectionId, RaiseFindingRequest finding, CancellationToken cancellationToken = default) =>
        CommandAsync<FindingDto>(Post($"inspections/{inspectionId}/findings", finding), "ghi nhận phát hiện", cancellationToken);

    public Task<PagedResult<FindingSummaryDto>> ListFindingsAsync(FindingQuery query, CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<FindingSummaryDto>>(Uri("findings", new()
        {
            ["status"] = Blank(query.Status),
            ["severity"] = Blank(query.Severity),
            ["unit"] = Blank(query.Unit),
            ["inspectionId"] = query.InspectionId?.ToString(),
            ["systemId"] = query.SystemId?.ToString(),
            ["overdue"] = query.OverdueOnly ? "true" : null,
            ["page"] = Number(query.Page),
            ["pageSize"] = Number(query.PageSize),
        }), "xem danh sách phát hiện", cancellationToken);

    /// <summary>The finding, or null when it does not exist or is outside the user's scope.</summary>
    public Task<FindingDto?> GetFindingAsync(Guid id, CancellationToken cancellationToken = default) =>
        FindAsync<FindingDto>($"{Root}/findings/{id}", "xem phát hiện", cancellationToken);

    public Task<ApiResult<FindingDto>> VerifyFindingAsync(Guid id, string? note, CancellationToken cancellationToken = default) =>
        CommandAsync<FindingDto>(Post($"findings/{id}/verify", new { note }), "xác minh khắc phục", cancellationToken);

    public Task<ApiResult<FindingDto>> ReopenFindingAsync(Guid id, string reason, CancellationToken cancellationToken = default) =>
        CommandAsync<FindingDto>(Post($"findings/{id}/reopen", new { reason }), "mở lại phát hiện", cancellationToken);

    public Task<ApiResult<FindingDto>> AcceptRiskAsync(Guid id, DateOnly until, string reason, CancellationToken cancellationToken = default) =>
        CommandAsync<FindingDto>(Post($"findings/{id}/accept-risk", new { until, reason }), "chấp nhận rủi ro", cancellationToken);

    /// <param name="unitCode">Null for the user's own unit.</param>
    public Task<CoverageDto> GetCoverageAsync(string? unitCode, CancellationToken cancellationToken = default) =>
        GetAsync<CoverageDto>(Uri("coverage", new() { ["unit"] = Blank(unitCode) }), "xem mức độ bao phủ kiểm tra của đơn vị này", cancellationToken);

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
            throw new InspectionsApiException(ApiFailure.Unexpected,
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
                throw new InspectionsApiException(ApiFailure.Unavailable,
                    "Không gia hạn được phiên đăng nhập vì máy chủ xác thực không phản hồi. Vui lòng thử lại sau ít phút.", exception);
            }
            catch (Exception exception) when (exception is HttpRequestException or Polly.ExecutionRejectedException
                || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                throw new InspectionsApiException(ApiFailure.Unavailable,
                    "Không kết nối được dịch vụ kiểm tra an ninh. Vui lòng thử lại sau ít phút.", exception);
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
            HttpStatusCode.Forbidden => new InspectionsApiException(ApiFailure.Forbidden, detail ?? $"Bạn không có quyền {action}."),
            >= HttpStatusCode.InternalServerError => new InspectionsApiException(ApiFailure.Unavailable,
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
    private static async Task<string?> ProblemDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
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

    private static InspectionsApiException SessionExpired(Exception? inner) =>
        new(ApiFailure.SessionExpired, "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.", inner);

    private static InspectionsApiException Unexpected(string message) => new(ApiFailure.Unexpected, message);
}

/// <summary>A failed call to the inspections API; <see cref="Exception.Message"/> is Vietnamese and safe to show the user.</summary>
public sealed class InspectionsApiException(ApiFailure failure, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public ApiFailure Failure { get; } = failure;
}
