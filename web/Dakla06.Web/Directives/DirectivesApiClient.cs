using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Dakla06.Web.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.WebUtilities;

namespace Dakla06.Web.Directives;

/// <summary>
/// Typed client of the directives API. Resolved from the circuit's (or request's) scope, so it reads the user from
/// that scope's <see cref="AuthenticationStateProvider"/> and hands the session key to
/// <see cref="UserAccessTokenHandler"/> with each request. Failures become <see cref="DirectivesApiException"/>
/// with a message for the user.
/// </summary>
public sealed partial class DirectivesApiClient(HttpClient http, AuthenticationStateProvider authenticationState)
{
    /// <summary>Aspire service discovery: the <c>directives-api</c> resource, https when it has it.</summary>
    public const string BaseAddress = "https+http://directives-api";

    private const string DocumentsPath = "api/directives/documents";

    public async Task<PagedResult<DocumentDto>> ListDocumentsAsync(DocumentQuery query, CancellationToken cancellationToken = default)
    {
        var parameters = new Dictionary<string, string?>
        {
            ["type"] = string.IsNullOrEmpty(query.Type) ? null : query.Type,
            ["from"] = query.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = query.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["q"] = string.IsNullOrWhiteSpace(query.Text) ? null : query.Text.Trim(),
            ["page"] = query.Page.ToString(CultureInfo.InvariantCulture),
            ["pageSize"] = query.PageSize.ToString(CultureInfo.InvariantCulture),
        };
        var uri = QueryHelpers.AddQueryString(DocumentsPath, parameters.Where(p => p.Value is not null));
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, uri), cancellationToken);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            var problem = await ReadValidationProblemAsync(response, cancellationToken);
            var detail = string.Join(" ", problem.Values.SelectMany(v => v));
            throw new DirectivesApiException(ApiFailure.Unexpected, $"Điều kiện lọc không hợp lệ. {detail}".Trim());
        }

        await EnsureSuccessAsync(response, "xem danh sách văn bản", cancellationToken);
        return await response.Content.ReadFromJsonAsync<PagedResult<DocumentDto>>(cancellationToken)
            ?? throw Unexpected("Dịch vụ văn bản chỉ đạo trả về dữ liệu rỗng.");
    }

    /// <summary>The document, or null when it does not exist or the user may not see it.</summary>
    public async Task<DocumentDto?> GetDocumentAsync(Guid id, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, $"{DocumentsPath}/{id}"), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, "xem văn bản", cancellationToken);
        return await response.Content.ReadFromJsonAsync<DocumentDto>(cancellationToken);
    }

    /// <param name="idempotencyKey">Same key for the same submission, so a retried request cannot create twice.</param>
    public async Task<CreateDocumentResult> CreateDocumentAsync(
        CreateDocumentRequest document,
        string idempotencyKey,
        CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, DocumentsPath) { Content = JsonContent.Create(document) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await SendAsync(request, cancellationToken);
        switch (response.StatusCode)
        {
            case HttpStatusCode.Created or HttpStatusCode.OK:
                var created = await response.Content.ReadFromJsonAsync<DocumentDto>(cancellationToken)
                    ?? throw Unexpected("Dịch vụ văn bản chỉ đạo trả về dữ liệu rỗng.");
                return CreateDocumentResult.Success(created);
            case HttpStatusCode.BadRequest:
                return CreateDocumentResult.Failed(await ReadValidationProblemAsync(response, cancellationToken));
            case HttpStatusCode.Conflict:
                // The number is what the user must change, so the message goes next to it.
                return CreateDocumentResult.Failed(new Dictionary<string, string[]>
                {
                    ["number"] = [await ProblemDetailAsync(response, cancellationToken)
                        ?? $"Số ký hiệu {document.Number} đã có ở đơn vị này trong năm {document.IssuedOn.Year}."],
                });
            case HttpStatusCode.Forbidden:
                return CreateDocumentResult.Failed(new Dictionary<string, string[]>
                {
                    [CreateDocumentResult.GeneralErrorKey] = [await ProblemDetailAsync(response, cancellationToken)
                        ?? "Bạn không có quyền tạo văn bản cho đơn vị này (cần vai trò Cán bộ theo dõi chỉ đạo; đơn vị của bạn hoặc đơn vị trực thuộc)."],
                });
            default:
                await EnsureSuccessAsync(response, "tạo văn bản", cancellationToken);
                throw Unexpected($"Dịch vụ văn bản chỉ đạo trả lời bất thường (mã {(int)response.StatusCode}).");
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            var state = await authenticationState.GetAuthenticationStateAsync();
            var sessionKey = state.User.FindFirst(WebClaims.SessionKey)?.Value
                ?? throw SessionExpired(null);
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
                throw new DirectivesApiException(ApiFailure.Unavailable,
                    "Không gia hạn được phiên đăng nhập vì máy chủ xác thực không phản hồi. Vui lòng thử lại sau ít phút.", exception);
            }
            catch (Exception exception) when (exception is HttpRequestException or Polly.ExecutionRejectedException
                || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                throw new DirectivesApiException(ApiFailure.Unavailable,
                    "Không kết nối được dịch vụ văn bản chỉ đạo. Vui lòng thử lại sau ít phút.", exception);
            }
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string action, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        throw response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => SessionExpired(null),
            HttpStatusCode.Forbidden => new DirectivesApiException(ApiFailure.Forbidden, $"Bạn không có quyền {action}."),
            >= HttpStatusCode.InternalServerError => new DirectivesApiException(ApiFailure.Unavailable,
                $"Dịch vụ văn bản chỉ đạo đang gặp sự cố nên chưa {action} được. Vui lòng thử lại sau.{await TraceSuffixAsync(response, cancellationToken)}"),
            _ => Unexpected($"Không {action} được (mã lỗi {(int)response.StatusCode}).{await TraceSuffixAsync(response, cancellationToken)}"),
        };
    }

    /// <summary>ValidationProblem <c>errors</c>, keyed case-insensitively; a bare ProblemDetails becomes a general error.</summary>
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
            errors[CamelCase(field)] = messages;
        }

        if (errors.Count == 0)
        {
            errors[CreateDocumentResult.GeneralErrorKey] = [problem?.Detail ?? "Dữ liệu gửi lên không hợp lệ."];
        }

        return errors;
    }

    private static async Task<string> TraceSuffixAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await ReadProblemAsync(response, cancellationToken) is { } problem && problem.Extensions.TryGetValue("traceId", out var traceId)
            ? $" Mã tra cứu: {traceId}."
            : string.Empty;

    /// <summary>The API writes its ProblemDetails <c>detail</c> for users (in Vietnamese); null when there is none.</summary>
    private static async Task<string?> ProblemDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await ReadProblemAsync(response, cancellationToken) is { Detail: { Length: > 0 } detail } ? detail : null;

    private static async Task<Microsoft.AspNetCore.Mvc.ProblemDetails?> ReadProblemAsync(
        HttpResponseMessage response,
        CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>(cancellationToken);
        }
        catch (Exception)
        {
            // No body, or not a problem document.
            return null;
        }
    }

    /// <summary>The API names fields in camelCase; nested paths keep their dots (<c>Body.IssuedOn</c> → <c>body.issuedOn</c>).</summary>
    private static string CamelCase(string field) =>
        string.Join('.', field.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));

    private static DirectivesApiException SessionExpired(Exception? inner) =>
        new(ApiFailure.SessionExpired, "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.", inner);

    private static DirectivesApiException Unexpected(string message) => new(ApiFailure.Unexpected, message);
}
