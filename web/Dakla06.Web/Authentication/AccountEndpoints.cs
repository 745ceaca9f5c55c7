using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dakla06.Web.Authentication;

/// <summary>Sign-in and sign-out as plain HTTP endpoints: both must set cookies, which a circuit cannot.</summary>
public static class AccountEndpoints
{
    public static IEndpointConventionBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(string.Empty).ExcludeFromDescription();

        group.MapGet(WebAuthentication.SignInPath, (string? returnUrl) =>
                TypedResults.Challenge(new AuthenticationProperties { RedirectUri = LocalUrlOrHome(returnUrl) }))
            .AllowAnonymous();

        // POST with an antiforgery token, so another site cannot sign the user out.
        group.MapPost(WebAuthentication.SignOutPath, Results<SignOutHttpResult, ProblemHttpResult> (HttpContext context, UserTokenService tokens) =>
            {
                // The antiforgery middleware only records its verdict; an endpoint that binds no form must check it.
                if (context.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Yêu cầu đăng xuất không hợp lệ.");
                }

                if (context.User.FindFirst(WebClaims.SessionKey)?.Value is { } sessionKey)
                {
                    // Open circuits of this session notice at their next revalidation and leave too.
                    tokens.EndSession(sessionKey);
                }

                // The OpenID Connect sign-out redirects to the provider's end-session endpoint with the id token hint.
                return TypedResults.SignOut(
                    new AuthenticationProperties { RedirectUri = WebAuthentication.SignedOutPath },
                    [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]);
            })
            .WithMetadata(new RequireAntiforgeryTokenAttribute());

        return group;
    }

    private static string LocalUrlOrHome(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && Uri.TryCreate(returnUrl, UriKind.Relative, out _) && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? (returnUrl.StartsWith('/') ? returnUrl : "/" + returnUrl)
            : "/";
}
