using System.Net.Http.Headers;

namespace Dakla06.Contracts.Http.Statistics;

/// <summary>Typed client of the public-service statistics API (see <see cref="ServiceApiClient"/>).</summary>
public sealed class StatisticsClient(HttpClient http, IApiCallContext? context = null) : ServiceApiClient(http, context)
{
    /// <summary>Aspire service discovery: the <c>statistics-api</c> resource, https when it has it.</summary>
    public const string ServiceAddress = "https+http://statistics-api";

    protected override string ServiceName => "dịch vụ thống kê dịch vụ công";

    public Task<PagedResult<ProcedureDto>> ListProceduresAsync(ProcedureQuery query, int page, int pageSize, CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<ProcedureDto>>(ApiQuery.Append(StatisticsRoutes.Path(StatisticsRoutes.Procedures), query, new { page, pageSize }),
            "xem danh mục thủ tục hành chính", cancellationToken);

    /// <summary>Uploads the procedure catalogue (.csv or .xlsx); valid lines are upserted, invalid ones come back with their line number.</summary>
    public Task<ProcedureImportResponse> ImportProceduresAsync(Stream file, string fileName, CancellationToken cancellationToken = default) =>
        UploadAsync<ProcedureImportResponse>(StatisticsRoutes.Path(StatisticsRoutes.ProceduresImport), Form(file, fileName),
            "nhập danh mục thủ tục hành chính", cancellationToken);

    /// <summary>Uploads a dossier file of <paramref name="source"/> (see <see cref="DossierSources"/>); the import runs as a job.</summary>
    public Task<ImportDto> ImportDossiersAsync(Stream file, string fileName, string source, CancellationToken cancellationToken = default)
    {
        var form = Form(file, fileName);
        form.Add(new StringContent(source), StatisticsRoutes.ImportSource);
        return UploadAsync<ImportDto>(StatisticsRoutes.Path(StatisticsRoutes.DossiersImport), form, "nhập hồ sơ", cancellationToken);
    }

    /// <summary>The import job, or null when it does not exist or lies outside the caller's scope.</summary>
    public Task<ImportDto?> GetImportAsync(Guid id, CancellationToken cancellationToken = default) =>
        FindAsync<ImportDto>(StatisticsRoutes.Path(StatisticsRoutes.Import, id), "xem tiến độ nhập hồ sơ", cancellationToken);

    /// <summary>The findings of an import in line order: errors (rejected lines) and warnings (stored lines).</summary>
    public Task<PagedResult<ImportErrorDto>> ListImportErrorsAsync(Guid id, int page, int pageSize, CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<ImportErrorDto>>(ApiQuery.Append(StatisticsRoutes.Path(StatisticsRoutes.ImportErrors, id), new { page, pageSize }),
            "xem các dòng bị từ chối", cancellationToken);

    /// <summary>The rules the dossier import applies, with their severity.</summary>
    public Task<IReadOnlyList<ValidationRuleDto>> ListValidationRulesAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<ValidationRuleDto>>(StatisticsRoutes.Path(StatisticsRoutes.ValidationRules), "xem quy tắc kiểm tra dữ liệu", cancellationToken);

    /// <summary>Units × months of the unit's subtree whose received count stands out against the unit's own months.</summary>
    public Task<OutliersResponse> GetOutliersAsync(PeriodQuery query, CancellationToken cancellationToken = default) =>
        GetAsync<OutliersResponse>(ApiQuery.Append(StatisticsRoutes.Path(StatisticsRoutes.Outliers), query), "xem các tháng bất thường", cancellationToken);

    public Task<IndicatorsResponse> GetIndicatorsAsync(IndicatorQuery query, CancellationToken cancellationToken = default) =>
        GetAsync<IndicatorsResponse>(ApiQuery.Append(StatisticsRoutes.Path(StatisticsRoutes.Indicators), query), "xem chỉ tiêu dịch vụ công", cancellationToken);

    public Task<ProcedureSummaryResponse> GetProcedureSummaryAsync(PeriodQuery query, CancellationToken cancellationToken = default) =>
        GetAsync<ProcedureSummaryResponse>(ApiQuery.Append(StatisticsRoutes.Path(StatisticsRoutes.ProceduresSummary), query),
            "xem tổng hợp thủ tục theo mức độ", cancellationToken);

    public Task<EssentialServicesResponse> GetEssentialServicesAsync(PeriodQuery query, CancellationToken cancellationToken = default) =>
        GetAsync<EssentialServicesResponse>(ApiQuery.Append(StatisticsRoutes.Path(StatisticsRoutes.EssentialServices), query),
            "xem 25 dịch vụ công thiết yếu", cancellationToken);

    /// <summary>The indicators that may be reported by hand.</summary>
    public Task<IReadOnlyList<ReportedIndicatorDto>> ListReportedIndicatorsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<ReportedIndicatorDto>>(StatisticsRoutes.Path(StatisticsRoutes.ReportedIndicators), "xem danh sách chỉ tiêu báo cáo", cancellationToken);

    public Task<PagedResult<ReportedValueDto>> ListReportedValuesAsync(ReportedValueQuery query, int page, int pageSize, CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<ReportedValueDto>>(ApiQuery.Append(StatisticsRoutes.Path(StatisticsRoutes.ReportedValues), query, new { page, pageSize }),
            "xem số liệu báo cáo", cancellationToken);

    /// <summary>Submits a value, or changes the submitted value of the same indicator, unit and period; an approved value answers 409.</summary>
    public Task<ReportedValueDto> SubmitReportedValueAsync(SubmitReportedValueRequest request, CancellationToken cancellationToken = default) =>
        PutAsync<ReportedValueDto>(StatisticsRoutes.Path(StatisticsRoutes.ReportedValues), request, "nhập số liệu báo cáo", cancellationToken);

    public Task<ReportedValueDto> ApproveReportedValueAsync(Guid id, CancellationToken cancellationToken = default) =>
        PostAsync<ReportedValueDto>(StatisticsRoutes.Path(StatisticsRoutes.ReportedValueApprove, id), null, "phê duyệt số liệu báo cáo", cancellationToken);

    public Task<ReportedValueDto> UnlockReportedValueAsync(Guid id, CancellationToken cancellationToken = default) =>
        PostAsync<ReportedValueDto>(StatisticsRoutes.Path(StatisticsRoutes.ReportedValueUnlock, id), null, "mở khóa số liệu báo cáo", cancellationToken);

    /// <summary>Every change of the value, oldest first.</summary>
    public Task<IReadOnlyList<ReportedValueChangeDto>> GetReportedValueHistoryAsync(Guid id, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<ReportedValueChangeDto>>(StatisticsRoutes.Path(StatisticsRoutes.ReportedValueHistory, id), "xem lịch sử số liệu báo cáo", cancellationToken);

    /// <summary>Sets a target (upserted by indicator, unit or level, from and to); returns it as stored.</summary>
    public Task<TargetDto> SetTargetAsync(SetTargetRequest request, CancellationToken cancellationToken = default) =>
        PutAsync<TargetDto>(StatisticsRoutes.Path(StatisticsRoutes.Targets), request, "đặt chỉ tiêu", cancellationToken);

    /// <summary>The targets that apply to a unit (the caller's when absent) and the units below it.</summary>
    public Task<PagedResult<TargetDto>> ListTargetsAsync(TargetQuery query, int page, int pageSize, CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<TargetDto>>(ApiQuery.Append(StatisticsRoutes.Path(StatisticsRoutes.Targets), query, new { page, pageSize }),
            "xem chỉ tiêu", cancellationToken);

    /// <summary>Deletes a target; returns it as it was.</summary>
    public Task<TargetDto> DeleteTargetAsync(Guid id, CancellationToken cancellationToken = default) =>
        SendAsync<TargetDto>(HttpMethod.Delete, StatisticsRoutes.Path(StatisticsRoutes.Target, id), content: null, "xóa chỉ tiêu", cancellationToken);

    private static MultipartFormDataContent Form(Stream file, string fileName)
    {
        var content = new StreamContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
            ? "text/csv"
            : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return new MultipartFormDataContent { { content, StatisticsRoutes.ImportFile, fileName } };
    }
}
