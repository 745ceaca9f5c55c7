using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Dakla06.ServiceDefaults.Http;

/// <summary>
/// Turns a request the framework could not bind (malformed JSON, a date that is not a date, a missing body)
/// into a 400 ValidationProblem that names the field, instead of the framework's bare 400 or a 500.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var (field, message) = badRequest.InnerException is JsonException json
            ? (FieldFromJsonPath(json.Path), "Giá trị không hợp lệ hoặc sai kiểu dữ liệu.")
            : ("request", badRequest.Message);

        httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more validation errors occurred.",
            },
        });
    }

    /// <summary><c>$.issuedOn</c> → <c>issuedOn</c>; the whole body when the path is unknown.</summary>
    private static string FieldFromJsonPath(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');
}
