namespace Dakla06.Contracts.Http.Directives;

/// <summary>Typed client of the directive-tracking API (see <see cref="ServiceApiClient"/>).</summary>
public sealed class DirectivesClient(HttpClient http, IApiCallContext? context = null) : ServiceApiClient(http, context)
{
    /// <summary>Aspire service discovery: the <c>directives-api</c> resource, https when it has it.</summary>
    public const string ServiceAddress = "https+http://directives-api";

    protected override string ServiceName => "dịch vụ văn bản chỉ đạo";

    public Task<PagedResult<DocumentDto>> ListDocumentsAsync(DocumentQuery query, int page, int pageSize, CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<DocumentDto>>(ApiQuery.Append(DirectivesRoutes.Path(DirectivesRoutes.Documents), query, new { page, pageSize }),
            "xem danh sách văn bản", cancellationToken);

    /// <summary>The document, or null when it does not exist or the caller may not see it.</summary>
    public Task<DocumentDto?> GetDocumentAsync(Guid id, CancellationToken cancellationToken = default) =>
        FindAsync<DocumentDto>(DirectivesRoutes.Path(DirectivesRoutes.Document, id), "xem văn bản", cancellationToken);

    /// <param name="idempotencyKey">The same key for the same submission, so a retried request cannot create twice.</param>
    public Task<DocumentDto> CreateDocumentAsync(CreateDocumentRequest document, string idempotencyKey, CancellationToken cancellationToken = default) =>
        PostAsync<DocumentDto>(DirectivesRoutes.Path(DirectivesRoutes.Documents), document, "tạo văn bản", cancellationToken, idempotencyKey);

    /// <summary>Assigns a task of the document to its target: one task per unit.</summary>
    public Task<CreateTasksResponse> CreateTasksAsync(Guid documentId, CreateTasksRequest task, string idempotencyKey, CancellationToken cancellationToken = default) =>
        PostAsync<CreateTasksResponse>(DirectivesRoutes.Path(DirectivesRoutes.DocumentTasks, documentId), task, "giao nhiệm vụ", cancellationToken, idempotencyKey);

    public Task<PagedResult<TaskSummaryDto>> ListTasksAsync(TaskQuery query, int page, int pageSize, CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<TaskSummaryDto>>(ApiQuery.Append(DirectivesRoutes.Path(DirectivesRoutes.Tasks), query, new { page, pageSize }),
            "xem danh sách nhiệm vụ", cancellationToken);

    /// <summary>The filtered task list as an Excel workbook.</summary>
    public Task<ApiFile> ExportTasksAsync(TaskQuery query, CancellationToken cancellationToken = default) =>
        DownloadAsync(ApiQuery.Append(DirectivesRoutes.Path(DirectivesRoutes.TasksExport), query), "nhiem-vu.xlsx", "xuất danh sách nhiệm vụ", cancellationToken);

    /// <summary>The task, or null when it does not exist or the caller may not see it.</summary>
    public Task<TaskDetailDto?> GetTaskAsync(Guid id, CancellationToken cancellationToken = default) =>
        FindAsync<TaskDetailDto>(DirectivesRoutes.Path(DirectivesRoutes.Task, id), "xem nhiệm vụ", cancellationToken);

    public Task<TaskDetailDto> StartTaskAsync(Guid id, CancellationToken cancellationToken = default) =>
        PostAsync<TaskDetailDto>(DirectivesRoutes.Path(DirectivesRoutes.TaskStart, id), null, "bắt đầu thực hiện nhiệm vụ", cancellationToken);

    public Task<TaskDetailDto> ReportTaskAsync(Guid id, ReportTaskRequest report, CancellationToken cancellationToken = default) =>
        PostAsync<TaskDetailDto>(DirectivesRoutes.Path(DirectivesRoutes.TaskReports, id), report, "báo cáo tiến độ", cancellationToken);

    public Task<TaskDetailDto> AcceptTaskAsync(Guid id, AcceptTaskRequest acceptance, CancellationToken cancellationToken = default) =>
        PostAsync<TaskDetailDto>(DirectivesRoutes.Path(DirectivesRoutes.TaskAccept, id), acceptance, "công nhận hoàn thành", cancellationToken);

    public Task<TaskDetailDto> ReturnTaskAsync(Guid id, ReturnTaskRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<TaskDetailDto>(DirectivesRoutes.Path(DirectivesRoutes.TaskReturn, id), request, "trả lại báo cáo", cancellationToken);

    public Task<TaskDetailDto> RemindTaskAsync(Guid id, RemindTaskRequest reminder, CancellationToken cancellationToken = default) =>
        PostAsync<TaskDetailDto>(DirectivesRoutes.Path(DirectivesRoutes.TaskRemind, id), reminder, "đôn đốc", cancellationToken);

    /// <summary>Tasks over the subtree of <paramref name="unit"/> (default the caller's unit), and per direct child unit.</summary>
    public Task<SummaryDto> GetSummaryAsync(string? unit = null, CancellationToken cancellationToken = default) =>
        GetAsync<SummaryDto>(ApiQuery.Append(DirectivesRoutes.Path(DirectivesRoutes.Summary), new { unit }), "xem tổng hợp nhiệm vụ", cancellationToken);

    public Task<PagedResult<WorkingGroupDto>> ListWorkingGroupsAsync(string? unit, int page, int pageSize, CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<WorkingGroupDto>>(ApiQuery.Append(DirectivesRoutes.Path(DirectivesRoutes.WorkingGroups), new { unit, page, pageSize }),
            "xem danh sách Tổ công tác", cancellationToken);

    public Task<WorkingGroupCoverageDto> GetWorkingGroupCoverageAsync(string? unit = null, CancellationToken cancellationToken = default) =>
        GetAsync<WorkingGroupCoverageDto>(ApiQuery.Append(DirectivesRoutes.Path(DirectivesRoutes.WorkingGroupCoverage), new { unit }),
            "xem tổng hợp Tổ công tác", cancellationToken);

    public Task<WorkingGroupDto> UpdateWorkingGroupAsync(string unitCode, UpdateWorkingGroupRequest update, CancellationToken cancellationToken = default) =>
        PutAsync<WorkingGroupDto>(DirectivesRoutes.Path(DirectivesRoutes.WorkingGroup, unitCode), update, "cập nhật Tổ công tác", cancellationToken);
}
