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
        services.AddHttpClient<TClient>(http => http.BaseAddress = new Uri(serviceAddress))
            .AddHttpMessageHandler<UserAccessTokenHandler>();
}
