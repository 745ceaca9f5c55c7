using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Cleansing;
using Dakla06.Web.Authentication;
using Dakla06.Web.Shared;
using Microsoft.AspNetCore.Authentication;

namespace Dakla06.Web.Cleansing;

/// <summary>
/// A batch's results as a plain download: the browser asks the web app (with its cookie), which asks the API with the
/// signed-in user's access token — the token never reaches the browser — and streams the file through. Unlike the
/// tasks' Excel export (a few hundred rows over the circuit), results of a million records are too big to pass
/// through a circuit, so they go over an ordinary HTTP response and are never held whole in memory.
/// </summary>
public static class CleansingDownloads
{
    /// <summary>The download path of a batch's results; <paramref name="extension"/> is <c>csv</c> or <c>xlsx</c>.</summary>
    public static string ResultsPath(Guid batchId, string extension) => $"lam-sach/lo/{batchId}/ket-qua.{extension}";

    public static IEndpointConventionBuilder MapCleansingDownloads(this IEndpointRouteBuilder endpoints) =>
        // Signed-in users only, like every page (the fallback policy); the API decides scope and masking.
        endpoints.MapGet("/lam-sach/lo/{id:guid}/ket-qua.{extension:regex(^(csv|xlsx)$)}", DownloadAsync)
            .RequireAuthorization()
            .ExcludeFromDescription();

    private static async Task<IResult> DownloadAsync(Guid id, string extension, HttpContext context)
    {
        var path = $"/{ResultsPath(id, extension)}";
        if (context.User.FindFirst(WebClaims.SessionKey)?.Value is not { } sessionKey)
        {
            return Results.Challenge(new AuthenticationProperties { RedirectUri = path });
        }

        HttpResponseMessage response;
        try
        {
            response = await context.RequestServices.ClientForSession<CleansingClient>(sessionKey).OpenResultsAsync(id, extension, context.RequestAborted);
        }
        catch (ServiceApiException exception) when (exception.Failure == ApiFailure.SessionExpired)
        {
            return Results.Challenge(new AuthenticationProperties { RedirectUri = path });
        }
        catch (ServiceApiException exception)
        {
            return exception.Failure switch
            {
                ApiFailure.NotFound => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy lô dữ liệu",
                    detail: exception.Detail ?? "Lô dữ liệu không tồn tại hoặc không thuộc phạm vi đơn vị của bạn."),
                ApiFailure.Forbidden => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Không có quyền",
                    detail: exception.Detail ?? "Bạn không có quyền tải kết quả của lô dữ liệu này."),
                ApiFailure.Conflict => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Chưa có kết quả",
                    detail: exception.Detail ?? "Lô dữ liệu chưa kiểm tra xong."),
                // No answer at all (unreachable, identity provider down): try again later.
                _ when exception.Status is null => Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
                    title: "Không tải được kết quả", detail: exception.Message),
                _ => Results.Problem(statusCode: StatusCodes.Status502BadGateway, title: "Không tải được kết quả",
                    detail: $"Dịch vụ làm sạch dữ liệu trả lời bất thường (mã {exception.Status})."),
            };
        }

        // Disposed when the response is done: the API's stream is read to the end while the browser downloads.
        context.Response.RegisterForDispose(response);
        var fileName = response.Content.Headers.ContentDisposition?.FileNameStar
            ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"');
        var stream = await response.Content.ReadAsStreamAsync(context.RequestAborted);
        return Results.Stream(stream,
            contentType: response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream",
            fileDownloadName: string.IsNullOrWhiteSpace(fileName) ? $"ket-qua-{id}.{extension}" : fileName);
    }
}
