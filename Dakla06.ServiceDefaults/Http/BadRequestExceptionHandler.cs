using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Dakla06.ServiceDefaults.Http;

/// <summary>
/// Turns a request the framework could not bind (malformed JSON, a date that is not a date, a missing body)
/// or a query/route value that does not fit its parameter (<c>page=99999999999</c>) into a 400 ValidationProblem that
/// names the field, instead of the framework's bare 400 or a 500; an upload refused while it streamed
/// (<see cref="UploadRefusedException"/>) answers its 413 or 400 the same way.
/// </summary>
internal sealed partial class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, field, message) = exception switch
        {
            UploadRefusedException upload => (upload.Status, upload.Field, upload.Message),
            BadHttpRequestException { InnerException: JsonException json } => (StatusCodes.Status400BadRequest, FieldFromJsonPath(json.Path), WrongValue),
            BadHttpRequestException badRequest when ParameterOf(badRequest.Message) is { } parameter => (StatusCodes.Status400BadRequest, parameter, WrongValue),
            BadHttpRequestException badRequest => (badRequest.StatusCode, "request", badRequest.Message),
            _ => (0, string.Empty, string.Empty),
        };
        if (status == 0)
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            {
                Status = status,
                Title = "One or more validation errors occurred.",
            },
        });
    }

    private const string WrongValue = "Giá trị không hợp lệ hoặc sai kiểu dữ liệu.";

    /// <summary>
    /// The parameter the framework could not bind, from its message: <c>Failed to bind parameter "int? page" from "x".</c>
    /// or <c>Required parameter "Guid id" was not provided …</c> → <c>page</c>, <c>id</c>.
    /// </summary>
    private static string? ParameterOf(string message) =>
        BindingFailure().Match(message) is { Success: true } match ? match.Groups["name"].Value : null;

    [GeneratedRegex("""parameter "(?:[^"]* )?(?<name>[^" ]+)" (?:from|was not provided)""")]
    private static partial Regex BindingFailure();

    /// <summary><c>$.issuedOn</c> → <c>issuedOn</c>; the whole body when the path is unknown.</summary>
    private static string FieldFromJsonPath(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');
}
