using Dakla06.Identity.Hosting;
using Dakla06.Identity.Realm;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Dakla06.Identity.Endpoints;

public static class IdentityServerSetup
{
    /// <summary>The provider's own browser session (Keycloak's KEYCLOAK_IDENTITY cookie).</summary>
    public const string SessionScheme = "Dakla06.Identity.Session";

    /// <summary>Keycloak's URL layout below the issuer.</summary>
    public static class Paths
    {
        public static string Realm(string realm) => $"realms/{Uri.EscapeDataString(realm)}";

        public const string Discovery = ".well-known/openid-configuration";
        public const string Authorization = "protocol/openid-connect/auth";
        public const string Token = "protocol/openid-connect/token";
        public const string Keys = "protocol/openid-connect/certs";
        public const string UserInfo = "protocol/openid-connect/userinfo";
        public const string Logout = "protocol/openid-connect/logout";
        public const string Login = "login-actions/authenticate";
    }

    public static IServiceCollection AddDakla06IdentityServer(this IServiceCollection services)
    {
        // Everything that depends on configuration is resolved lazily, from options, so that settings a test
        // host adds after Program.cs has read builder.Configuration (WebApplicationFactory) still apply.
        services.AddOptions<IdentitySettings>().BindConfiguration(IdentitySettings.SectionName);
        services.AddSingleton(sp => RealmStore.Load(sp.GetRequiredService<IOptions<IdentitySettings>>().Value
            .ResolveRealmFile(sp.GetRequiredService<IHostEnvironment>().ContentRootPath)));
        services.AddSingleton<IdentityKeys>();
        services.AddSingleton<RedeemedCodes>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddAuthentication(SessionScheme).AddCookie(SessionScheme);
        services.AddOptions<CookieAuthenticationOptions>(SessionScheme).Configure<RealmStore>((cookie, realm) =>
        {
            // Scoped to the realm's path and uniquely named: a web app on another localhost port shares cookies.
            cookie.Cookie.Name = "DAKLA06_IDP_SESSION";
            cookie.Cookie.Path = "/" + Paths.Realm(realm.Name) + "/";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.ExpireTimeSpan = realm.SessionIdleTimeout;
            cookie.SlidingExpiration = true;
            cookie.LoginPath = "/" + Paths.Realm(realm.Name) + "/" + Paths.Login;
        });

        services.AddOpenIddict().AddServer(server =>
        {
            // No OpenIddict stores: clients and users come from the realm file, checked by the handlers below.
            server.EnableDegradedMode();
            server.AllowAuthorizationCodeFlow().AllowPasswordFlow().AllowRefreshTokenFlow();
            server.RegisterScopes(KeycloakClaims.SupportedScopes);
            server.RegisterClaims(
                Claims.Subject, Claims.Issuer, Claims.Audience, Claims.ExpiresAt, Claims.IssuedAt, Claims.AuthenticationTime,
                Claims.AuthorizedParty, Claims.PreferredUsername, Claims.Name, Claims.GivenName, Claims.FamilyName,
                Claims.Email, Claims.EmailVerified, KeycloakClaims.RealmAccess);

            // Client assertions (private_key_jwt) would need per-client keys the realm file does not carry.
            server.Configure(options =>
            {
                options.ClientAuthenticationMethods.Remove(ClientAuthenticationMethods.PrivateKeyJwt);
                options.ClientAssertionTypes.Clear();
            });

            // APIs validate plain RS256 JWTs from the JWKS, as they would Keycloak's.
            server.DisableAccessTokenEncryption();

            server.UseAspNetCore()
                .EnableAuthorizationEndpointPassthrough()
                .EnableTokenEndpointPassthrough()
                .EnableUserInfoEndpointPassthrough()
                .EnableEndSessionEndpointPassthrough()
                .DisableTransportSecurityRequirement();

            // Order 0 puts these after OpenIddict's own parameter checks, so ClientId and RedirectUri are set.
            server.AddEventHandler<ValidateAuthorizationRequestContext>(handler =>
                handler.UseSingletonHandler<ValidateAuthorizationRequest>().SetOrder(0));
            server.AddEventHandler<ValidateEndSessionRequestContext>(handler =>
                handler.UseSingletonHandler<ValidateEndSessionRequest>().SetOrder(0));

            // The client is authenticated before the code or refresh token is looked at, as Keycloak does.
            server.AddEventHandler<ValidateTokenRequestContext>(handler =>
                handler.UseSingletonHandler<ValidateTokenRequest>()
                    .SetOrder(OpenIddictServerHandlers.Exchange.ValidateAuthentication.Descriptor.Order - 1));
            server.AddEventHandler<ProcessSignInContext>(handler =>
                handler.UseSingletonHandler<AlwaysIssueRefreshToken>()
                    .SetOrder(OpenIddictServerHandlers.EvaluateGeneratedTokens.Descriptor.Order + 1));
        });

        services.AddOptions<OpenIddictServerOptions>()
            .Configure<RealmStore, IdentityKeys, IOptions<IdentitySettings>, IConfiguration>(
                (options, realm, keys, settings, configuration) =>
                {
                    var publicUrl = settings.Value.ResolvePublicUrl(configuration);
                    var realmPath = Paths.Realm(realm.Name);
                    options.Issuer = new Uri(publicUrl.AbsoluteUri.TrimEnd('/') + "/" + realmPath);

                    // Replace OpenIddict's root-level defaults: Keycloak serves everything under /realms/{realm}.
                    options.ConfigurationEndpointUris.Clear();
                    options.JsonWebKeySetEndpointUris.Clear();
                    options.ConfigurationEndpointUris.Add(Relative(realmPath, Paths.Discovery));
                    options.AuthorizationEndpointUris.Add(Relative(realmPath, Paths.Authorization));
                    options.TokenEndpointUris.Add(Relative(realmPath, Paths.Token));
                    options.JsonWebKeySetEndpointUris.Add(Relative(realmPath, Paths.Keys));
                    options.UserInfoEndpointUris.Add(Relative(realmPath, Paths.UserInfo));
                    options.EndSessionEndpointUris.Add(Relative(realmPath, Paths.Logout));

                    options.AccessTokenLifetime = realm.AccessTokenLifetime;
                    options.IdentityTokenLifetime = realm.AccessTokenLifetime;
                    options.AuthorizationCodeLifetime = realm.AuthorizationCodeLifetime;
                    options.RefreshTokenLifetime = realm.SessionIdleTimeout;

                    options.SigningCredentials.Add(new SigningCredentials(keys.SigningKey, SecurityAlgorithms.RsaSha256));
                    options.EncryptionCredentials.Add(new EncryptingCredentials(
                        keys.EncryptionKey, SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));

                    foreach (var mapper in realm.Representation.Clients.SelectMany(c => c.ProtocolMappers))
                    {
                        if (mapper.Config.TryGetValue("claim.name", out var claim) && !claim.Contains('.', StringComparison.Ordinal))
                        {
                            options.Claims.Add(claim);
                        }
                    }
                });

        return services;
    }

    private static Uri Relative(string realmPath, string path) => new(realmPath + "/" + path, UriKind.Relative);
}
