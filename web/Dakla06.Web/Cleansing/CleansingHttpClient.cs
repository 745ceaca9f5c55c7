using Microsoft.Extensions.Http.Resilience;

namespace Dakla06.Web.Cleansing;

/// <summary>The cleansing client's differences from the standard resilience defaults.</summary>
public static class CleansingHttpClient
{
    /// <summary>
    /// A batch file streams from the browser through the circuit to the API, and results stream back: both take
    /// longer than the defaults' 10 s per attempt. A POST is never retried — a retried upload would queue a second
    /// batch, and the browser's stream cannot be read twice anyway.
    /// </summary>
    public static IHttpClientBuilder WithCleansingTimeouts(this IHttpClientBuilder builder)
    {
        builder.Services.Configure<HttpStandardResilienceOptions>($"{builder.Name}-standard", options =>
        {
            options.AttemptTimeout.Timeout = TimeSpan.FromMinutes(10);
            options.TotalRequestTimeout.Timeout = TimeSpan.FromMinutes(15);
            // The options validation wants the breaker's window at least twice an attempt.
            options.CircuitBreaker.SamplingDuration = TimeSpan.FromMinutes(20);
            options.Retry.DisableForUnsafeHttpMethods();
        });
        return builder;
    }
}
