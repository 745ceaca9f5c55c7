using Dakla06.Contracts.Http.Statistics;

namespace Dakla06.Contracts.Http.Enrolment;

/// <summary>
/// Typed client of the identity-enrolment API (see <see cref="ServiceApiClient"/>). Job states, rejected lines, funnel
/// figures and targets are the statistics contract's records: the same import policy and the same indicator shape.
/// </summary>
public sealed class EnrolmentClient(HttpClient http, IApiCallContext? context = null) : ServiceApiClient(http, context)
{
    /// <summary>Aspire service discovery: the <c>enrolment-api</c> resource, https when it has it.</summary>
    public const string ServiceAddress = "https+http://enrolment-api";

    protected override string ServiceName => "dịch vụ định danh điện tử";

    /// <summary>Uploads an application file (.csv or .xlsx); the import runs as a job (202 with it).</summary>
    public Task<EnrolmentImportDto> ImportApplicationsAsync(Stream file, string fileName, CancellationToken cancellationToken = default) =>
        Upload(EnrolmentRoutes.ApplicationsImport, file, fileName, "nhập hồ sơ cấp căn cước", cancellationToken);

    /// <summary>Uploads a card-event file (received from C06, handed to the citizen); the import runs as a job.</summary>
    public Task<EnrolmentImportDto> ImportCardsAsync(Stream file, string fileName, CancellationToken cancellationToken = default) =>
        Upload(EnrolmentRoutes.CardsImport, file, fileName, "nhập sự kiện thẻ căn cước", cancellationToken);

    /// <summary>Uploads an e-ID account file (level 1 and 2, registration and activation); the import runs as a job.</summary>
    public Task<EnrolmentImportDto> ImportEidAccountsAsync(Stream file, string fileName, CancellationToken cancellationToken = default) =>
        Upload(EnrolmentRoutes.EidImport, file, fileName, "nhập tài khoản định danh điện tử", cancellationToken);

