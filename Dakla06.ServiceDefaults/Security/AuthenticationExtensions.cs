using Dakla06.Contracts.AdminUnits;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;
using System.Security.Claims;

namespace Dakla06.ServiceDefaults.Security;

/// <summary>Keycloak JWT bearer authentication and unit-scoped authorization for the APIs.</summary>
public static class AuthenticationExtensions
{
    /// <summary>The audience Keycloak's audience mapper adds to every access token meant for our APIs.</summary>
    public const string ApiAudience = "dakla06-api";

    /// <summary>The realm URL, e.g. <c>http://localhost:5090/realms/dakla06</c>.</summary>
    public const string AuthorityKey = "Identity:Authority";

    /// <summary>
    /// Validates issuer, audience, lifetime and signature of Keycloak access tokens, maps realm roles to role claims
    /// and makes every endpoint require a caller whose unit is known and consistent with their level role.
    /// Endpoints get the caller by taking a <see cref="Caller"/> parameter.
    /// </summary>
    public static TBuilder AddKeycloakAuthentication<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var authority = builder.Configuration[AuthorityKey];
        if (string.IsNullOrWhiteSpace(authority))
        {
            throw new InvalidOperationException(
                $"Configuration '{AuthorityKey}' (environment Identity__Authority) is missing: set it to the Keycloak realm URL, e.g. http://localhost:5090/realms/dakla06.");
        }

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.Authority = authority;
                options.Audience = ApiAudience;
                options.RequireHttpsMetadata = authority.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
                // Keep Keycloak's claim names (sub, preferred_username, realm_access) instead of WS-* URIs.
                options.MapInboundClaims = false;
                options.TokenValidationParameters.ValidateIssuer = true;
                options.TokenValidationParameters.ValidIssuer = authority.TrimEnd('/');
                options.TokenValidationParameters.ValidateAudience = true;
                options.TokenValidationParameters.ValidateLifetime = true;
                options.TokenValidationParameters.ValidateIssuerSigningKey = true;
                // Only what the realm signs with: no unsigned "alg: none", no HMAC keyed with the public RSA key.
                options.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.RsaSha256];
                options.TokenValidationParameters.RequireSignedTokens = true;
                options.TokenValidationParameters.RequireExpirationTime = true;
                options.TokenValidationParameters.RequireAudience = true;
                // Clocks of the realm and the services agree closely; the library's default of 5 minutes is too lenient.
                options.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(30);
                options.TokenValidationParameters.NameClaimType = KeycloakClaims.PreferredUsername;
                options.TokenValidationParameters.RoleClaimType = KeycloakClaims.Role;
                options.Events = new JwtBearerEvents
                {
                    OnTokenValidated = context =>
                    {
                        if (context.Principal?.Identity is ClaimsIdentity identity)
                        {
                            KeycloakClaims.AddRealmRoles(identity);
                        }

                        return Task.CompletedTask;
                    },
                };
            });

        builder.Services.AddSingleton(AdminUnitDirectory.Default);
        builder.Services.AddSingleton<IAuthorizationHandler, KnownUnitHandler>();
        builder.Services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new AuthorizationPolicyBuilder(JwtBearerDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .AddRequirements(new KnownUnitRequirement())
                .Build())
            // Endpoints are closed unless they say otherwise (health endpoints opt out with AllowAnonymous).
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(JwtBearerDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .AddRequirements(new KnownUnitRequirement())
                .Build());

        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped(services =>
        {
            var http = services.GetRequiredService<IHttpContextAccessor>().HttpContext
                ?? throw new InvalidOperationException("A Caller exists only inside an HTTP request.");
            var (caller, problem) = RequestCaller.Resolve(http, services.GetRequiredService<AdminUnitDirectory>());
            return caller ?? throw new InvalidOperationException($"The caller is not authorised: {problem}");
        });

        return builder;
    }

    /// <summary>Requires a capability role on top of the default policy (403 without it).</summary>
    public static TBuilder RequireRole<TBuilder>(this TBuilder endpoint, string role)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(policy => policy
            .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .AddRequirements(new KnownUnitRequirement())
            .RequireRole(role));
}

/// <summary>The token's unit must exist and agree with its single level role; otherwise 403.</summary>
public sealed class KnownUnitRequirement : IAuthorizationRequirement;

internal sealed class KnownUnitHandler(AdminUnitDirectory units) : AuthorizationHandler<KnownUnitRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, KnownUnitRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            return Task.CompletedTask;
        }

        // Under endpoint routing the resource is the request: the caller resolved here is the one the endpoint gets.
        Caller? caller;
        string? problem;
        if (context.Resource is HttpContext http)
        {
            (caller, problem) = RequestCaller.Resolve(http, units);
        }
        else
        {
            Caller.TryCreate(context.User, units, out caller, out problem);
        }

        if (caller is not null)
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new AuthorizationFailureReason(this, problem ?? "Inconsistent unit."));
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// The request's <see cref="Caller"/>, resolved from its principal once: the authorization handler and the endpoint's
/// <see cref="Caller"/> parameter both need it; building it (claims, roles, unit) twice per request is work on the path
/// every request takes (<c>./dakla06 bench api</c>). Kept as a request feature, tied to the principal it was built from.
/// </summary>
internal static class RequestCaller
{
    public static (Caller? Caller, string? Problem) Resolve(HttpContext http, AdminUnitDirectory units)
    {
        if (http.Features.Get<Resolved>() is { } resolved && ReferenceEquals(resolved.Principal, http.User))
        {
            return (resolved.Caller, resolved.Problem);
        }

        Caller.TryCreate(http.User, units, out var caller, out var problem);
        http.Features.Set(new Resolved(http.User, caller, problem));
        return (caller, problem);
    }

    private sealed record Resolved(ClaimsPrincipal Principal, Caller? Caller, string? Problem);
}
