using System.Net.Http.Headers;
using Dakla06.Contracts.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Dakla06.ServiceDefaults.Http;

/// <summary>
/// Calls another service as the caller of the current request: the request's own bearer token goes on the call, so
/// only the caller's rights apply there (its scope, its roles, its masking), never the calling service's.
/// </summary>
public sealed class CallerTokenContext(IHttpContextAccessor accessor) : IApiCallContext
{
    public ValueTask PrepareAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var authorization = accessor.HttpContext?.Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(authorization) || !AuthenticationHeaderValue.TryParse(authorization, out var header))
        {
            throw new InvalidOperationException("A call on the caller's behalf needs a request with a bearer token.");
        }

        request.Headers.Authorization = header;
        return ValueTask.CompletedTask;
    }

    public ServiceApiException? Translate(Exception exception, string serviceName) =>
        exception is Polly.ExecutionRejectedException ? ServiceApiClient.Unreachable(serviceName, exception) : null;
}

public static class CallerApiClients
{
    /// <summary>
    /// A service's typed client (from Dakla06.Contracts.Http) at its Aspire service-discovery address, calling as the
    /// current request's caller (<see cref="CallerTokenContext"/>); its HTTP client is named after <typeparamref name="TClient"/>.
    /// </summary>
    public static IHttpClientBuilder AddCallerApiClient<TClient>(this IServiceCollection services, string serviceAddress)
        where TClient : ServiceApiClient
    {
        services.AddHttpContextAccessor();
        services.AddScoped<CallerTokenContext>();
        services.AddScoped(provider => ActivatorUtilities.CreateInstance<TClient>(provider,
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(typeof(TClient).Name), provider.GetRequiredService<CallerTokenContext>()));
        return services.AddHttpClient(typeof(TClient).Name, http => http.BaseAddress = new Uri(serviceAddress));
    }
}
