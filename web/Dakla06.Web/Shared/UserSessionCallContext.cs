using Dakla06.Contracts.Http;
using Dakla06.Web.Authentication;
using Microsoft.AspNetCore.Components.Authorization;

namespace Dakla06.Web.Shared;

/// <summary>
/// Calls the services as the signed-in user. The typed clients live in the circuit's (or request's) scope, but
/// IHttpClientFactory runs <see cref="UserAccessTokenHandler"/> in a scope of its own, so the user's session key goes
/// on the request (<see cref="UserAccessTokenHandler.SessionKeyOption"/>) and the handler adds the access token.
/// </summary>
public sealed class UserSessionCallContext : IApiCallContext
{
    private readonly Func<Task<string?>> _sessionKey;

    /// <summary>The user of the circuit (or of the prerendering request).</summary>
    public UserSessionCallContext(AuthenticationStateProvider authenticationState) =>
        _sessionKey = async () => (await authenticationState.GetAuthenticationStateAsync()).User.FindFirst(WebClaims.SessionKey)?.Value;

    private UserSessionCallContext(string sessionKey) => _sessionKey = () => Task.FromResult<string?>(sessionKey);

    /// <summary>A plain HTTP request's user (e.g. a download endpoint), whose session key the caller read from its cookie.</summary>
    public static UserSessionCallContext ForSession(string sessionKey) => new(sessionKey);

    public async ValueTask PrepareAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        request.Options.Set(UserAccessTokenHandler.SessionKeyOption,
            await _sessionKey() ?? throw SessionExpired(null));

    public ServiceApiException? Translate(Exception exception, string serviceName) => exception switch
    {
        SessionExpiredException => SessionExpired(exception),
        IdentityProviderUnavailableException => new ServiceApiException(ApiFailure.Unavailable,
            "Không gia hạn được phiên đăng nhập vì máy chủ xác thực không phản hồi. Vui lòng thử lại sau ít phút.", innerException: exception),
        // The resilience pipeline refused (its circuit breaker is open after repeated failures, or it timed out).
        Polly.ExecutionRejectedException => ServiceApiClient.Unreachable(serviceName, exception),
        _ => null,
    };

    private static ServiceApiException SessionExpired(Exception? inner) =>
        new(ApiFailure.SessionExpired, ServiceApiClient.SessionExpiredMessage, innerException: inner);
}
