using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dakla06.Web.Authentication;
using Dakla06.Web.Legacy;
using Microsoft.AspNetCore.Components.Authorization;

namespace Dakla06.Web.Cleansing;

/// <summary>
/// Typed client of the data-cleansing API (<see cref="ServiceApiClient"/>): queries throw
/// <see cref="CleansingApiException"/> with a Vietnamese message, commands return an <see cref="ApiResult{T}"/>.
/// </summary>
public sealed class CleansingApiClient(HttpClient http, AuthenticationStateProvider authenticationState)
    : ServiceApiClient(http, authenticationState, "api/cleansing", "Dịch vụ làm sạch dữ liệu",
        "Không kết nối được dịch vụ làm sạch dữ liệu. Vui lòng thử lại sau ít phút.")
{
    /// <summary>Aspire service discovery: the <c>cleansing-api</c> resource, https when it has it.</summary>
    public const string BaseAddress = "https+http://cleansing-api";

    public Task<RegistryInfoDto> GetRegistryAsync(CancellationToken cancellationToken = default) =>
        GetAsync<RegistryInfoDto>($"{Root}/registry", "xem thông tin CSDL dân cư đối chiếu", cancellationToken);

    public Task<PagedResult<BatchDto>> ListBatchesAsync(string? status, string? dataset, string? unit, Guid? campaignId, int page, int pageSize,
        CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<BatchDto>>(Uri("batches", new()
        {
            ["status"] = Blank(status),
            ["dataset"] = Blank(dataset),
            ["unitCode"] = Blank(unit),
            ["campaignId"] = campaignId?.ToString(),
            ["page"] = Number(page),
            ["pageSize"] = Number(pageSize),
        }), "xem danh sách lô dữ liệu", cancellationToken);

    /// <summary>
    /// Uploads a batch file (.csv or .xlsx). The browser's stream goes straight through (chunked), so a large file is
    /// never held whole in the web app's memory.
    /// </summary>
    public Task<ApiResult<BatchCreatedDto>> UploadBatchAsync(Stream file, string fileName, string dataset, string unitCode, Guid? campaignId,
        CancellationToken cancellationToken = default)
    {
        var content = new StreamContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)
            ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            : "text/csv");
        var form = new MultipartFormDataContent
        {
            { new StringContent(dataset), "dataset" },
            { new StringContent(unitCode), "unitCode" },
        };
        if (campaignId is { } campaign)
        {
            form.Add(new StringContent(campaign.ToString()), "campaignId");
        }

        form.Add(content, "file", fileName);
        return CommandAsync<BatchCreatedDto>(new HttpRequestMessage(HttpMethod.Post, $"{Root}/batches") { Content = form },
            "tải lên lô dữ liệu", cancellationToken);
    }

    /// <summary>The batch, or null when it does not exist or is outside the user's scope.</summary>
    public Task<BatchDto?> GetBatchAsync(Guid id, CancellationToken cancellationToken = default) =>
        FindAsync<BatchDto>($"{Root}/batches/{id}", "xem lô dữ liệu", cancellationToken);

    public Task<ApiResult<BatchDto>> CancelBatchAsync(Guid id, CancellationToken cancellationToken = default) =>
        CommandAsync<BatchDto>(Post($"batches/{id}/cancel", new { }), "hủy kiểm tra lô dữ liệu", cancellationToken);

    public Task<PagedResult<RecordDto>> ListRecordsAsync(Guid batchId, string? recordClass, int page, int pageSize,
        CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<RecordDto>>(Uri($"batches/{batchId}/records", new()
        {
            ["class"] = Blank(recordClass),
            ["page"] = Number(page),
            ["pageSize"] = Number(pageSize),
        }), "xem các bản ghi của lô", cancellationToken);

    /// <summary>The record, or null when it does not exist or its batch is outside the user's scope.</summary>
    public Task<RecordDto?> GetRecordAsync(Guid batchId, int line, CancellationToken cancellationToken = default) =>
        FindAsync<RecordDto>($"{Root}/batches/{batchId}/records/{Number(line)}", "xem bản ghi", cancellationToken);

    public Task<ApiResult<RecordDto>> ResolveRecordAsync(Guid batchId, int line, ResolveRequest resolution,
        CancellationToken cancellationToken = default) =>
        CommandAsync<RecordDto>(Post($"batches/{batchId}/records/{Number(line)}/resolve", resolution), "xử lý bản ghi", cancellationToken);

    /// <summary>
    /// Starts the results download for the download endpoint, which runs in a plain HTTP request (no circuit, so
    /// the session key comes from the request's user). The caller owns and disposes the response.
    /// </summary>
    public async Task<HttpResponseMessage> OpenResultsAsync(string sessionKey, Guid batchId, string extension, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"{Root}/batches/{batchId}/results.{extension}");
        request.Options.Set(UserAccessTokenHandler.SessionKeyOption, sessionKey);
        using (request)
        {
            return await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<CampaignDto>> ListCampaignsAsync(CancellationToken cancellationToken = default) =>
        await GetAsync<List<CampaignDto>>($"{Root}/campaigns", "xem danh sách chiến dịch làm sạch", cancellationToken);

    /// <summary>The campaign, or null when it does not exist or lies outside the user's view.</summary>
    public Task<CampaignDto?> GetCampaignAsync(Guid id, CancellationToken cancellationToken = default) =>
        FindAsync<CampaignDto>($"{Root}/campaigns/{id}", "xem chiến dịch làm sạch", cancellationToken);

    public Task<ApiResult<CampaignDto>> CreateCampaignAsync(CreateCampaignRequest campaign, CancellationToken cancellationToken = default) =>
        CommandAsync<CampaignDto>(Post("campaigns", campaign), "tạo chiến dịch làm sạch", cancellationToken);

    /// <param name="unitCode">Null for the user's own unit.</param>
    public Task<CampaignProgressDto?> GetCampaignProgressAsync(Guid id, string? unitCode, CancellationToken cancellationToken = default) =>
        FindAsync<CampaignProgressDto>(Uri($"campaigns/{id}/progress", new() { ["unit"] = Blank(unitCode) }),
            "xem tiến độ chiến dịch làm sạch", cancellationToken);

    public Task<PagedResult<DuplicatePairDto>> ListDuplicatesAsync(string? status, int page, int pageSize,
        CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<DuplicatePairDto>>(Uri("duplicates", new()
        {
            ["status"] = Blank(status),
            ["page"] = Number(page),
            ["pageSize"] = Number(pageSize),
        }), "xem danh sách nghi trùng", cancellationToken);

    public Task<ApiResult<DuplicateScanDto>> ScanDuplicatesAsync(CancellationToken cancellationToken = default) =>
        CommandAsync<DuplicateScanDto>(Post("duplicates/scan", new { }), "rà soát trùng lặp", cancellationToken);

    public Task<ApiResult<DuplicatePairDto>> ReviewDuplicateAsync(Guid id, string decision, CancellationToken cancellationToken = default) =>
        CommandAsync<DuplicatePairDto>(Post($"duplicates/{id}/review", new { decision }),
            "ghi nhận kết quả xem xét", cancellationToken);

    public Task<PagedResult<AuditEntryDto>> ListAuditAsync(int page, int pageSize, CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<AuditEntryDto>>(Uri("audit", new()
        {
            ["page"] = Number(page),
            ["pageSize"] = Number(pageSize),
        }), "xem nhật ký truy cập dữ liệu cá nhân", cancellationToken);

    protected override Exception Fail(ApiFailure failure, string message, Exception? inner = null) => new CleansingApiException(failure, message, inner);
}

/// <summary>A failed call to the data-cleansing API; <see cref="Exception.Message"/> is Vietnamese and safe to show the user.</summary>
public sealed class CleansingApiException(ApiFailure failure, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public ApiFailure Failure { get; } = failure;
}
