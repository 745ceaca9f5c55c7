using System.Text.Encodings.Web;
using System.Text.Unicode;
using Dakla06.Identity.Endpoints;
using Dakla06.Identity.Hosting;
using Dakla06.Identity.Realm;
using Dakla06.ServiceDefaults.Hosting;
using Microsoft.Extensions.WebEncoders;

var builder = WebApplication.CreateBuilder(args);
RequireDevelopment(builder.Environment);

builder.Services.AddDakla06IdentityServer();
// Replicas share the keys of the sign-in session and of the login form's antiforgery token (the AppHost sets the folder).
builder.AddSharedDataProtection("Dakla06.Identity");
builder.Services.AddRazorPages();

// Razor would otherwise write every Vietnamese letter as a numeric entity.
builder.Services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
builder.Services.AddHealthChecks();

var app = builder.Build();

// A test host can change the environment after Program.cs read builder.Environment: check again.
RequireDevelopment(app.Environment);

// Fail at start-up, not at the first sign-in, on a broken realm file or signing key.
_ = app.Services.GetRequiredService<RealmStore>();
_ = app.Services.GetRequiredService<IdentityKeys>();

app.UseAuthentication();
app.UseAuthorization();
app.MapRazorPages();
app.MapKeycloakProtocol();
app.MapHealthChecks("/health");
app.Run();

static void RequireDevelopment(IHostEnvironment environment)
{
    if (!environment.IsDevelopment())
    {
        throw new InvalidOperationException(
            $"Dakla06.Identity is a development identity provider (demo users, passwords in a file) and refuses to run in the " +
            $"'{environment.EnvironmentName}' environment. Use Keycloak with the same realm file outside Development.");
    }
}
