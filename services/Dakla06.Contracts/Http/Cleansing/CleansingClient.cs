using System.Net.Http.Headers;

namespace Dakla06.Contracts.Http.Cleansing;

/// <summary>Typed client of the data-cleansing API (see <see cref="ServiceApiClient"/>).</summary>
public sealed class CleansingClient(HttpClient http, IApiCallContext? context = null) : ServiceApiClient(http, context)
{
    /// <summary>Aspire service discovery: the <c>cleansing-api</c> resource, https when it has it.</summary>
    public const string ServiceAddress = "https+http://cleansing-api";

    protected override string ServiceName => "dịch vụ làm sạch dữ liệu";

    public Task<RegistryDto> GetRegistryAsync(CancellationToken cancellationToken = default) =>
        GetAsync<RegistryDto>(CleansingRoutes.Path(CleansingRoutes.Registry), "xem thông tin CSDL dân cư đối chiếu", cancellationToken);

    /// <summary>
    /// Living registry persons aged 14+ per commune of <see cref="PopulationQuery.Unit"/> (null: the caller's unit) on
    /// <see cref="PopulationQuery.AsOf"/> (null: today); null when the unit lies outside the caller's scope.
    /// </summary>
    public Task<PopulationDto?> GetPopulationAsync(PopulationQuery query, CancellationToken cancellationToken = default) =>
        FindAsync<PopulationDto>(ApiQuery.Append(CleansingRoutes.Path(CleansingRoutes.RegistryPopulation), query),
            "xem số dân từ 14 tuổi theo xã", cancellationToken);

    /// <summary>
    /// The commune's living registry persons aged <see cref="NotListedPersonsRequest.MinimumAge"/>+ whose ID number is
    /// not in <see cref="NotListedPersonsRequest.IdNumbers"/>, by household; masked unless the caller is a pii-reader.
    /// </summary>
    public Task<PagedResult<RegistryPersonDto>> ListPersonsNotListedAsync(NotListedPersonsRequest request, int page, int pageSize, CancellationToken cancellationToken = default) =>
        PostAsync<PagedResult<RegistryPersonDto>>(ApiQuery.Append(CleansingRoutes.Path(CleansingRoutes.RegistryPersonsNotListed), new { page, pageSize }), request,
            "xem người trong CSDL dân cư chưa có trong danh sách", cancellationToken);

    /// <summary>
    /// Imports registry persons from a CSV (province cleansing officers), streamed: valid lines are upserted by ID
    /// number, invalid ones come back with their line number and reason.
    /// </summary>
    public Task<RegistryImportResponse> ImportRegistryAsync(Stream file, string fileName, CancellationToken cancellationToken = default)
    {
        var form = new MultipartFormDataContent { { FileContent(file, fileName), CleansingRoutes.RegistryImportFile, fileName } };
        return UploadAsync<RegistryImportResponse>(CleansingRoutes.Path(CleansingRoutes.RegistryImport), form, "nhập danh sách dân cư", cancellationToken);
    }

