using System.Net.Http.Headers;

namespace Dakla06.Web.Authentication;

/// <summary>
/// Puts the signed-in user's access token on outgoing API requests. IHttpClientFactory builds handlers in a scope
/// of its own, where neither the circuit's services nor an HttpContext exist, so the caller names the session on
/// the request itself (<see cref="SessionKeyOption"/>) and the token comes from the process-wide store.
/// </summary>
public sealed class UserAccessTokenHandler(UserTokenService tokens) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<string> SessionKeyOption = new("Dakla06.SessionKey");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(SessionKeyOption, out var sessionKey))
        {
            throw new InvalidOperationException("A request to an API on behalf of the user must carry the session key option.");
        }

        var result = await tokens.GetTokensAsync(sessionKey, fromCookie: null, cancellationToken);
        request.Headers.Authorization = result.Status switch
        {
            TokenStatus.Valid => new AuthenticationHeaderValue("Bearer", result.Tokens!.AccessToken),
            TokenStatus.SessionEnded => throw new SessionExpiredException(),
            _ => throw new IdentityProviderUnavailableException(),
        };

        return await base.SendAsync(request, cancellationToken);
    }
}

/// <summary>The user's session is over; they must sign in again.</summary>
public sealed class SessionExpiredException() : Exception("The user's session has ended.");

/// <summary>The access token needed refreshing and the identity provider did not answer.</summary>
public sealed class IdentityProviderUnavailableException() : Exception("The identity provider could not refresh the access token.");