    /// <summary>The import jobs of the caller's scope, newest first.</summary>
    public Task<PagedResult<EnrolmentImportDto>> ListImportsAsync(EnrolmentImportQuery query, int page, int pageSize, CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<EnrolmentImportDto>>(ApiQuery.Append(EnrolmentRoutes.Path(EnrolmentRoutes.Imports), query, new { page, pageSize }),
            "xem các lần nhập dữ liệu định danh", cancellationToken);

    /// <summary>The import job, or null when it does not exist or lies outside the caller's scope.</summary>
    public Task<EnrolmentImportDto?> GetImportAsync(Guid id, CancellationToken cancellationToken = default) =>
        FindAsync<EnrolmentImportDto>(EnrolmentRoutes.Path(EnrolmentRoutes.Import, id), "xem tiến độ nhập dữ liệu định danh", cancellationToken);

    /// <summary>The rejected lines of an import in line order, each with its column and reason.</summary>
    public Task<PagedResult<ImportErrorDto>> ListImportErrorsAsync(Guid id, int page, int pageSize, CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<ImportErrorDto>>(ApiQuery.Append(EnrolmentRoutes.Path(EnrolmentRoutes.ImportErrors, id), new { page, pageSize }),
            "xem các dòng bị từ chối", cancellationToken);

    /// <summary>An application by its code (<c>ma_ho_so</c>), masked unless the caller reads personal data; null when not found or out of scope.</summary>
    public Task<ApplicationDto?> GetApplicationAsync(string code, CancellationToken cancellationToken = default) =>
        FindAsync<ApplicationDto>(EnrolmentRoutes.Path(EnrolmentRoutes.Application, code), "xem hồ sơ cấp căn cước", cancellationToken);

    public Task<FunnelResponse> GetFunnelAsync(FunnelQuery query, CancellationToken cancellationToken = default) =>
        GetAsync<FunnelResponse>(ApiQuery.Append(EnrolmentRoutes.Path(EnrolmentRoutes.Funnel), query), "xem kết quả cấp căn cước và định danh", cancellationToken);

    public Task<StageTimesResponse> GetStageTimesAsync(StageTimesQuery query, CancellationToken cancellationToken = default) =>
        GetAsync<StageTimesResponse>(ApiQuery.Append(EnrolmentRoutes.Path(EnrolmentRoutes.StageTimes), query), "xem thời gian xử lý từng khâu", cancellationToken);

    public Task<PagedResult<StuckItemDto>> ListStuckAsync(StuckQuery query, int page, int pageSize, CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<StuckItemDto>>(ApiQuery.Append(EnrolmentRoutes.Path(EnrolmentRoutes.Stuck), query, new { page, pageSize }),
            "xem hồ sơ tồn đọng", cancellationToken);

    public Task<StuckSummaryResponse> GetStuckSummaryAsync(StuckSummaryQuery query, CancellationToken cancellationToken = default) =>
        GetAsync<StuckSummaryResponse>(ApiQuery.Append(EnrolmentRoutes.Path(EnrolmentRoutes.StuckSummary), query), "xem tổng hợp hồ sơ tồn đọng", cancellationToken);

    public Task<PagedResult<MissingPersonDto>> ListMissingAsync(MissingQuery query, int page, int pageSize, CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<MissingPersonDto>>(ApiQuery.Append(EnrolmentRoutes.Path(EnrolmentRoutes.Missing), query, new { page, pageSize }),
            "xem danh sách chưa thu nhận", cancellationToken);

    /// <summary>Records (replaces) why a missing person has not enrolled; returns it as stored.</summary>
    public Task<MissingReasonDto> SetMissingReasonAsync(string personRef, SetMissingReasonRequest request, CancellationToken cancellationToken = default) =>
        PutAsync<MissingReasonDto>(EnrolmentRoutes.Path(EnrolmentRoutes.MissingReason, personRef), request, "ghi nhận lý do", cancellationToken);

    /// <summary>The person's visits, planned first-to-last.</summary>
    public Task<IReadOnlyList<VisitDto>> ListVisitsAsync(string personRef, VisitQuery query, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<VisitDto>>(ApiQuery.Append(EnrolmentRoutes.Path(EnrolmentRoutes.MissingVisits, personRef), query),
            "xem kế hoạch đến tận nhà", cancellationToken);

    public Task<VisitDto> PlanVisitAsync(string personRef, PlanVisitRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<VisitDto>(EnrolmentRoutes.Path(EnrolmentRoutes.MissingVisits, personRef), request, "lập kế hoạch đến tận nhà", cancellationToken);

    public Task<VisitDto> RecordVisitAsync(Guid visitId, RecordVisitRequest request, CancellationToken cancellationToken = default) =>
        PutAsync<VisitDto>(EnrolmentRoutes.Path(EnrolmentRoutes.MissingVisit, visitId), request, "ghi nhận kết quả đến tận nhà", cancellationToken);

    /// <summary>Sets a target on a funnel figure (upserted by indicator, unit or level, from and to); returns it as stored.</summary>
    public Task<TargetDto> SetTargetAsync(SetTargetRequest request, CancellationToken cancellationToken = default) =>
        PutAsync<TargetDto>(EnrolmentRoutes.Path(EnrolmentRoutes.Targets), request, "đặt chỉ tiêu định danh", cancellationToken);

    /// <summary>The targets that apply to a unit (the caller's when absent) and the units below it.</summary>
    public Task<PagedResult<TargetDto>> ListTargetsAsync(TargetQuery query, int page, int pageSize, CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<TargetDto>>(ApiQuery.Append(EnrolmentRoutes.Path(EnrolmentRoutes.Targets), query, new { page, pageSize }),
            "xem chỉ tiêu định danh", cancellationToken);

    /// <summary>Deletes a target; returns it as it was.</summary>
    public Task<TargetDto> DeleteTargetAsync(Guid id, CancellationToken cancellationToken = default) =>
        SendAsync<TargetDto>(HttpMethod.Delete, EnrolmentRoutes.Path(EnrolmentRoutes.Target, id), content: null, "xóa chỉ tiêu định danh", cancellationToken);

    private Task<EnrolmentImportDto> Upload(string route, Stream file, string fileName, string action, CancellationToken cancellationToken) =>
        UploadAsync<EnrolmentImportDto>(EnrolmentRoutes.Path(route),
            new MultipartFormDataContent { { SpreadsheetContent(file, fileName), EnrolmentRoutes.ImportFile, fileName } }, action, cancellationToken);
}