    /// <summary>
    /// Uploads a batch file (.csv or .xlsx) for validation; the batch is queued. The stream goes through as it is read,
    /// so a large file is never held whole; fields left null are not sent.
    /// </summary>
    public Task<BatchCreatedDto> UploadBatchAsync(Stream file, string fileName, UploadBatchRequest batch, CancellationToken cancellationToken = default)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in new[]
                 {
                     (CleansingRoutes.BatchDataset, batch.Dataset),
                     (CleansingRoutes.BatchUnitCode, batch.UnitCode),
                     (CleansingRoutes.BatchCampaignId, ApiQuery.Format(batch.CampaignId)),
                 })
        {
            if (value is not null)
            {
                form.Add(new StringContent(value), name);
            }
        }

        form.Add(FileContent(file, fileName), CleansingRoutes.BatchFile, fileName);
        return UploadAsync<BatchCreatedDto>(CleansingRoutes.Path(CleansingRoutes.Batches), form, "tải lên lô dữ liệu", cancellationToken);
    }

    public Task<PagedResult<BatchDto>> ListBatchesAsync(BatchQuery query, int page, int pageSize, CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<BatchDto>>(ApiQuery.Append(CleansingRoutes.Path(CleansingRoutes.Batches), query, new { page, pageSize }),
            "xem danh sách lô dữ liệu", cancellationToken);

    /// <summary>The batch, or null when it does not exist or lies outside the caller's scope.</summary>
    public Task<BatchDto?> GetBatchAsync(Guid id, CancellationToken cancellationToken = default) =>
        FindAsync<BatchDto>(CleansingRoutes.Path(CleansingRoutes.Batch, id), "xem lô dữ liệu", cancellationToken);

    /// <summary>Cancels a queued batch, or stops a running one after its current chunk; 409 once it has finished.</summary>
    public Task<BatchDto> CancelBatchAsync(Guid id, CancellationToken cancellationToken = default) =>
        PostAsync<BatchDto>(CleansingRoutes.Path(CleansingRoutes.BatchCancel, id), null, "hủy kiểm tra lô dữ liệu", cancellationToken);

    public Task<PagedResult<RecordDto>> ListRecordsAsync(Guid batchId, RecordQuery query, int page, int pageSize, CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<RecordDto>>(ApiQuery.Append(CleansingRoutes.Path(CleansingRoutes.BatchRecords, batchId), query, new { page, pageSize }),
            "xem các bản ghi của lô", cancellationToken);

    /// <summary>The record, or null when it does not exist or its batch lies outside the caller's scope.</summary>
    public Task<RecordDto?> GetRecordAsync(Guid batchId, int line, CancellationToken cancellationToken = default) =>
        FindAsync<RecordDto>(CleansingRoutes.Path(CleansingRoutes.BatchRecord, batchId, line), "xem bản ghi", cancellationToken);

    /// <summary>The record as resolved, with what re-validating it found (<see cref="RecordDto.RevalidatedClass"/> …).</summary>
    public Task<RecordDto> ResolveRecordAsync(Guid batchId, int line, ResolveRequest resolution, CancellationToken cancellationToken = default) =>
        PostAsync<RecordDto>(CleansingRoutes.Path(CleansingRoutes.BatchRecordResolve, batchId, line), resolution, "xử lý bản ghi", cancellationToken);

    /// <summary>
    /// The batch's results as a stream (<paramref name="extension"/> <c>csv</c> or <c>xlsx</c>): too big to read whole,
    /// so the caller reads and disposes the answer.
    /// </summary>
    public Task<HttpResponseMessage> OpenResultsAsync(Guid batchId, string extension, CancellationToken cancellationToken = default) =>
        OpenAsync(CleansingRoutes.Path(extension switch
        {
            "csv" => CleansingRoutes.BatchResultsCsv,
            "xlsx" => CleansingRoutes.BatchResultsXlsx,
            _ => throw new ArgumentException($"Results come as csv or xlsx, not '{extension}'.", nameof(extension)),
        }, batchId), "tải kết quả của lô dữ liệu", cancellationToken);

    /// <summary>Campaigns of the caller's unit, of the units below it and of the units above it; newest deadline first.</summary>
    public async Task<IReadOnlyList<CampaignDto>> ListCampaignsAsync(CampaignQuery query, CancellationToken cancellationToken = default) =>
        await GetAsync<List<CampaignDto>>(ApiQuery.Append(CleansingRoutes.Path(CleansingRoutes.Campaigns), query),
            "xem danh sách chiến dịch làm sạch", cancellationToken);

    /// <summary>The campaign, or null when it does not exist or lies outside the caller's view.</summary>
    public Task<CampaignDto?> GetCampaignAsync(Guid id, CancellationToken cancellationToken = default) =>
        FindAsync<CampaignDto>(CleansingRoutes.Path(CleansingRoutes.Campaign, id), "xem chiến dịch làm sạch", cancellationToken);

    public Task<CampaignDto> CreateCampaignAsync(CreateCampaignRequest campaign, CancellationToken cancellationToken = default) =>
        PostAsync<CampaignDto>(CleansingRoutes.Path(CleansingRoutes.Campaigns), campaign, "tạo chiến dịch làm sạch", cancellationToken);

    /// <summary>
    /// The campaign's progress per child unit of <paramref name="unit"/> (null: the caller's unit) and in total; null
    /// when the campaign does not exist or lies outside the caller's view.
    /// </summary>
    public Task<CampaignProgressDto?> GetCampaignProgressAsync(Guid id, string? unit = null, CancellationToken cancellationToken = default) =>
        FindAsync<CampaignProgressDto>(ApiQuery.Append(CleansingRoutes.Path(CleansingRoutes.CampaignProgress, id), new { unit }),
            "xem tiến độ chiến dịch làm sạch", cancellationToken);

    /// <summary>Scans the whole registry for likely duplicate persons (province cleansing officers).</summary>
    public Task<DuplicateScanDto> ScanDuplicatesAsync(CancellationToken cancellationToken = default) =>
        PostAsync<DuplicateScanDto>(CleansingRoutes.Path(CleansingRoutes.DuplicatesScan), null, "rà soát trùng lặp", cancellationToken);

    public Task<PagedResult<DuplicatePairDto>> ListDuplicatesAsync(DuplicateQuery query, int page, int pageSize, CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<DuplicatePairDto>>(ApiQuery.Append(CleansingRoutes.Path(CleansingRoutes.Duplicates), query, new { page, pageSize }),
            "xem danh sách nghi trùng", cancellationToken);

    public Task<DuplicatePairDto> ReviewDuplicateAsync(Guid id, ReviewDuplicateRequest review, CancellationToken cancellationToken = default) =>
        PostAsync<DuplicatePairDto>(CleansingRoutes.Path(CleansingRoutes.DuplicateReview, id), review, "ghi nhận kết quả xem xét", cancellationToken);

    /// <summary>Who read personal data unmasked, newest first (leaders only).</summary>
    public Task<PagedResult<AuditEntryDto>> ListAuditAsync(AuditQuery query, int page, int pageSize, CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<AuditEntryDto>>(ApiQuery.Append(CleansingRoutes.Path(CleansingRoutes.Audit), query, new { page, pageSize }),
            "xem nhật ký truy cập dữ liệu cá nhân", cancellationToken);

    /// <summary>The configured registry-quality categories (with Vietnamese names), outcomes, reasons and mandatory fields.</summary>
    public Task<QualityCatalogueDto> GetQualityCatalogueAsync(CancellationToken cancellationToken = default) =>
        GetAsync<QualityCatalogueDto>(CleansingRoutes.Path(CleansingRoutes.RegistryQualityCatalogue), "xem danh mục chất lượng CSDL dân cư", cancellationToken);

    /// <summary>Registry-quality figures of a unit's subtree at a date (and per child unit); null when the unit lies outside the caller's scope.</summary>
    public Task<RegistryQualityDto?> GetRegistryQualityAsync(RegistryQualityQuery query, CancellationToken cancellationToken = default) =>
        FindAsync<RegistryQualityDto>(ApiQuery.Append(CleansingRoutes.Path(CleansingRoutes.RegistryQuality), query),
            "xem chất lượng CSDL dân cư", cancellationToken);

    /// <summary>Runs the registry-quality rules over the whole registry now (province cleansing officers).</summary>
    public Task<QualityRuleRunDto> RunQualityRulesAsync(CancellationToken cancellationToken = default) =>
        PostAsync<QualityRuleRunDto>(CleansingRoutes.Path(CleansingRoutes.RegistryQualityRun), null, "rà soát chất lượng CSDL dân cư", cancellationToken);

    /// <summary>Imports a list (CSV <c>so_dinh_danh,ghi_chu</c>) into a list category: one item per person at the person's commune; unknown persons come back as rejected lines.</summary>
    public Task<WorklistImportResponse> ImportWorklistAsync(Stream file, string fileName, string category, CancellationToken cancellationToken = default) =>
        UploadAsync<WorklistImportResponse>(CleansingRoutes.Path(CleansingRoutes.WorklistImport), WorklistForm(file, fileName, category),
            "nhập danh sách cần cập nhật", cancellationToken);

    /// <summary>Closes the category's open items of the persons of a CSV (<c>so_dinh_danh,ket_qua,ma_ly_do,ghi_chu</c>); lines that close nothing come back as rejected lines.</summary>
    public Task<WorklistImportResponse> BulkCloseWorklistAsync(Stream file, string fileName, string category, CancellationToken cancellationToken = default) =>
        UploadAsync<WorklistImportResponse>(CleansingRoutes.Path(CleansingRoutes.WorklistBulkClose), WorklistForm(file, fileName, category),
            "đóng hàng loạt mục cần làm sạch", cancellationToken);

    /// <summary>Items of the unit's subtree, masked unless pii-reader; open items first, oldest first.</summary>
    public Task<PagedResult<QualityItemDto>> ListQualityItemsAsync(QualityItemQuery query, int page, int pageSize, CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<QualityItemDto>>(ApiQuery.Append(CleansingRoutes.Path(CleansingRoutes.WorklistItems), query, new { page, pageSize }),
            "xem danh sách cần làm sạch", cancellationToken);

    /// <summary>The item, or null when it does not exist or lies outside the caller's scope.</summary>
    public Task<QualityItemDto?> GetQualityItemAsync(Guid id, CancellationToken cancellationToken = default) =>
        FindAsync<QualityItemDto>(CleansingRoutes.Path(CleansingRoutes.WorklistItem, id), "xem mục cần làm sạch", cancellationToken);

    /// <summary>Closes an open item with an outcome (cleansing officers of its commune or above); 409 when it is already closed.</summary>
    public Task<QualityItemDto> CloseQualityItemAsync(Guid id, CloseQualityItemRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<QualityItemDto>(CleansingRoutes.Path(CleansingRoutes.WorklistItemClose, id), request, "đóng mục cần làm sạch", cancellationToken);

    /// <summary>Every change of the item, oldest first; null when it does not exist or lies outside the caller's scope.</summary>
    public async Task<IReadOnlyList<QualityItemChangeDto>?> GetQualityItemHistoryAsync(Guid id, CancellationToken cancellationToken = default) =>
        await FindAsync<List<QualityItemChangeDto>>(CleansingRoutes.Path(CleansingRoutes.WorklistItemHistory, id), "xem lịch sử mục cần làm sạch", cancellationToken);

    /// <summary>Gives every commune under the unit with open items of the category a directive task (province and district cleansing officers).</summary>
    public Task<QualityAssignmentDto> AssignQualityAsync(AssignQualityRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<QualityAssignmentDto>(CleansingRoutes.Path(CleansingRoutes.RegistryQualityAssignments), request, "giao xã, phường làm sạch", cancellationToken);

    /// <summary>The communes' assignments under the unit, open ones first, newest first.</summary>
    public Task<PagedResult<QualityAssignedCommuneDto>> ListQualityAssignmentsAsync(QualityAssignmentQuery query, int page, int pageSize, CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<QualityAssignedCommuneDto>>(ApiQuery.Append(CleansingRoutes.Path(CleansingRoutes.RegistryQualityAssignments), query, new { page, pageSize }),
            "xem việc giao xã, phường làm sạch", cancellationToken);

    private static MultipartFormDataContent WorklistForm(Stream file, string fileName, string category) => new()
    {
        { new StringContent(category), CleansingRoutes.WorklistCategory },
        { FileContent(file, fileName), CleansingRoutes.WorklistFile, fileName },
    };

    private static StreamContent FileContent(Stream file, string fileName)
    {
        var content = new StreamContent(file, 1 << 16);
        content.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)
            ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            : "text/csv");
        return content;
    }
}
