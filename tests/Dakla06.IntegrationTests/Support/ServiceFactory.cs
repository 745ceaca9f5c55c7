using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Dakla06.IntegrationTests.Support;

/// <summary>
/// Hosts one service in process against a real database and broker, validating tokens of the in-process
/// identity provider through real discovery and JWKS requests.
/// </summary>
public sealed class ServiceFactory<TEntryPoint>(
    IdentityProvider identity,
    IReadOnlyDictionary<string, string> connectionStrings,
    Action<IServiceCollection>? configureServices = null,
    IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<TEntryPoint>
    where TEntryPoint : class
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Identity:Authority", IdentityProvider.Authority);
        builder.UseSetting("DAKLA06_DISABLE_OTLP", "true");
        foreach (var (name, value) in connectionStrings)
        {
            builder.UseSetting($"ConnectionStrings:{name}", value);
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            // Configure (not PostConfigure) runs before JwtBearer builds its metadata client from this handler.
            services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
                options.BackchannelHttpHandler = identity.CreateHandler());
            configureServices?.Invoke(services);
        });
    }
}
