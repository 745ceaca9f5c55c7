using System.Security.Claims;
using Dakla06.ServiceDefaults.Hosting;
using Dakla06.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Dakla06.Web.Authentication;

/// <summary>Sign-in with Keycloak (authorization code + PKCE) into a cookie session that keeps its tokens fresh.</summary>
public static class WebAuthentication
{
    public const string ClientId = "dakla06-web";

    /// <summary>Secret of the confidential client <see cref="ClientId"/> in the realm.</summary>
    public const string ClientSecretKey = "Identity:ClientSecret";

    /// <summary>Optional extra scopes, space separated (e.g. <c>offline_access</c> for providers that want it for refresh tokens).</summary>
    public const string ExtraScopesKey = "Identity:Scopes";

    public const string SignInPath = "/tai-khoan/dang-nhap";
    public const string SignOutPath = "/tai-khoan/dang-xuat";
    public const string SignedOutPath = "/tai-khoan/da-dang-xuat";
    public const string SignInFailedPath = "/tai-khoan/dang-nhap-khong-thanh-cong";
    public const string AccessDeniedPath = "/khong-co-quyen";

    public static WebApplicationBuilder AddWebAuthentication(this WebApplicationBuilder builder)
    {
        var authority = RequiredSetting(builder.Configuration, AuthenticationExtensions.AuthorityKey,
            "the Keycloak realm URL, e.g. http://localhost:5090/realms/dakla06");
        var clientSecret = RequiredSetting(builder.Configuration, ClientSecretKey,
            $"the secret of the client '{ClientId}' in the realm");
        var extraScopes = (builder.Configuration[ExtraScopesKey] ?? string.Empty)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var isHttpAuthority = authority.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

        var services = builder.Services;
        // Replicas must read each other's sign-in cookies and OIDC correlation state: share the keys that protect them.
        builder.AddSharedDataProtection("Dakla06.Web");

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(options =>
            {
                options.Cookie.Name = "dakla06.web";
                // A working day; the provider's session (refresh token) usually ends it earlier.
                options.ExpireTimeSpan = TimeSpan.FromHours(10);
                options.SlidingExpiration = true;
                options.AccessDeniedPath = AccessDeniedPath;
                options.EventsType = typeof(TokenCookieEvents);
            })
            .AddOpenIdConnect(options =>
            {
                options.Authority = authority;
                options.RequireHttpsMetadata = !isHttpAuthority;
                options.ClientId = ClientId;
                options.ClientSecret = clientSecret;
                options.ResponseType = OpenIdConnectResponseType.Code;
                options.UsePkce = true;
                // The code comes back on a top-level GET, so the correlation and nonce cookies can be SameSite=Lax
                // and work over plain http in development (SameSite=None cookies must be Secure).
                options.ResponseMode = OpenIdConnectResponseMode.Query;
                options.CorrelationCookie.SameSite = SameSiteMode.Lax;
                options.NonceCookie.SameSite = SameSiteMode.Lax;
                if (isHttpAuthority)
                {
                    options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                    options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                }

                options.Scope.Clear();
                options.Scope.Add(OpenIdConnectScope.OpenId);
                options.Scope.Add("profile");
                foreach (var scope in extraScopes)
                {
                    options.Scope.Add(scope);
                }

                // Keep Keycloak's claim names; the realm puts name, admin_unit and realm_access in the id token.
                options.MapInboundClaims = false;
                options.GetClaimsFromUserInfoEndpoint = false;
                options.TokenValidationParameters.NameClaimType = KeycloakClaims.Name;
                options.TokenValidationParameters.RoleClaimType = KeycloakClaims.Role;
                options.SaveTokens = true;
                options.SignedOutRedirectUri = SignedOutPath;
                options.Events.OnTokenValidated = context =>
                {
                    if (context.Principal?.Identity is ClaimsIdentity identity)
                    {
                        KeycloakClaims.AddRealmRoles(identity);
                        identity.AddClaim(new Claim(WebClaims.SessionKey, Guid.NewGuid().ToString("N")));
                    }

                    return Task.CompletedTask;
                };
                // A failed callback (back button, expired or replayed login, provider error) would otherwise be a
                // 500: the handler has logged it, the user gets a page that offers to sign in again.
                options.Events.OnRemoteFailure = context =>
                {
                    context.Response.Redirect(SignInFailedPath);
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });

        // Every page and endpoint needs a signed-in user unless it says [AllowAnonymous].
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, SessionRevalidatingAuthenticationStateProvider>();
        services.AddSingleton<UserTokenStore>();
        services.AddSingleton<UserTokenService>();
        services.AddSingleton<TokenCookieEvents>();
        services.AddTransient<UserAccessTokenHandler>();
        return builder;
    }

    private static string RequiredSetting(IConfiguration configuration, string key, string what)
    {
        var value = configuration[key];
        return string.IsNullOrWhiteSpace(value)
            ? throw new InvalidOperationException(
                $"Configuration '{key}' (environment {key.Replace(":", "__", StringComparison.Ordinal)}) is missing: set it to {what}.")
            : value;
    }
}
