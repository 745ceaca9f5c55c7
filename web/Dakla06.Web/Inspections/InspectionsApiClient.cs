using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dakla06.Web.Legacy;
using Microsoft.AspNetCore.Components.Authorization;

namespace Dakla06.Web.Inspections.LegacyModels;

/// <summary>
/// Typed client of the security-inspections API (<see cref="ServiceApiClient"/>): queries throw
/// <see cref="InspectionsApiException"/> with a Vietnamese message, commands return an <see cref="ApiResult{T}"/>.
/// </summary>
public sealed class InspectionsApiClient(HttpClient http, AuthenticationStateProvider authenticationState)
    : ServiceApiClient(http, authenticationState, "api/inspections", "Dịch vụ kiểm tra an ninh",
        "Không kết nối được dịch vụ kiểm tra an ninh. Vui lòng thử lại sau ít phút.")
{
    /// <summary>Aspire service discovery: the <c>inspections-api</c> resource, https when it has it.</summary>
    public const string BaseAddress = "https+http://inspections-api";

    public Task<PagedResult<SystemDto>> ListSystemsAsync(string? text, string? unit, bool? cleared, int page, int pageSize,
        CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<SystemDto>>(Uri("systems", new()
        {
            ["q"] = Blank(text),
            ["unit"] = Blank(unit),
            ["cleared"] = cleared is { } value ? (value ? "true" : "false") : null,
            ["page"] = Number(page),
            ["pageSize"] = Number(pageSize),
        }), "xem danh sách hệ thống thông tin", cancellationToken);

    /// <summary>The system, or null when it does not exist or is outside the user's scope.</summary>
    public Task<SystemDetailDto?> GetSystemAsync(Guid id, CancellationToken cancellationToken = default) =>
        FindAsync<SystemDetailDto>($"{Root}/systems/{id}", "xem hệ thống thông tin", cancellationToken);

    public Task<ApiResult<SystemDto>> RegisterSystemAsync(RegisterSystemRequest system, CancellationToken cancellationToken = default) =>
        CommandAsync<SystemDto>(Post("systems", system), "đăng ký hệ thống thông tin", cancellationToken);

    public Task<PagedResult<DeviceDto>> ListDevicesAsync(string? text, string? unit, int page, int pageSize,
        CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<DeviceDto>>(Uri("devices", new()
        {
            ["q"] = Blank(text),
            ["unit"] = Blank(unit),
            ["page"] = Number(page),
            ["pageSize"] = Number(pageSize),
        }), "xem danh sách thiết bị đầu cuối", cancellationToken);

    public Task<ApiResult<DeviceDto>> RegisterDeviceAsync(RegisterDeviceRequest device, CancellationToken cancellationToken = default) =>
        CommandAsync<DeviceDto>(Post("devices", device), "đăng ký thiết bị đầu cuối", cancellationToken);

    /// <summary>Uploads a .csv or .xlsx of devices; valid rows are kept and invalid ones come back with their line.</summary>
    public Task<ApiResult<DeviceImportResult>> ImportDevicesAsync(Stream file, string fileName, CancellationToken cancellationToken = default)
    {
        var content = new StreamContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
            ? "text/csv"
            : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var form = new MultipartFormDataContent { { content, "file", fileName } };
        return CommandAsync<DeviceImportResult>(new HttpRequestMessage(HttpMethod.Post, $"{Root}/devices/import") { Content = form },
            "nhập danh sách thiết bị", cancellationToken);
    }

    public async Task<IReadOnlyList<TeamDto>> ListTeamsAsync(CancellationToken cancellationToken = default) =>
        await GetAsync<List<TeamDto>>($"{Root}/teams", "xem danh sách đoàn kiểm tra", cancellationToken);

    public async Task<IReadOnlyList<ChecklistDto>> ListChecklistsAsync(CancellationToken cancellationToken = default) =>
        await GetAsync<List<ChecklistDto>>($"{Root}/checklists", "xem danh mục nội dung kiểm tra", cancellationToken);

    public Task<ApiResult<InspectionDto>> CreateInspectionAsync(CreateInspectionRequest inspection, CancellationToken cancellationToken = default) =>
        CommandAsync<InspectionDto>(Post("inspections", inspection), "lập đợt kiểm tra", cancellationToken);

    /// <summary>The inspection, or null when it does not exist or the user may not see its details.</summary>
    public Task<InspectionDto?> GetInspectionAsync(Guid id, CancellationToken cancellationToken = default) =>
        FindAsync<InspectionDto>($"{Root}/inspections/{id}", "xem đợt kiểm tra", cancellationToken);

    public Task<PagedResult<InspectionSummaryDto>> ListInspectionsAsync(string? targetType, Guid? targetId, string? status, int page, int pageSize,
        CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<InspectionSummaryDto>>(Uri("inspections", new()
        {
            ["targetType"] = Blank(targetType),
            ["targetId"] = targetId?.ToString(),
            ["status"] = Blank(status),
            ["page"] = Number(page),
            ["pageSize"] = Number(pageSize),
        }), "xem danh sách đợt kiểm tra", cancellationToken);

    public Task<ApiResult<InspectionDto>> StartInspectionAsync(Guid id, DateOnly? startedOn, CancellationToken cancellationToken = default) =>
        CommandAsync<InspectionDto>(Post($"inspections/{id}/start", new { startedOn }), "bắt đầu kiểm tra", cancellationToken);

    public Task<ApiResult<InspectionDto>> RecordResultsAsync(Guid id, RecordResultsRequest results, CancellationToken cancellationToken = default) =>
        CommandAsync<InspectionDto>(
            new HttpRequestMessage(HttpMethod.Put, $"{Root}/inspections/{id}/results") { Content = JsonContent.Create(results) },
            "lưu kết quả kiểm tra", cancellationToken);

    public Task<ApiResult<InspectionDto>> CompleteInspectionAsync(Guid id, string conclusion, DateOnly? completedOn,
        CancellationToken cancellationToken = default) =>
        CommandAsync<InspectionDto>(Post($"inspections/{id}/complete", new { conclusion, completedOn }), "kết thúc đợt kiểm tra", cancellationToken);

    public Task<ApiResult<FindingDto>> RaiseFindingAsync(Guid inspectionId, RaiseFindingRequest finding, CancellationToken cancellationToken = default) =>
        CommandAsync<FindingDto>(Post($"inspections/{inspectionId}/findings", finding), "ghi nhận phát hiện", cancellationToken);

    public Task<PagedResult<FindingSummaryDto>> ListFindingsAsync(FindingQuery query, CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<FindingSummaryDto>>(Uri("findings", new()
        {
            ["status"] = Blank(query.Status),
            ["severity"] = Blank(query.Severity),
            ["unit"] = Blank(query.Unit),
            ["inspectionId"] = query.InspectionId?.ToString(),
            ["systemId"] = query.SystemId?.ToString(),
            ["overdue"] = query.OverdueOnly ? "true" : null,
            ["page"] = Number(query.Page),
            ["pageSize"] = Number(query.PageSize),
        }), "xem danh sách phát hiện", cancellationToken);

    /// <summary>The finding, or null when it does not exist or is outside the user's scope.</summary>
    public Task<FindingDto?> GetFindingAsync(Guid id, CancellationToken cancellationToken = default) =>
        FindAsync<FindingDto>($"{Root}/findings/{id}", "xem phát hiện", cancellationToken);

    public Task<ApiResult<FindingDto>> VerifyFindingAsync(Guid id, string? note, CancellationToken cancellationToken = default) =>
        CommandAsync<FindingDto>(Post($"findings/{id}/verify", new { note }), "xác minh khắc phục", cancellationToken);

    public Task<ApiResult<FindingDto>> ReopenFindingAsync(Guid id, string reason, CancellationToken cancellationToken = default) =>
        CommandAsync<FindingDto>(Post($"findings/{id}/reopen", new { reason }), "mở lại phát hiện", cancellationToken);

    public Task<ApiResult<FindingDto>> AcceptRiskAsync(Guid id, DateOnly until, string reason, CancellationToken cancellationToken = default) =>
        CommandAsync<FindingDto>(Post($"findings/{id}/accept-risk", new { until, reason }), "chấp nhận rủi ro", cancellationToken);

    /// <param name="unitCode">Null for the user's own unit.</param>
    public Task<CoverageDto> GetCoverageAsync(string? unitCode, CancellationToken cancellationToken = default) =>
        GetAsync<CoverageDto>(Uri("coverage", new() { ["unit"] = Blank(unitCode) }), "xem mức độ bao phủ kiểm tra của đơn vị này", cancellationToken);

    protected override Exception Fail(ApiFailure failure, string message, Exception? inner = null) => new InspectionsApiException(failure, message, inner);
}

/// <summary>A failed call to the inspections API; <see cref="Exception.Message"/> is Vietnamese and safe to show the user.</summary>
public sealed class InspectionsApiException(ApiFailure failure, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public ApiFailure Failure { get; } = failure;
}
