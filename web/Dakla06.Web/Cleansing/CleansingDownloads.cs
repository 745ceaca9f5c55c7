using System.Net;
using Dakla06.Web.Authentication;
using Dakla06.Web.Legacy;
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

    private static async Task<IResult> DownloadAsync(Guid id, string extension, HttpContext context, CleansingApiClient api)
    {
        var path = $"/{ResultsPath(id, extension)}";
        if (context.User.FindFirst(WebClaims.SessionKey)?.Value is not { } sessionKey)
        {
            return Results.Challenge(new AuthenticationProperties { RedirectUri = path });
        }

        HttpResponseMessage response;
        try
        {
            response = await api.OpenResultsAsync(sessionKey, id, extension, context.RequestAborted);
        }
        catch (SessionExpiredException)
        {
            return Results.Challenge(new AuthenticationProperties { RedirectUri = path });
        }
        catch (Exception exception) when (exception is IdentityProviderUnavailableException or HttpRequestException or Polly.ExecutionRejectedException)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Không tải được kết quả",
                detail: "Không kết nối được dịch vụ làm sạch dữ liệu. Vui lòng thử lại sau ít phút.");
        }

        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                var detail = await ServiceApiCalls.ProblemDetailAsync(response, context.RequestAborted);
                return response.StatusCode switch
                {
                    HttpStatusCode.NotFound => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy lô dữ liệu",
                        detail: detail ?? "Lô dữ liệu không tồn tại hoặc không thuộc phạm vi đơn vị của bạn."),
                    HttpStatusCode.Forbidden => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Không có quyền",
                        detail: detail ?? "Bạn không có quyền tải kết quả của lô dữ liệu này."),
                    HttpStatusCode.Conflict => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Chưa có kết quả",
                        detail: detail ?? "Lô dữ liệu chưa kiểm tra xong."),
                    _ => Results.Problem(statusCode: StatusCodes.Status502BadGateway, title: "Không tải được kết quả",
                        detail: $"Dịch vụ làm sạch dữ liệu trả lời bất thường (mã {(int)response.StatusCode})."),
                };
            }
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
