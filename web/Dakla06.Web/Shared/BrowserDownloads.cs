using Dakla06.Contracts.Http;
using Microsoft.JSInterop;

namespace Dakla06.Web.Shared;

/// <summary>Hands a small file (an Excel export) from the circuit to the browser as a download (wwwroot/download.js).</summary>
public static class BrowserDownloads
{
    public static async Task DownloadAsync(this IJSRuntime js, ApiFile file)
    {
        using var stream = new MemoryStream(file.Content);
        using var reference = new DotNetStreamReference(stream);
        await js.InvokeVoidAsync("downloadFileFromStream", file.FileName, reference);
    }
}
