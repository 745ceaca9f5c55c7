using System.Globalization;
using System.Security.Claims;
using Dakla06.Identity.Realm;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Primitives;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Dakla06.Identity.Endpoints;

/// <summary>
/// The passthrough halves of the OpenIddict endpoints: OpenIddict has already parsed and validated the request
/// (and the client, through <see cref="ValidateTokenRequest"/> and friends); these decide who the user is.
/// </summary>
public static class ProtocolEndpoints
{
    private static readonly string[] GetAndPost = [HttpMethods.Get, HttpMethods.Post];

    public static IEndpointRouteBuilder MapKeycloakProtocol(this IEndpointRouteBuilder app)
    {
        var protocol = app.MapGroup("/realms/{realm}/protocol/openid-connect");
        protocol.MapMethods("auth", GetAndPost, AuthorizeAsync);
        protocol.MapPost("token", ExchangeAsync);
        protocol.MapMethods("userinfo", GetAndPost, UserInfoAsync);
        protocol.MapMethods("logout", GetAndPost, LogoutAsync);
        return app;
    }

    public static string LoginUrl(HttpContext http, string realm, string? returnUrl = null, bool loggedOut = false)
    {
        var query = new QueryBuilder();
        if (returnUrl is not null)
        {
            query.Add("returnUrl", returnUrl);
        }

        if (loggedOut)
        {
            query.Add("loggedOut", "true");
        }

        return $"{http.Request.PathBase}/{IdentityServerSetup.Paths.Realm(realm)}/{IdentityServerSetup.Paths.Login}{query}";
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext http, string realm, RealmStore store)
    {
        var request = http.GetOpenIddictServerRequest();
        if (request is null || realm != store.Name)
        {
            return Results.NotFound();
        }

        var session = await http.AuthenticateAsync(IdentityServerSetup.SessionScheme);
        var user = session.Succeeded ? store.FindUserById(session.Principal.FindFirstValue(Claims.Subject)) : null;
        var forceLogin = request.HasPromptValue(PromptValues.Login);
        if (user is not { Enabled: true } || forceLogin)
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Error(Errors.LoginRequired, "The user must sign in.");
            }

            if (forceLogin)
            {
                await http.SignOutAsync(IdentityServerSetup.SessionScheme);
            }

            return Results.Redirect(LoginUrl(http, realm, ReturnUrlWithoutPromptLogin(http)));
        }

        var client = store.FindClient(request.ClientId)!;
        var authTime = session.Properties?.IssuedUtc ?? DateTimeOffset.UtcNow;
        return SignIn(KeycloakClaims.CreatePrincipal(user, client, KeycloakClaims.GrantedScopes(request.GetScopes()), authTime));
    }

    private static async Task<IResult> ExchangeAsync(HttpContext http, string realm, RealmStore store, RedeemedCodes redeemedCodes)
    {
        var request = http.GetOpenIddictServerRequest();
        if (request is null || realm != store.Name)
        {
            return Results.NotFound();
        }

        var client = store.FindClient(request.ClientId)!;
        if (request.IsPasswordGrantType())
        {
            var user = store.FindUserByLogin(request.Username);
            if (user is null || !user.PasswordMatches(request.Password))
            {
                return Error(Errors.InvalidGrant, "Invalid user credentials");
            }

            if (!user.Enabled)
            {
                return Error(Errors.InvalidGrant, "Account disabled");
            }

            if (user.HasTemporaryPassword)
            {
                return Error(Errors.InvalidGrant, "Account is not fully set up");
            }

            return SignIn(KeycloakClaims.CreatePrincipal(user, client, KeycloakClaims.GrantedScopes(request.GetScopes()), DateTimeOffset.UtcNow));
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            // OpenIddict has verified the code or refresh token (signature, expiry, client, PKCE); the user is
            // re-read from the realm so a user removed or disabled since then is refused.
            var previous = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
            var user = store.FindUserById(previous?.GetClaim(Claims.Subject));
            if (previous is null || user is not { Enabled: true })
            {
                return Error(Errors.InvalidGrant, request.IsRefreshTokenGrantType() ? "Invalid refresh token" : "Code not valid");
            }

            if (request.IsAuthorizationCodeGrantType() &&
                !redeemedCodes.TryRedeem(request.Code!, previous.GetExpirationDate() ?? DateTimeOffset.UtcNow.Add(store.AuthorizationCodeLifetime)))
            {
                return Error(Errors.InvalidGrant, "Code not valid");
            }

            var authTime = long.TryParse(previous.GetClaim(Claims.AuthenticationTime), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : DateTimeOffset.UtcNow;
            return SignIn(KeycloakClaims.CreatePrincipal(user, client, previous.GetScopes(), authTime));
        }

        return Error(Errors.UnsupportedGrantType, "Unsupported grant_type");
    }

    private static async Task<IResult> UserInfoAsync(HttpContext http, string realm, RealmStore store)
    {
        if (http.GetOpenIddictServerRequest() is null || realm != store.Name)
        {
            return Results.NotFound();
        }

        var principal = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
        var user = store.FindUserById(principal?.GetClaim(Claims.Subject));
        if (principal is null || user is not { Enabled: true })
        {
            return Results.Challenge(ErrorProperties(Errors.InvalidToken, "User not found or disabled"),
                [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var client = store.FindClient(principal.GetClaim(Claims.AuthorizedParty) ?? principal.GetPresenters().FirstOrDefault());
        return Results.Json(KeycloakClaims.UserInfo(user, client));
    }

    private static async Task<IResult> LogoutAsync(HttpContext http, string realm, RealmStore store)
    {
        if (http.GetOpenIddictServerRequest() is null || realm != store.Name)
        {
            return Results.NotFound();
        }

        await http.SignOutAsync(IdentityServerSetup.SessionScheme);

        // OpenIddict redirects to the validated post_logout_redirect_uri when there is one, else to RedirectUri.
        return Results.SignOut(
            new AuthenticationProperties { RedirectUri = LoginUrl(http, realm, loggedOut: true) },
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static IResult SignIn(ClaimsPrincipal principal) =>
        Results.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);

    private static IResult Error(string error, string description) =>
        Results.Forbid(ErrorProperties(error, description), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    private static AuthenticationProperties ErrorProperties(string error, string description) =>
        new(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        });

    // Back from the sign-in page the request must not ask for a fresh login again, or it would loop.
    private static string ReturnUrlWithoutPromptLogin(HttpContext http)
    {
        IEnumerable<KeyValuePair<string, StringValues>> parameters = http.Request.HasFormContentType
            ? http.Request.Form
            : http.Request.Query;
        var kept = parameters.Select(parameter =>
        {
            if (parameter.Key != Parameters.Prompt)
            {
                return parameter;
            }

            var remaining = parameter.Value.ToString()
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Where(value => value != PromptValues.Login);
            return new KeyValuePair<string, StringValues>(parameter.Key, string.Join(' ', remaining));
        }).Where(parameter => !StringValues.IsNullOrEmpty(parameter.Value));

        return $"{http.Request.PathBase}{http.Request.Path}{QueryString.Create(kept)}";
    }
}
