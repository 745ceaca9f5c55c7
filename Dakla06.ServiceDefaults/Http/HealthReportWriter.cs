using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dakla06.ServiceDefaults.Http;

/// <summary>
/// The body of <c>/health</c>: the overall status and each check's status and description, e.g.
/// <c>{"status":"Unhealthy","checks":{"PostgreSql_directivesdb":{"status":"Unhealthy","description":"Failed to connect …"}}}</c>,
/// so that "which dependency is down" is answered by the endpoint itself (the status code stays 200/503).
/// </summary>
public static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new { status = entry.Value.Status.ToString(), description = entry.Value.Description ?? entry.Value.Exception?.Message }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted);
    }
}
