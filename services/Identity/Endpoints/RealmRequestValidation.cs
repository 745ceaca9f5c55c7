using Dakla06.Identity.Realm;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Dakla06.Identity.Endpoints;

// OpenIddict runs without stores ("degraded mode"), so it cannot know the clients: these handlers do the
// client checks its store-backed handlers would otherwise do, against the realm file and with Keycloak's
// error texts. Token signatures, codes, PKCE verification and redirect_uri binding stay OpenIddict's job.

/// <summary>Authorization requests: known client, standard flow on, redirect URI allowed, PKCE as required.</summary>
public sealed class ValidateAuthorizationRequest(RealmStore realm) : IOpenIddictServerHandler<ValidateAuthorizationRequestContext>
{
    public ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
    {
        var client = realm.FindClient(context.ClientId);
        if (client is null)
        {
            context.Reject(Errors.InvalidClient, "Client not found.");
        }
        else if (!client.StandardFlowEnabled)
        {
            context.Reject(Errors.UnauthorizedClient, "Client is not allowed to initiate browser login with given response_type. Standard flow is disabled for the client.");
        }
        else if (!client.IsRedirectUriAllowed(context.RedirectUri))
        {
            context.Reject(Errors.InvalidRequest, "Invalid parameter: redirect_uri");
        }
        else if (client.RequiredCodeChallengeMethod is { } method && context.Request.HasResponseType(ResponseTypes.Code))
        {
            if (string.IsNullOrEmpty(context.Request.CodeChallenge))
            {
                context.Reject(Errors.InvalidRequest, "Missing parameter: code_challenge");
            }
            else if (!string.Equals(context.Request.CodeChallengeMethod ?? CodeChallengeMethods.Plain, method, StringComparison.Ordinal))
            {
                context.Reject(Errors.InvalidRequest, "Invalid parameter: code challenge method is not matching the configured one");
            }
        }

        return default;
    }
}

/// <summary>Token requests: client authentication and the grant types the realm enables per client.</summary>
public sealed class ValidateTokenRequest(RealmStore realm) : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        var request = context.Request;
        var client = realm.FindClient(request.ClientId);
        if (client is null)
        {
            context.Reject(Errors.InvalidClient, "Invalid client or Invalid client credentials");
            return default;
        }

        // Keycloak ignores a secret sent by a public client; a confidential one must present the right secret.
        if (client.IsConfidential && !client.SecretMatches(request.ClientSecret))
        {
            context.Reject(Errors.InvalidClient, "Invalid client or Invalid client credentials");
            return default;
        }

        if (request.IsPasswordGrantType() && !client.DirectAccessGrantsEnabled)
        {
            context.Reject(Errors.UnauthorizedClient, "Client not allowed for direct access grants");
        }
        else if (request.IsAuthorizationCodeGrantType() && !client.StandardFlowEnabled)
        {
            context.Reject(Errors.UnauthorizedClient, "Client not allowed to exchange code");
        }

        return default;
    }
}

/// <summary>
/// Logout requests: like Keycloak 18+, a post_logout_redirect_uri needs id_token_hint or client_id to name the
/// client, and must match that client's post-logout patterns ("+" = its redirect URIs).
/// </summary>
public sealed class ValidateEndSessionRequest(RealmStore realm) : IOpenIddictServerHandler<ValidateEndSessionRequestContext>
{
    public ValueTask HandleAsync(ValidateEndSessionRequestContext context)
    {
        if (string.IsNullOrEmpty(context.PostLogoutRedirectUri))
        {
            return default;
        }

        var clientId = context.ClientId
            ?? context.IdentityTokenHintPrincipal?.GetPresenters().FirstOrDefault()
            ?? context.IdentityTokenHintPrincipal?.GetAudiences().FirstOrDefault();
        if (clientId is null)
        {
            context.Reject(Errors.InvalidRequest, "Missing parameters: id_token_hint");
            return default;
        }

        var client = realm.FindClient(clientId);
        if (client is null)
        {
            context.Reject(Errors.InvalidRequest, "Invalid parameter: client_id");
        }
        else if (!client.IsPostLogoutRedirectUriAllowed(context.PostLogoutRedirectUri))
        {
            context.Reject(Errors.InvalidRequest, "Invalid redirect uri");
        }

        return default;
    }
}

/// <summary>Keycloak returns a refresh token with every user token response, not only for offline_access.</summary>
public sealed class AlwaysIssueRefreshToken : IOpenIddictServerHandler<ProcessSignInContext>
{
    public ValueTask HandleAsync(ProcessSignInContext context)
    {
        if (context.EndpointType is OpenIddictServerEndpointType.Token && !context.Request.IsClientCredentialsGrantType())
        {
            context.GenerateRefreshToken = true;
            context.IncludeRefreshToken = true;
        }

        return default;
    }
}
