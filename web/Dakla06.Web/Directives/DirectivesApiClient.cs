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
            var problem = await ServiceApiCalls.ReadValidationProblemAsync(response, CreateDocumentResult.GeneralErrorKey, cancellationToken);
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
                return CreateDocumentResult.Failed(await ServiceApiCalls.ReadValidationProblemAsync(response, CreateDocumentResult.GeneralErrorKey, cancellationToken));
            case HttpStatusCode.Conflict:
                // The number is what the user must change, so the message goes next to it.
                return CreateDocumentResult.Failed(new Dictionary<string, string[]>
                {
                    ["number"] = [await ServiceApiCalls.ProblemDetailAsync(response, cancellationToken)
                        ?? $"Số ký hiệu {document.Number} đã có ở đơn vị này trong năm {document.IssuedOn.Year}."],
                });
            case HttpStatusCode.Forbidden:
                return CreateDocumentResult.Failed(new Dictionary<string, string[]>
                {
                    [CreateDocumentResult.GeneralErrorKey] = [await ServiceApiCalls.ProblemDetailAsync(response, cancellationToken)
                        ?? "Bạn không có quyền tạo văn bản cho đơn vị này (cần vai trò Cán bộ theo dõi chỉ đạo; đơn vị của bạn hoặc đơn vị trực thuộc)."],
                });
            default:
                await EnsureSuccessAsync(response, "tạo văn bản", cancellationToken);
                throw Unexpected($"Dịch vụ văn bản chỉ đạo trả lời bất thường (mã {(int)response.StatusCode}).");
        }
    }

    private Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        ServiceApiCalls.SendAsync(http, authenticationState, request, Fail,
            "Không kết nối được dịch vụ văn bản chỉ đạo. Vui lòng thử lại sau ít phút.", cancellationToken);

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
                $"Dịch vụ văn bản chỉ đạo đang gặp sự cố nên chưa {action} được. Vui lòng thử lại sau.{await ServiceApiCalls.TraceSuffixAsync(response, cancellationToken)}"),
            _ => Unexpected($"Không {action} được (mã lỗi {(int)response.StatusCode}).{await ServiceApiCalls.TraceSuffixAsync(response, cancellationToken)}"),
        };
    }

    private static DirectivesApiException Fail(ApiFailure failure, string message, Exception? inner) => new(failure, message, inner);

    private static Exception SessionExpired(Exception? inner) => ServiceApiCalls.SessionExpired(Fail, inner);

    private static DirectivesApiException Unexpected(string message) => new(ApiFailure.Unexpected, message);
}
