using System.Net;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Dakla06.Web.Authentication;

/// <summary>How a request for a session's tokens ended.</summary>
public enum TokenStatus
{
    /// <summary>The access token is valid for at least the refresh margin.</summary>
    Valid,

    /// <summary>The session is over (signed out, refresh token rejected): the user must sign in again.</summary>
    SessionEnded,

    /// <summary>The token had to be refreshed but the identity provider could not be reached; try again later.</summary>
    ProviderUnavailable,
}

public readonly record struct TokenResult(TokenStatus Status, UserTokens? Tokens)
{
    public static TokenResult Valid(UserTokens tokens) => new(TokenStatus.Valid, tokens);

    public static TokenResult SessionEnded { get; } = new(TokenStatus.SessionEnded, null);

    public static TokenResult ProviderUnavailable { get; } = new(TokenStatus.ProviderUnavailable, null);
}

/// <summary>
/// Hands out a session's access token, refreshing it with the refresh token shortly before it expires (Keycloak
/// issues 15-minute access tokens; the refresh keeps a user who works for hours signed in while the provider's
/// session lives). Used both by HTTP requests (cookie validation) and by circuits (API calls).
/// </summary>
public sealed partial class UserTokenService(
    UserTokenStore store,
    IOptionsMonitor<OpenIdConnectOptions> oidcOptions,
    TimeProvider time,
    ILogger<UserTokenService> logger)
{
    /// <summary>Refresh this long before expiry, so a token never expires between handing it out and its use.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(2);

    // One refresh per session at a time: parallel requests must not spend the same refresh token twice (providers
    // that rotate refresh tokens revoke the whole session when one is reused). Striped to keep memory bounded.
    private readonly SemaphoreSlim[] _refreshLocks = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <summary>
    /// Current tokens of the session. <paramref name="fromCookie"/> (on HTTP requests) seeds the store or loses to
    /// newer tokens a circuit refreshed meanwhile; circuits pass null and rely on the store.
    /// </summary>
    public async Task<TokenResult> GetTokensAsync(string sessionKey, UserTokens? fromCookie, CancellationToken cancellationToken)
    {
        var current = Sync(sessionKey, fromCookie);
        if (current is null)
        {
            return TokenResult.SessionEnded;
        }

        if (!current.ExpiresWithin(RefreshMargin, time.GetUtcNow()))
        {
            return TokenResult.Valid(current);
        }

        var gate = _refreshLocks[(uint)StringComparer.Ordinal.GetHashCode(sessionKey) % (uint)_refreshLocks.Length];
        await gate.WaitAsync(cancellationToken);
        try
        {
            // Another request of the same session may have refreshed while this one waited.
            current = store.Get(sessionKey) ?? current;
            if (!current.ExpiresWithin(RefreshMargin, time.GetUtcNow()))
            {
                return TokenResult.Valid(current);
            }

            return await RefreshAsync(sessionKey, current, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>True while the session has tokens in this process (false after sign-out or a rejected refresh).</summary>
    public bool IsActive(string sessionKey) => store.Get(sessionKey) is not null;

    public void EndSession(string sessionKey) => store.Remove(sessionKey);

    private UserTokens? Sync(string sessionKey, UserTokens? fromCookie)
    {
        var stored = store.Get(sessionKey);
        if (fromCookie is not null && (stored is null || fromCookie.ExpiresAt > stored.ExpiresAt))
        {
            store.Set(sessionKey, fromCookie);
            return fromCookie;
        }

        return stored;
    }

    private async Task<TokenResult> RefreshAsync(string sessionKey, UserTokens current, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(current.RefreshToken))
        {
            LogNoRefreshToken();
            store.Remove(sessionKey);
            return TokenResult.SessionEnded;
        }

        var options = oidcOptions.Get(OpenIdConnectDefaults.AuthenticationScheme);
        try
        {
            var configuration = await options.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Post, configuration.TokenEndpoint)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = OpenIdConnectGrantTypes.RefreshToken,
                    ["refresh_token"] = current.RefreshToken,
                    ["client_id"] = options.ClientId!,
                    ["client_secret"] = options.ClientSecret!,
                }),
            };

            // The handler's own backchannel: no retries, so a refresh token is never sent twice.
            using var response = await options.Backchannel.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized)
            {
                // invalid_grant: the provider's session ended (idle or maximum lifetime, sign-out elsewhere).
                LogRefreshRejected((int)response.StatusCode, ErrorCode(body));
                store.Remove(sessionKey);
                return TokenResult.SessionEnded;
            }

            if (!response.IsSuccessStatusCode)
            {
                LogProviderFailed((int)response.StatusCode);
                return StillUsableOrUnavailable(current);
            }

            var message = new OpenIdConnectMessage(body);
            if (string.IsNullOrEmpty(message.AccessToken)
                || !int.TryParse(message.ExpiresIn, System.Globalization.CultureInfo.InvariantCulture, out var expiresIn))
            {
                LogProviderFailed((int)response.StatusCode);
                return StillUsableOrUnavailable(current);
            }

            // The id token is only kept as the hint for sign-out; the principal's claims stay those of sign-in.
            // It comes straight from the token endpoint over the authenticated back channel (OIDC Core 3.1.3.7).
            var refreshed = new UserTokens(
                message.AccessToken,
                string.IsNullOrEmpty(message.RefreshToken) ? current.RefreshToken : message.RefreshToken,
                string.IsNullOrEmpty(message.IdToken) ? current.IdToken : message.IdToken,
                time.GetUtcNow().AddSeconds(expiresIn));
            store.Set(sessionKey, refreshed);
            LogRefreshed(refreshed.ExpiresAt);
            return TokenResult.Valid(refreshed);
        }
        catch (Exception exception) when (exception is HttpRequestException or InvalidOperationException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogProviderUnreachable(exception);
            return StillUsableOrUnavailable(current);
        }
    }

    private TokenResult StillUsableOrUnavailable(UserTokens current) =>
        current.ExpiresAt > time.GetUtcNow() ? TokenResult.Valid(current) : TokenResult.ProviderUnavailable;

    private static string? ErrorCode(string body)
    {
        try
        {
            return new OpenIdConnectMessage(body).Error;
        }
        catch (Exception)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Access token refreshed; it expires at {ExpiresAt:o}.")]
    private partial void LogRefreshed(DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "The identity provider refused the refresh token ({Status} {Error}); the user must sign in again.")]
    private partial void LogRefreshRejected(int status, string? error);

    [LoggerMessage(Level = LogLevel.Information, Message = "The session has no refresh token; the user must sign in again.")]
    private partial void LogNoRefreshToken();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing an access token failed with status {Status}.")]
    private partial void LogProviderFailed(int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The identity provider could not be reached to refresh an access token.")]
    private partial void LogProviderUnreachable(Exception exception);
}
