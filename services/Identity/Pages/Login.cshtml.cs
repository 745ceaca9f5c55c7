using System.Security.Claims;
using Dakla06.Identity.Endpoints;
using Dakla06.Identity.Realm;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Dakla06.Identity.Pages;

/// <summary>The provider's sign-in page: checks the realm user's password and opens the provider session.</summary>
public sealed class LoginModel(RealmStore store) : PageModel
{
    public const string InvalidCredentials = "Tên đăng nhập hoặc mật khẩu không đúng";

    [BindProperty]
    public string? Username { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool LoggedOut { get; set; }

    public string? ErrorMessage { get; private set; }

    public string? SignedInAs { get; private set; }

    public RealmStore Realm => store;

    public async Task<IActionResult> OnGetAsync(string realm)
    {
        if (realm != store.Name)
        {
            return NotFound();
        }

        ReturnUrl = SafeReturnUrl(ReturnUrl);
        Username = LoginHint(ReturnUrl);
        var session = await HttpContext.AuthenticateAsync(IdentityServerSetup.SessionScheme);
        SignedInAs = session.Succeeded ? session.Principal.FindFirstValue(Claims.PreferredUsername) : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string realm)
    {
        if (realm != store.Name)
        {
            return NotFound();
        }

        ReturnUrl = SafeReturnUrl(ReturnUrl);
        var user = store.FindUserByLogin(Username);
        if (user is null || !user.PasswordMatches(Password))
        {
            ErrorMessage = InvalidCredentials;
            return Page();
        }

        if (!user.Enabled)
        {
            ErrorMessage = "Tài khoản đã bị vô hiệu hóa, vui lòng liên hệ quản trị viên.";
            return Page();
        }

        // Keycloak would force a password change here; the development provider has no such page.
        if (user.HasTemporaryPassword)
        {
            ErrorMessage = "Tài khoản chưa được thiết lập đầy đủ (mật khẩu tạm thời).";
            return Page();
        }

        var identity = new ClaimsIdentity(IdentityServerSetup.SessionScheme, Claims.PreferredUsername, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, user.Id));
        identity.AddClaim(new Claim(Claims.PreferredUsername, user.Username));
        await HttpContext.SignInAsync(IdentityServerSetup.SessionScheme, new ClaimsPrincipal(identity),
            new AuthenticationProperties { IssuedUtc = DateTimeOffset.UtcNow });

        return ReturnUrl is not null ? LocalRedirect(ReturnUrl) : RedirectToPage();
    }

    // Only the realm's own authorization endpoint is a valid target: anything else would be an open redirect.
    private string? SafeReturnUrl(string? returnUrl)
    {
        var authorization = $"{Request.PathBase}/{IdentityServerSetup.Paths.Realm(store.Name)}/{IdentityServerSetup.Paths.Authorization}";
        return returnUrl is not null && Url.IsLocalUrl(returnUrl) &&
               (returnUrl == authorization || returnUrl.StartsWith(authorization + "?", StringComparison.Ordinal))
            ? returnUrl
            : null;
    }

    private string? LoginHint(string? returnUrl)
    {
        var index = returnUrl?.IndexOf('?', StringComparison.Ordinal) ?? -1;
        if (Username is not null || index < 0)
        {
            return Username;
        }

        return QueryHelpers.ParseQuery(returnUrl![index..]).TryGetValue(Parameters.LoginHint, out var hint) ? hint.ToString() : null;
    }
}
