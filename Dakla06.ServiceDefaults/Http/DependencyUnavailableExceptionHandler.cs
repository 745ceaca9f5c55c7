using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Dakla06.ServiceDefaults.Http;

/// <summary>
/// Turns a request that failed because the database or the broker cannot be reached (server down, restarting,
/// connection cut) into a 503 ProblemDetails naming the dependency, with <c>Retry-After</c>, instead of a 500: the
/// caller's request was fine and will succeed once the dependency is back (connections are opened per request, so
/// nothing in the service has to restart). Any other failure is left to the default handler (500).
/// </summary>
internal sealed partial class DependencyUnavailableExceptionHandler(
    IProblemDetailsService problemDetails,
    ILogger<DependencyUnavailableExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>The wrappers restart a crashed server within seconds; a client should not hammer it meanwhile.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (UnavailableDependencies.Of(exception) is not { } dependency)
        {
            return false;
        }

        LogUnavailable(exception, dependency, httpContext.Request.Method, httpContext.Request.Path);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service unavailable",
                Detail = dependency == UnavailableDependencies.Database
                    ? "Cơ sở dữ liệu tạm thời không truy cập được; vui lòng thử lại sau ít phút."
                    : "Hệ thống truyền tin (RabbitMQ) tạm thời không truy cập được; vui lòng thử lại sau ít phút.",
                Extensions = { ["unavailable"] = dependency },
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Dependency} unavailable: {Method} {Path} answered 503")]
    private partial void LogUnavailable(Exception exception, string dependency, string method, string path);
}
