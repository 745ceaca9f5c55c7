using System.Globalization;
using Microsoft.AspNetCore.Authentication;

namespace Dakla06.Web.Authentication;

/// <summary>The tokens of one signed-in session, as saved in the cookie by the OpenID Connect handler.</summary>
public sealed record UserTokens(string AccessToken, string? RefreshToken, string? IdToken, DateTimeOffset ExpiresAt)
{
    private const string AccessTokenName = "access_token";
    private const string RefreshTokenName = "refresh_token";
    private const string IdTokenName = "id_token";
    private const string ExpiresAtName = "expires_at";

    public bool ExpiresWithin(TimeSpan margin, DateTimeOffset now) => ExpiresAt - now <= margin;

    /// <summary>Reads what <c>SaveTokens</c> stored; null when the cookie carries no usable access token.</summary>
    public static UserTokens? FromProperties(AuthenticationProperties properties)
    {
        var accessToken = properties.GetTokenValue(AccessTokenName);
        var expiresAt = properties.GetTokenValue(ExpiresAtName);
        if (string.IsNullOrEmpty(accessToken)
            || !DateTimeOffset.TryParse(expiresAt, CultureInfo.InvariantCulture, DateTimeStyles.None, out var expires))
        {
            return null;
        }

        return new UserTokens(accessToken, properties.GetTokenValue(RefreshTokenName), properties.GetTokenValue(IdTokenName), expires);
    }

    /// <summary>Writes the tokens back the way <c>SaveTokens</c> does, so sign-out still finds the id token.</summary>
    public void StoreIn(AuthenticationProperties properties)
    {
        List<AuthenticationToken> tokens =
        [
            new() { Name = AccessTokenName, Value = AccessToken },
            new() { Name = "token_type", Value = "Bearer" },
            new() { Name = ExpiresAtName, Value = ExpiresAt.ToString("o", CultureInfo.InvariantCulture) },
        ];
        if (RefreshToken is not null)
        {
            tokens.Add(new() { Name = RefreshTokenName, Value = RefreshToken });
        }

        if (IdToken is not null)
        {
            tokens.Add(new() { Name = IdTokenName, Value = IdToken });
        }

        properties.StoreTokens(tokens);
    }

    // Records print every property; tokens must never reach a log.
    public override string ToString() => $"UserTokens {{ ExpiresAt = {ExpiresAt:o} }}";
}
