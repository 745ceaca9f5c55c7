using System.Net.Http.Json;
using Dakla06.Web.Authentication;

using Microsoft.AspNetCore.Components.Authorization;

namespace Dakla06.Web.Legacy;

/// <summary>
/// What the typed clients of the services' APIs (directives, inspections, cleansing) share: sending with the user's
/// session, and reading the ProblemDetails the APIs answer with. Each client keeps its own exception type and
/// messages; <c>fail</c> builds that exception.
/// </summary>
internal static class ServiceApiCalls
{
    /// <summary>
    /// Sends with the user's session key (<see cref="UserAccessTokenHandler"/> adds the access token). A lost session,
    /// an identity provider that does not answer or a service that cannot be reached become the client's exception,
    /// with <paramref name="unreachable"/> as the message for the last.
    /// </summary>
    public static async Task<HttpResponseMessage> SendAsync(
        HttpClient http, AuthenticationStateProvider authenticationState, HttpRequestMessage request,
        Func<ApiFailure, string, Exception?, Exception> fail, string unreachable, CancellationToken cancellationToken)
    {
        using (request)
        {
            var state = await authenticationState.GetAuthenticationStateAsync();
            var sessionKey = state.User.FindFirst(WebClaims.SessionKey)?.Value ?? throw SessionExpired(fail, null);
            request.Options.Set(UserAccessTokenHandler.SessionKeyOption, sessionKey);
            try
            {
                return await http.SendAsync(request, cancellationToken);
            }
            catch (SessionExpiredException exception)
            {
                throw SessionExpired(fail, exception);
            }
            catch (IdentityProviderUnavailableException exception)
            {
                throw fail(ApiFailure.Unavailable,
                    "Không gia hạn được phiên đăng nhập vì máy chủ xác thực không phản hồi. Vui lòng thử lại sau ít phút.", exception);
            }
            catch (Exception exception) when (exception is HttpRequestException or Polly.ExecutionRejectedException
                || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                throw fail(ApiFailure.Unavailable, unreachable, exception);
            }
        }
    }

    public static Exception SessionExpired(Func<ApiFailure, string, Exception?, Exception> fail, Exception? inner) =>
        fail(ApiFailure.SessionExpired, "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.", inner);

    /// <summary>
    /// ValidationProblem <c>errors</c> keyed by camelCase field (nested paths keep their dots: <c>Body.IssuedOn</c> →
    /// <c>body.issuedOn</c>), case-insensitively; a bare ProblemDetails becomes a general error under
    /// <paramref name="generalErrorKey"/>.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string[]>> ReadValidationProblemAsync(
        HttpResponseMessage response, string generalErrorKey, CancellationToken cancellationToken)
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
            errors[generalErrorKey] = [problem?.Detail ?? "Dữ liệu gửi lên không hợp lệ."];
        }

        return errors;
    }

    /// <summary>The API writes its ProblemDetails <c>detail</c> for users (in Vietnamese); null when there is none.</summary>
    public static async Task<string?> ProblemDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await ReadProblemAsync(response, cancellationToken) is { Detail: { Length: > 0 } detail } ? detail : null;

    /// <summary>" Mã tra cứu: …" from the ProblemDetails' <c>traceId</c>, for a message a user can report; empty without one.</summary>
    public static async Task<string> TraceSuffixAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await ReadProblemAsync(response, cancellationToken) is { } problem && problem.Extensions.TryGetValue("traceId", out var traceId)
            ? $" Mã tra cứu: {traceId}."
            : string.Empty;

    private static async Task<Microsoft.AspNetCore.Mvc.ProblemDetails?> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
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
}
