using System.Net.Http.Headers;

namespace Dakla06.Contracts.Http.Inspections;

/// <summary>Typed client of the security-inspections API (see <see cref="ServiceApiClient"/>).</summary>
public sealed class InspectionsClient(HttpClient http, IApiCallContext? context = null) : ServiceApiClient(http, context)
{
    /// <summary>Aspire service discovery: the <c>inspections-api</c> resource, https when it has it.</summary>
    public const string ServiceAddress = "https+http://inspections-api";

    protected override string ServiceName => "dịch vụ kiểm tra an ninh";

    public Task<PagedResult<SystemDto>> ListSystemsAsync(SystemQuery query, int page, int pageSize, CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<SystemDto>>(ApiQuery.Append(InspectionsRoutes.Path(InspectionsRoutes.Systems), query, new { page, pageSize }),
            "xem danh sách hệ thống thông tin", cancellationToken);

    /// <summary>The system, or null when it does not exist or lies outside the caller's scope.</summary>
    public Task<SystemDetailDto?> GetSystemAsync(Guid id, CancellationToken cancellationToken = default) =>
        FindAsync<SystemDetailDto>(InspectionsRoutes.Path(InspectionsRoutes.System, id), "xem hệ thống thông tin", cancellationToken);

    public Task<SystemDto> CreateSystemAsync(CreateSystemRequest system, CancellationToken cancellationToken = default) =>
        PostAsync<SystemDto>(InspectionsRoutes.Path(InspectionsRoutes.Systems), system, "đăng ký hệ thống thông tin", cancellationToken);

    /// <param name="q">Text in the asset tag, purpose or description.</param>
    /// <param name="unit">A unit and the units below it.</param>
    public Task<PagedResult<DeviceDto>> ListDevicesAsync(string? q, string? unit, int page, int pageSize, CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<DeviceDto>>(ApiQuery.Append(InspectionsRoutes.Path(InspectionsRoutes.Devices), new { q, unit, page, pageSize }),
            "xem danh sách thiết bị đầu cuối", cancellationToken);

    public Task<DeviceDto> CreateDeviceAsync(CreateDeviceRequest device, CancellationToken cancellationToken = default) =>
        PostAsync<DeviceDto>(InspectionsRoutes.Path(InspectionsRoutes.Devices), device, "đăng ký thiết bị đầu cuối", cancellationToken);

    /// <summary>Uploads a .csv or .xlsx of devices; valid lines are kept and invalid ones come back with their line number.</summary>
    public Task<DeviceImportResponse> ImportDevicesAsync(Stream file, string fileName, CancellationToken cancellationToken = default)
    {
        var content = new StreamContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
            ? "text/csv"
            : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var form = new MultipartFormDataContent { { content, InspectionsRoutes.DevicesImportFile, fileName } };
        return UploadAsync<DeviceImportResponse>(InspectionsRoutes.Path(InspectionsRoutes.DevicesImport), form, "nhập danh sách thiết bị", cancellationToken);
    }

    /// <summary>Inspection teams of the caller's unit, the units above it and below it.</summary>
    public async Task<IReadOnlyList<TeamDto>> ListTeamsAsync(CancellationToken cancellationToken = default) =>
        await GetAsync<List<TeamDto>>(InspectionsRoutes.Path(InspectionsRoutes.Teams), "xem danh sách đoàn kiểm tra", cancellationToken);

    /// <summary>The latest version of every checklist template.</summary>
    public async Task<IReadOnlyList<ChecklistDto>> ListChecklistsAsync(CancellationToken cancellationToken = default) =>
        await GetAsync<List<ChecklistDto>>(InspectionsRoutes.Path(InspectionsRoutes.Checklists), "xem danh mục nội dung kiểm tra", cancellationToken);

    /// <param name="idempotencyKey">The same key for the same submission returns the first inspection instead of planning another.</param>
    public Task<InspectionDto> CreateInspectionAsync(CreateInspectionRequest inspection, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        PostAsync<InspectionDto>(InspectionsRoutes.Path(InspectionsRoutes.Inspections), inspection, "lập đợt kiểm tra", cancellationToken, idempotencyKey);

    public Task<PagedResult<InspectionSummaryDto>> ListInspectionsAsync(InspectionQuery query, int page, int pageSize, CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<InspectionSummaryDto>>(ApiQuery.Append(InspectionsRoutes.Path(InspectionsRoutes.Inspections), query, new { page, pageSize }),
            "xem danh sách đợt kiểm tra", cancellationToken);

    /// <summary>The inspection, or null when it does not exist or the caller may not see its details.</summary>
    public Task<InspectionDto?> GetInspectionAsync(Guid id, CancellationToken cancellationToken = default) =>
        FindAsync<InspectionDto>(InspectionsRoutes.Path(InspectionsRoutes.Inspection, id), "xem đợt kiểm tra", cancellationToken);

    public Task<InspectionDto> StartInspectionAsync(Guid id, StartInspectionRequest start, CancellationToken cancellationToken = default) =>
        PostAsync<InspectionDto>(InspectionsRoutes.Path(InspectionsRoutes.InspectionStart, id), start, "bắt đầu kiểm tra", cancellationToken);

    public Task<InspectionDto> SaveResultsAsync(Guid id, SaveResultsRequest results, CancellationToken cancellationToken = default) =>
        PutAsync<InspectionDto>(InspectionsRoutes.Path(InspectionsRoutes.InspectionResults, id), results, "lưu kết quả kiểm tra", cancellationToken);

    public Task<InspectionDto> CompleteInspectionAsync(Guid id, CompleteInspectionRequest completion, CancellationToken cancellationToken = default) =>
        PostAsync<InspectionDto>(InspectionsRoutes.Path(InspectionsRoutes.InspectionComplete, id), completion, "kết thúc đợt kiểm tra", cancellationToken);

    /// <param name="idempotencyKey">The same key for the same submission returns the first finding instead of raising another.</param>
    public Task<FindingDto> RaiseFindingAsync(Guid inspectionId, RaiseFindingRequest finding, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        PostAsync<FindingDto>(InspectionsRoutes.Path(InspectionsRoutes.InspectionFindings, inspectionId), finding, "ghi nhận phát hiện", cancellationToken, idempotencyKey);

    public Task<PagedResult<FindingSummaryDto>> ListFindingsAsync(FindingQuery query, int page, int pageSize, CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<FindingSummaryDto>>(ApiQuery.Append(InspectionsRoutes.Path(InspectionsRoutes.Findings), query, new { page, pageSize }),
            "xem danh sách phát hiện", cancellationToken);

    /// <summary>The finding, or null when it does not exist or lies outside the caller's scope.</summary>
    public Task<FindingDto?> GetFindingAsync(Guid id, CancellationToken cancellationToken = default) =>
        FindAsync<FindingDto>(InspectionsRoutes.Path(InspectionsRoutes.Finding, id), "xem phát hiện", cancellationToken);

    public Task<FindingDto> VerifyFindingAsync(Guid id, VerifyFindingRequest verification, CancellationToken cancellationToken = default) =>
        PostAsync<FindingDto>(InspectionsRoutes.Path(InspectionsRoutes.FindingVerify, id), verification, "xác minh khắc phục", cancellationToken);

    public Task<FindingDto> ReopenFindingAsync(Guid id, ReopenFindingRequest reopening, CancellationToken cancellationToken = default) =>
        PostAsync<FindingDto>(InspectionsRoutes.Path(InspectionsRoutes.FindingReopen, id), reopening, "mở lại phát hiện", cancellationToken);

    public Task<FindingDto> AcceptFindingRiskAsync(Guid id, AcceptRiskRequest acceptance, CancellationToken cancellationToken = default) =>
        PostAsync<FindingDto>(InspectionsRoutes.Path(InspectionsRoutes.FindingAcceptRisk, id), acceptance, "chấp nhận rủi ro", cancellationToken);

    /// <summary>Coverage per direct child unit of <paramref name="unit"/> (default the caller's unit) and in total.</summary>
    public Task<CoverageDto> GetCoverageAsync(string? unit = null, CancellationToken cancellationToken = default) =>
        GetAsync<CoverageDto>(ApiQuery.Append(InspectionsRoutes.Path(InspectionsRoutes.Coverage), new { unit }),
            "xem mức độ bao phủ kiểm tra của đơn vị này", cancellationToken);
}
