namespace Dakla06.Web.Authentication;

/// <summary>Claims the web app adds to the signed-in principal on top of the identity provider's.</summary>
public static class WebClaims
{
    /// <summary>
    /// A random key per sign-in that names the session's tokens in <see cref="UserTokenStore"/>. Inside a Blazor
    /// circuit the principal is all there is (no HttpContext, no cookie), so the tokens are found through it.
    /// </summary>
    public const string SessionKey = "dakla06_session";
}
