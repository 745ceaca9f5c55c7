using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Dakla06.Web.Directives;

/// <summary>Tasks, the status summary and working groups.</summary>
public sealed partial class DirectivesApiClient
{
    private const string TasksPath = "api/directives/tasks";
    private const string WorkingGroupsPath = "api/directives/working-groups";

    public async Task<PagedResult<TaskSummaryDto>> ListTasksAsync(TaskQuery query, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, TaskListUri(TasksPath, query, paged: true)), cancellationToken);
        await EnsureFilterAcceptedAsync(response, cancellationToken);
        await EnsureSuccessAsync(response, "xem danh sách nhiệm vụ", cancellationToken);
        return await response.Content.ReadFromJsonAsync<PagedResult<TaskSummaryDto>>(cancellationToken)
            ?? throw Unexpected("Dịch vụ văn bản chỉ đạo trả về dữ liệu rỗng.");
    }

    /// <summary>Tasks another service opened for one of its records (e.g. an inspection finding), visible to the user.</summary>
    public async Task<IReadOnlyList<TaskSummaryDto>> ListTasksForSourceAsync(string sourceId, CancellationToken cancellationToken = default)
    {
        var uri = QueryHelpers.AddQueryString(TasksPath, new Dictionary<string, string?> { ["sourceId"] = sourceId, ["pageSize"] = "20" });
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, uri), cancellationToken);
        await EnsureSuccessAsync(response, "xem nhiệm vụ khắc phục", cancellationToken);
        var page = await response.Content.ReadFromJsonAsync<PagedResult<TaskSummaryDto>>(cancellationToken);
        return page?.Items ?? [];
    }

    /// <summary>The .xlsx of every task matching the filters (not only the current page).</summary>
    public async Task<(byte[] Content, string FileName)> ExportTasksAsync(TaskQuery query, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(
            new HttpRequestMessage(HttpMethod.Get, TaskListUri($"{TasksPath}/export.xlsx", query, paged: false)), cancellationToken);
        await EnsureFilterAcceptedAsync(response, cancellationToken);
        await EnsureSuccessAsync(response, "xuất danh sách nhiệm vụ", cancellationToken);
        var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var fileName = response.Content.Headers.ContentDisposition?.FileNameStar
            ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"');
        return (content, string.IsNullOrWhiteSpace(fileName) ? "nhiem-vu.xlsx" : fileName);
    }

    /// <summary>The task, or null when it does not exist or the user may not see it.</summary>
    public async Task<TaskDetailDto?> GetTaskAsync(Guid id, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, $"{TasksPath}/{id}"), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, "xem nhiệm vụ", cancellationToken);
        return await response.Content.ReadFromJsonAsync<TaskDetailDto>(cancellationToken);
    }

    /// <param name="idempotencyKey">Same key for the same submission, so a retried request cannot assign twice.</param>
    public Task<ApiResult<AssignTasksResponse>> AssignTasksAsync(
        Guid documentId,
        AssignTasksRequest assignment,
        string idempotencyKey,
        CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/directives/documents/{documentId}/tasks")
        {
            Content = JsonContent.Create(assignment),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return CommandAsync<AssignTasksResponse>(request, "giao nhiệm vụ",
            "Bạn không có quyền giao nhiệm vụ cho đơn vị đã chọn (chỉ giao cho đơn vị thuộc phạm vi của bạn).", cancellationToken);
    }

    public Task<ApiResult<TaskDetailDto>> StartTaskAsync(Guid id, CancellationToken cancellationToken = default) =>
        TaskCommandAsync(id, "start", new { }, "bắt đầu thực hiện nhiệm vụ", cancellationToken);

    public Task<ApiResult<TaskDetailDto>> ReportTaskAsync(Guid id, ReportProgressRequest report, CancellationToken cancellationToken = default) =>
        TaskCommandAsync(id, "reports", report, "báo cáo tiến độ", cancellationToken);

    public Task<ApiResult<TaskDetailDto>> AcceptTaskAsync(Guid id, string? note, CancellationToken cancellationToken = default) =>
        TaskCommandAsync(id, "accept", new { note }, "nghiệm thu nhiệm vụ", cancellationToken);

    public Task<ApiResult<TaskDetailDto>> ReturnTaskAsync(Guid id, string reason, CancellationToken cancellationToken = default) =>
        TaskCommandAsync(id, "return", new { reason }, "trả lại nhiệm vụ", cancellationToken);

    public Task<ApiResult<TaskDetailDto>> RemindTaskAsync(Guid id, string note, CancellationToken cancellationToken = default) =>
        TaskCommandAsync(id, "remind", new { note }, "đôn đốc nhiệm vụ", cancellationToken);

    /// <param name="unitCode">Null for the user's own unit.</param>
    public async Task<UnitTaskSummaryDto> GetSummaryAsync(string? unitCode, CancellationToken cancellationToken = default)
    {
        var uri = unitCode is null ? "api/directives/summary" : QueryHelpers.AddQueryString("api/directives/summary", "unit", unitCode);
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, uri), cancellationToken);
        await EnsureSuccessAsync(response, "xem số liệu tổng hợp của đơn vị này", cancellationToken);
        return await response.Content.ReadFromJsonAsync<UnitTaskSummaryDto>(cancellationToken)
            ?? throw Unexpected("Dịch vụ văn bản chỉ đạo trả về dữ liệu rỗng.");
    }

    public async Task<PagedResult<WorkingGroupDto>> ListWorkingGroupsAsync(
        string? unitCode,
        int page,
        int pageSize,
        CancellationToken cancellationToken = default)
    {
        var parameters = new Dictionary<string, string?>
        {
            ["unit"] = unitCode,
            ["page"] = page.ToString(CultureInfo.InvariantCulture),
            ["pageSize"] = pageSize.ToString(CultureInfo.InvariantCulture),
        };
        var uri = QueryHelpers.AddQueryString(WorkingGroupsPath, parameters.Where(p => p.Value is not null));
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, uri), cancellationToken);
        await EnsureSuccessAsync(response, "xem danh sách tổ công tác", cancellationToken);
        return await response.Content.ReadFromJsonAsync<PagedResult<WorkingGroupDto>>(cancellationToken)
            ?? throw Unexpected("Dịch vụ văn bản chỉ đạo trả về dữ liệu rỗng.");
    }

    public async Task<WorkingGroupCoverageDto> GetWorkingGroupCoverageAsync(string? unitCode, CancellationToken cancellationToken = default)
    {
        var path = $"{WorkingGroupsPath}/coverage";
        var uri = unitCode is null ? path : QueryHelpers.AddQueryString(path, "unit", unitCode);
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, uri), cancellationToken);
        await EnsureSuccessAsync(response, "xem tỉ lệ thành lập tổ công tác", cancellationToken);
        return await response.Content.ReadFromJsonAsync<WorkingGroupCoverageDto>(cancellationToken)
            ?? throw Unexpected("Dịch vụ văn bản chỉ đạo trả về dữ liệu rỗng.");
    }

    public Task<ApiResult<WorkingGroupDto>> UpdateWorkingGroupAsync(
        string unitCode,
        UpdateWorkingGroupRequest update,
        CancellationToken cancellationToken = default) =>
        CommandAsync<WorkingGroupDto>(
            new HttpRequestMessage(HttpMethod.Put, $"{WorkingGroupsPath}/{Uri.EscapeDataString(unitCode)}") { Content = JsonContent.Create(update) },
            "cập nhật tổ công tác",
            "Bạn không có quyền cập nhật tổ công tác của đơn vị này (cần vai trò Cán bộ theo dõi chỉ đạo; đơn vị thuộc phạm vi của bạn).",
            cancellationToken);

    private Task<ApiResult<TaskDetailDto>> TaskCommandAsync(Guid id, string action, object body, string description, CancellationToken cancellationToken) =>
        CommandAsync<TaskDetailDto>(
            new HttpRequestMessage(HttpMethod.Post, $"{TasksPath}/{id}/{action}") { Content = JsonContent.Create(body) },
            description,
            $"Bạn không có quyền {description}.",
            cancellationToken);

    /// <summary>
    /// Sends a command: 2xx gives its body (or, for an empty body, a failure naming nothing else to show), 400 the
    /// field messages, 403/404/409 the API's detail as a general message; anything else throws.
    /// </summary>
    private async Task<ApiResult<T>> CommandAsync<T>(
        HttpRequestMessage request,
        string action,
        string forbiddenMessage,
        CancellationToken cancellationToken)
        where T : class
    {
        using var response = await SendAsync(request, cancellationToken);
        switch (response.StatusCode)
        {
            case >= HttpStatusCode.OK and < HttpStatusCode.Ambiguous:
                var value = response.Content.Headers.ContentLength == 0
                    ? null
                    : await response.Content.ReadFromJsonAsync<T>(cancellationToken);
                return value is null
                    ? throw Unexpected("Dịch vụ văn bản chỉ đạo trả về dữ liệu rỗng.")
                    : ApiResult.Success(value);
            case HttpStatusCode.BadRequest:
                return ApiResult.Failed<T>(await ServiceApiCalls.ReadValidationProblemAsync(response, ApiResult<object>.GeneralErrorKey, cancellationToken));
            case HttpStatusCode.Conflict:
                return ApiResult.Failed<T>(await ServiceApiCalls.ProblemDetailAsync(response, cancellationToken)
                    ?? "Không thực hiện được: trạng thái đã thay đổi. Vui lòng tải lại trang.");
            case HttpStatusCode.Forbidden:
                return ApiResult.Failed<T>(await ServiceApiCalls.ProblemDetailAsync(response, cancellationToken) ?? forbiddenMessage);
            case HttpStatusCode.NotFound:
                return ApiResult.Failed<T>(await ServiceApiCalls.ProblemDetailAsync(response, cancellationToken)
                    ?? "Không tìm thấy: có thể đã bị xóa hoặc không thuộc phạm vi đơn vị của bạn.");
            default:
                await EnsureSuccessAsync(response, action, cancellationToken);
                throw Unexpected($"Dịch vụ văn bản chỉ đạo trả lời bất thường (mã {(int)response.StatusCode}).");
        }
    }

    private static async Task EnsureFilterAcceptedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            var problem = await ServiceApiCalls.ReadValidationProblemAsync(response, ApiResult<object>.GeneralErrorKey, cancellationToken);
            var detail = string.Join(" ", problem.Values.SelectMany(v => v));
            throw new DirectivesApiException(ApiFailure.Unexpected, $"Điều kiện lọc không hợp lệ. {detail}".Trim());
        }
    }

    private static string TaskListUri(string path, TaskQuery query, bool paged)
    {
        var parameters = new Dictionary<string, string?>
        {
            ["mine"] = string.IsNullOrEmpty(query.Mine) ? null : query.Mine,
            ["status"] = string.IsNullOrEmpty(query.Status) ? null : query.Status,
            ["assigneeUnit"] = string.IsNullOrEmpty(query.AssigneeUnit) ? null : query.AssigneeUnit,
            ["documentId"] = query.DocumentId?.ToString(),
            ["overdue"] = query.OverdueOnly ? "true" : null,
            ["dueAfter"] = query.DueAfter?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["dueBefore"] = query.DueBefore?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["q"] = string.IsNullOrWhiteSpace(query.Text) ? null : query.Text.Trim(),
            ["page"] = paged ? query.Page.ToString(CultureInfo.InvariantCulture) : null,
            ["pageSize"] = paged ? query.PageSize.ToString(CultureInfo.InvariantCulture) : null,
        };
        return QueryHelpers.AddQueryString(path, parameters.Where(p => p.Value is not null));
    }
}
