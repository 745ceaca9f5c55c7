namespace Dakla06.Contracts.Http;

/// <summary>
/// Who a typed client calls for: adds the caller's credentials to each request and names the failures of its own
/// credential plumbing. The web app's implementation sends the signed-in user's session; tests set a bearer token on
/// the <see cref="HttpClient"/> and need none (<see cref="None"/>).
/// </summary>
public interface IApiCallContext
{
    /// <summary>The context of a client whose <see cref="HttpClient"/> already carries its credentials.</summary>
    static IApiCallContext None { get; } = new NoCallContext();

    ValueTask PrepareAsync(HttpRequestMessage request, CancellationToken cancellationToken);

    /// <summary>
    /// The API failure a sending exception of this context's own stands for (e.g. a session that ended, a resilience
    /// pipeline that refused); null for others. <paramref name="serviceName"/> is the service as users call it.
    /// </summary>
    ServiceApiException? Translate(Exception exception, string serviceName);

    private sealed class NoCallContext : IApiCallContext
    {
        public ValueTask PrepareAsync(HttpRequestMessage request, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ServiceApiException? Translate(Exception exception, string serviceName) => null;
    }
}
