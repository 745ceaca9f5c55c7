using Microsoft.AspNetCore.Authentication.Cookies;

namespace Dakla06.Web.Authentication;

/// <summary>
/// On every HTTP request of a signed-in browser: brings the session's tokens in this process and in the cookie to
/// the newest of the two (a circuit may have refreshed them where it cannot write cookies), refreshes them when
/// they are about to expire, and ends the cookie session when the provider refuses the refresh token — the
/// request then challenges and the user signs in again.
/// </summary>
public sealed class TokenCookieEvents(UserTokenService tokens) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var sessionKey = context.Principal?.FindFirst(WebClaims.SessionKey)?.Value;
        var fromCookie = UserTokens.FromProperties(context.Properties);
        if (sessionKey is null || fromCookie is null)
        {
            context.RejectPrincipal();
            return;
        }

        var result = await tokens.GetTokensAsync(sessionKey, fromCookie, context.HttpContext.RequestAborted);
        switch (result.Status)
        {
            case TokenStatus.Valid when result.Tokens != fromCookie:
                result.Tokens!.StoreIn(context.Properties);
                context.ShouldRenew = true;
                break;
            case TokenStatus.SessionEnded:
                context.RejectPrincipal();
                break;
            default:
                // Valid and unchanged, or the provider is briefly unreachable: keep the session as it is.
                break;
        }
    }
}
