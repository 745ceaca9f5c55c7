using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Dakla06.Web.Presentation;

/// <summary>
/// The service defaults turn errors into problem+json (their <c>UseExceptionHandler()</c> and
/// <c>UseStatusCodePages()</c> sit outside authentication). A browser that fails there — e.g. the identity provider
/// is down while signing in — gets this plain Vietnamese page instead; scripts and APIs still get JSON.
/// </summary>
public sealed class HtmlProblemDetailsWriter : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) =>
        context.HttpContext.Request.Headers.Accept.Any(value => value?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
        var (title, message) = Describe(status, context.Exception);
        var traceId = context.HttpContext.TraceIdentifier;
        var html = $$"""
            <!DOCTYPE html>
            <html lang="vi">
            <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1.0" />
            <title>{{Encode(title)}} – Dakla06</title>
            <style>
            body { font-family: "Segoe UI", Roboto, "Noto Sans", Arial, "Liberation Sans", sans-serif; margin: 0; background: #f5f5f5; color: #212121; }
            header { background: #b71c1c; color: #fff; padding: 16px 24px; font-size: 1.25rem; }
            main { max-width: 720px; margin: 48px auto; background: #fff; padding: 32px; border: 1px solid #e0e0e0; border-radius: 4px; }
            a { color: #b71c1c; }
            code { font-size: 0.85rem; }
            </style>
            </head>
            <body>
            <header>Dakla06 – Đề án 06 tỉnh Đắk Lắk</header>
            <main>
            <h1>{{Encode(title)}}</h1>
            <p>{{Encode(message)}}</p>
            <p>Mã tra cứu khi liên hệ hỗ trợ: <code>{{Encode(traceId)}}</code></p>
            <p><a href="/">Về trang chủ</a></p>
            </main>
            </body>
            </html>
            """;
        context.HttpContext.Response.ContentType = "text/html; charset=utf-8";
        await context.HttpContext.Response.WriteAsync(html, context.HttpContext.RequestAborted);
    }

    private static (string Title, string Message) Describe(int status, Exception? exception) => status switch
    {
        StatusCodes.Status404NotFound => ("Không tìm thấy trang", "Địa chỉ bạn mở không tồn tại hoặc đã được thay đổi."),
        StatusCodes.Status403Forbidden => ("Không có quyền truy cập", "Tài khoản của bạn không được dùng chức năng này."),
        StatusCodes.Status401Unauthorized => ("Cần đăng nhập", "Vui lòng đăng nhập để tiếp tục."),
        < 500 => ("Yêu cầu không hợp lệ", "Trình duyệt đã gửi một yêu cầu mà hệ thống không xử lý được. Vui lòng thử lại."),
        _ when IsConnectionFailure(exception) => ("Không kết nối được máy chủ",
            "Hệ thống chưa kết nối được máy chủ đăng nhập hoặc một dịch vụ liên quan. Vui lòng thử lại sau ít phút."),
        _ => ("Đã xảy ra lỗi", "Hệ thống gặp lỗi khi xử lý yêu cầu của bạn. Vui lòng thử lại sau ít phút."),
    };

    private static bool IsConnectionFailure(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is HttpRequestException or System.Net.Sockets.SocketException)
            {
                return true;
            }
        }

        return false;
    }

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static string Encode(string text) => Encoder.Encode(text);
}
