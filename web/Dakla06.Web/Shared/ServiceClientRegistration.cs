using Dakla06.Contracts.Http;
using Dakla06.Web.Authentication;

namespace Dakla06.Web.Shared;

public static class ServiceClientRegistration
{
    /// <summary>
    /// A service's typed client (from Dakla06.Contracts.Http) at its Aspire service-discovery address, calling as the
    /// signed-in user (<see cref="UserSessionCallContext"/> names the session, <see cref="UserAccessTokenHandler"/> adds
    /// the access token).
    /// </summary>
    public static IHttpClientBuilder AddServiceClient<TClient>(this IServiceCollection services, string serviceAddress)
        where TClient : ServiceApiClient =>
        services.AddHttpClient<TClient>(typeof(TClient).Name, http => http.BaseAddress = new Uri(serviceAddress))
            .AddHttpMessageHandler<UserAccessTokenHandler>();

    /// <summary>
    /// A service's typed client for a plain HTTP request's user (a download endpoint, outside any circuit), whose
    /// session key the caller read from the request's cookie.
    /// </summary>
    public static TClient ClientForSession<TClient>(this IServiceProvider services, string sessionKey)
        where TClient : ServiceApiClient =>
        ActivatorUtilities.CreateInstance<TClient>(services,
            services.GetRequiredService<IHttpClientFactory>().CreateClient(typeof(TClient).Name), UserSessionCallContext.ForSession(sessionKey));
}
