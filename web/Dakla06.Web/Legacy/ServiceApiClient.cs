using System.Globalization;
using System.Net;
using System.Net.Http.Json;

using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.WebUtilities;

namespace Dakla06.Web.Legacy;

/// <summary>
/// A typed client of one service's API (inspections, cleansing): queries throw the client's own exception with a
/// Vietnamese message (<see cref="Fail"/>), commands return an <see cref="ApiResult{T}"/> whose errors are keyed by
/// field, and the user's session key goes with every request (<see cref="ServiceApiCalls.SendAsync"/>).
/// </summary>
/// <param name="root">The API's path, e.g. <c>api/inspections</c>.</param>
/// <param name="serviceName">The service as users call it, in messages ("Dịch vụ …").</param>
/// <param name="unreachable">The message when the service cannot be reached.</param>
public abstract class ServiceApiClient(
    HttpClient http, AuthenticationStateProvider authenticationState, string root, string serviceName, string unreachable)
{
    protected HttpClient Http => http;

    protected string Root => root;

    /// <summary>The client's exception for a failure.</summary>
    protected abstract Exception Fail(ApiFailure failure, string message, Exception? inner = null);

    protected static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    protected static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    protected string Uri(string path, Dictionary<string, string?> parameters) =>
        QueryHelpers.AddQueryString($"{root}/{path}", parameters.Where(p => p.Value is not null));

    protected HttpRequestMessage Post(string path, object body) =>
        new(HttpMethod.Post, $"{root}/{path}") { Content = JsonContent.Create(body) };

    protected async Task<T> GetAsync<T>(string uri, string action, CancellationToken cancellationToken)
        where T : class
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, uri), cancellationToken);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            var problem = await ServiceApiCalls.ReadValidationProblemAsync(response, ApiResult<object>.GeneralErrorKey, cancellationToken);
            throw Fail(ApiFailure.Unexpected, $"Điều kiện lọc không hợp lệ. {string.Join(" ", problem.Values.SelectMany(v => v))}".Trim());
        }

        await EnsureSuccessAsync(response, action, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(cancellationToken)
            ?? throw Fail(ApiFailure.Unexpected, $"{serviceName} trả về dữ liệu rỗng.");
    }

    /// <summary>The resource, or null on 404 (it does not exist or lies outside the user's view).</summary>
    protected async Task<T?> FindAsync<T>(string uri, string action, CancellationToken cancellationToken)
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

    /// <summary>2xx gives the body; 400 the field messages; 403/404/409/413 the API's detail as a general message; anything else throws.</summary>
    protected async Task<ApiResult<T>> CommandAsync<T>(HttpRequestMessage request, string action, CancellationToken cancellationToken)
        where T : class
    {
        using var response = await SendAsync(request, cancellationToken);
        switch (response.StatusCode)
        {
            case >= HttpStatusCode.OK and < HttpStatusCode.Ambiguous:
                var value = response.Content.Headers.ContentLength == 0 ? null : await response.Content.ReadFromJsonAsync<T>(cancellationToken);
                return value is null ? throw Fail(ApiFailure.Unexpected, $"{serviceName} trả về dữ liệu rỗng.") : ApiResult.Success(value);
            case HttpStatusCode.BadRequest:
                return ApiResult.Failed<T>(await ServiceApiCalls.ReadValidationProblemAsync(response, ApiResult<object>.GeneralErrorKey, cancellationToken));
            case HttpStatusCode.Conflict:
                return ApiResult.Failed<T>(await ServiceApiCalls.ProblemDetailAsync(response, cancellationToken)
                    ?? "Không thực hiện được: trạng thái đã thay đổi. Vui lòng tải lại trang.");
            case HttpStatusCode.Forbidden:
                return ApiResult.Failed<T>(await ServiceApiCalls.ProblemDetailAsync(response, cancellationToken) ?? $"Bạn không có quyền {action}.");
            case HttpStatusCode.NotFound:
                return ApiResult.Failed<T>(await ServiceApiCalls.ProblemDetailAsync(response, cancellationToken)
                    ?? "Không tìm thấy: có thể đã bị xóa hoặc không thuộc phạm vi đơn vị của bạn.");
            case HttpStatusCode.RequestEntityTooLarge:
                return ApiResult.Failed<T>(await ServiceApiCalls.ProblemDetailAsync(response, cancellationToken) ?? "Tệp quá lớn.");
            default:
                await EnsureSuccessAsync(response, action, cancellationToken);
                throw Fail(ApiFailure.Unexpected, $"{serviceName} trả lời bất thường (mã {(int)response.StatusCode}).");
        }
    }

    protected Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        ServiceApiCalls.SendAsync(http, authenticationState, request, Fail, unreachable, cancellationToken);

    private async Task EnsureSuccessAsync(HttpResponseMessage response, string action, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var detail = await ServiceApiCalls.ProblemDetailAsync(response, cancellationToken);
        throw response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => ServiceApiCalls.SessionExpired(Fail, null),
            HttpStatusCode.Forbidden => Fail(ApiFailure.Forbidden, detail ?? $"Bạn không có quyền {action}."),
            >= HttpStatusCode.InternalServerError => Fail(ApiFailure.Unavailable,
                $"{serviceName} đang gặp sự cố nên chưa {action} được. Vui lòng thử lại sau."),
            _ => Fail(ApiFailure.Unexpected, detail ?? $"Không {action} được (mã lỗi {(int)response.StatusCode})."),
        };
    }
}
