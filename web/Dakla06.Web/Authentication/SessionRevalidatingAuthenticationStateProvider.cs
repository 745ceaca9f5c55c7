using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Dakla06.Web.Authentication;

/// <summary>
/// A circuit keeps the principal it started with for as long as the tab stays open. Every minute this checks that
/// the session still has tokens here; after sign-out (in any tab) or a refused refresh it turns the circuit's user
/// anonymous, and the router sends them to sign in again.
/// </summary>
public sealed class SessionRevalidatingAuthenticationStateProvider(ILoggerFactory loggerFactory, UserTokenService tokens)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var sessionKey = authenticationState.User.FindFirst(WebClaims.SessionKey)?.Value;
        return Task.FromResult(sessionKey is not null && tokens.IsActive(sessionKey));
    }
}
