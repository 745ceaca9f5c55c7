using Dakla06.Cleansing.Data;
using Dakla06.Cleansing.Quality;
using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Cleansing;
using Dakla06.People;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Dakla06.Cleansing.Api;

/// <summary>Registry-quality worklists: importing lists, the items officers work, closing one or many, history.</summary>
public static class WorklistsApi
{
    public static RouteGroupBuilder MapWorklistsApi(this RouteGroupBuilder group)
    {
        var worklists = group.MapGroup(string.Empty).WithTags("Worklists");

        worklists.MapPost(CleansingRoutes.WorklistImport, Import)
            .RequireRole(Roles.CleansingOfficer)
            .Accepts<IFormFile>("multipart/form-data")
            .WithMetadata(new RequestSizeLimitAttribute(WorklistFile.MaxFileBytes + MultipartUpload.FormOverheadBytes))
            .WithName("ImportWorklist")
            .WithSummary("Imports a list (multipart 'file' CSV or XLSX, header so_dinh_danh,ghi_chu; 'category' one of the configured list categories): one item per person at the person's commune; a line whose person is not in the registry within the caller's scope is reported with its line number. Cleansing officers.");

        worklists.MapPost(CleansingRoutes.WorklistBulkClose, BulkClose)
            .RequireRole(Roles.CleansingOfficer)
            .Accepts<IFormFile>("multipart/form-data")
            .WithMetadata(new RequestSizeLimitAttribute(WorklistFile.MaxFileBytes + MultipartUpload.FormOverheadBytes))
            .WithName("BulkCloseWorklist")
            .WithSummary("Closes the category's open items in the caller's scope of the persons of a CSV or XLSX (header so_dinh_danh,ket_qua,ma_ly_do,ghi_chu); lines that close nothing are reported with their line number. Cleansing officers.");

        worklists.MapGet(CleansingRoutes.WorklistItems, List).WithName("ListQualityItems")
            .WithSummary("Items of the unit's subtree (default the caller's unit; 404 outside the scope) by category, status or ID number, open first; masked unless pii-reader (unmasked reads are audited).");

        worklists.MapGet(CleansingRoutes.WorklistItem, Get).WithName("GetQualityItem")
            .WithSummary("One item; 404 when it does not exist or lies outside the caller's scope; masked unless pii-reader (audited).");

        worklists.MapPost(CleansingRoutes.WorklistItemClose, Close).RequireRole(Roles.CleansingOfficer).WithName("CloseQualityItem")
            .WithSummary("Closes an open item with an outcome: updated, cannot_update (with a reason code and a note) or, for old_id_missing, marked_no_old_id; 409 when it is closed already.");

        worklists.MapGet(CleansingRoutes.WorklistItemHistory, History).WithName("GetQualityItemHistory")
            .WithSummary("Every change of the item (who, when, what), oldest first.");

        return group;
    }

    private static async Task<Results<Ok<WorklistImportResponse>, ValidationProblem>> Import(
        HttpRequest request, Caller caller, QualityItemStore store, QualitySettings settings, CancellationToken cancellationToken) =>
        await ApplyFileAsync(request, settings, close: false, async (category, lines) => await store.ImportListAsync(caller.Scope, category, lines, caller.Username, cancellationToken), cancellationToken);

    private static async Task<Results<Ok<WorklistImportResponse>, ValidationProblem>> BulkClose(
        HttpRequest request, Caller caller, QualityItemStore store, QualitySettings settings, CancellationToken cancellationToken) =>
        await ApplyFileAsync(request, settings, close: true, async (category, lines) => await store.BulkCloseAsync(caller.Scope, category, lines, caller.Username, cancellationToken), cancellationToken);

    /// <summary>Reads the upload (bounded while it streams) and its file, then applies the valid lines.</summary>
    private static async Task<Results<Ok<WorklistImportResponse>, ValidationProblem>> ApplyFileAsync(
        HttpRequest request, QualitySettings settings, bool close, Func<string, IReadOnlyList<WorklistLine>, Task<WorklistApplied>> apply,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        using var content = new MemoryStream();
        var form = await MultipartUpload.ReadAsync(request, WorklistFile.Upload, _ => content, cancellationToken);
        var category = form.Fields.GetValueOrDefault(CleansingRoutes.WorklistCategory)?.Trim() ?? string.Empty;
        if (close ? !settings.IsCategory(category) : !settings.IsList(category))
        {
            var allowed = close ? settings.Categories : settings.Lists.Select(l => l.Key);
            errors.Add(CleansingRoutes.WorklistCategory, $"Loại danh sách phải là một trong: {string.Join(", ", allowed)}.");
        }

        if (form.FileName is null || form.FileBytes == 0)
        {
            errors.Add(CleansingRoutes.WorklistFile, "Hãy chọn tệp .csv hoặc .xlsx (trường \"file\" của biểu mẫu multipart).");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        content.Position = 0;
        var rejected = new List<RegistryRejectedLineDto>();
        var lines = WorklistFile.Read(content, form.FileName!, close ? settings.OutcomesOf(category) : null,
            [.. settings.CannotUpdateReasons.Select(r => r.Key)], rejected, errors);
        if (lines is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var applied = await apply(category, lines);
        var unmatched = close
            ? "Không có mục đang mở của loại này cho số định danh này trong phạm vi của bạn"
            : "Không tìm thấy công dân trong CSDL dân cư thuộc phạm vi của bạn";
        rejected.AddRange(applied.UnmatchedLines.Select(l => new RegistryRejectedLineDto(l, unmatched)));
        rejected.Sort((a, b) => a.Line.CompareTo(b.Line));
        return TypedResults.Ok(new WorklistImportResponse(category, lines.Count + rejected.Count - applied.UnmatchedLines.Count,
            applied.Opened, applied.AlreadyOpen, applied.Closed, rejected.Count, [.. rejected.Take(RegistryStore.MaxListedRejections)]));
    }

    private static async Task<Results<Ok<PagedResult<QualityItemDto>>, ValidationProblem, NotFound>> List(
        Caller caller, QualityItemStore store, QualitySettings settings, PersonalDataAudit audit, [AsParameters] QualityItemQuery query,
        CancellationToken cancellationToken, int? page = null, int? pageSize = null)
    {
        var errors = new ValidationErrors();
        var pageRequest = PageRequest.From(page, pageSize, errors);
        var unit = QueryUnits.Find(query.Unit, "unit", errors) ?? caller.Unit;
        if (query.Category is not null && !settings.IsCategory(query.Category))
        {
            errors.Add("category", $"Loại phải là một trong: {string.Join(", ", settings.Categories)}.");
        }

        if (query.Status is not null && !QualityItemStatuses.All.Contains(query.Status))
        {
            errors.Add("status", $"Trạng thái phải là một trong: {string.Join(", ", QualityItemStatuses.All)}.");
        }

        if (query.IdNumber is { Length: > 12 })
        {
            errors.Add("idNumber", "Số định danh gồm 12 chữ số.");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        if (!caller.Unit.Contains(unit))
        {
            return TypedResults.NotFound();
        }

        var unmasked = caller.HasRole(Roles.PiiReader);
        if (unmasked)
        {
            await audit.WriteAsync(caller.Username, CleansingAudit.ReadQualityItems, null, null,
                $"unit={unit.Code} category={query.Category ?? "*"} status={query.Status ?? "*"} page={pageRequest.Page} pageSize={pageRequest.PageSize}", cancellationToken);
        }

        var result = await store.ListAsync(caller.Scope, unit.Path, query, pageRequest, cancellationToken);
        return TypedResults.Ok(new PagedResult<QualityItemDto>(result.Page, result.PageSize, result.Total,
            [.. result.Items.Select(i => ToDto(i, settings, unmasked))]));
    }

    private static async Task<Results<Ok<QualityItemDto>, NotFound>> Get(
        Guid id, Caller caller, QualityItemStore store, QualitySettings settings, PersonalDataAudit audit, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(caller.Scope, id, cancellationToken) is not { } item)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await ReadAsync(item, caller, settings, audit, cancellationToken));
    }

    private static async Task<Results<Ok<QualityItemDto>, ValidationProblem, NotFound, Conflict<ProblemDetails>>> Close(
        Guid id, CloseQualityItemRequest? request, Caller caller, QualityItemStore store, QualitySettings settings, PersonalDataAudit audit,
        CancellationToken cancellationToken)
    {
        if (await store.FindAsync(caller.Scope, id, cancellationToken) is not { } item)
        {
            return TypedResults.NotFound();
        }

        var errors = new ValidationErrors();
        var outcome = request?.Outcome?.Trim();
        var reason = string.IsNullOrWhiteSpace(request?.ReasonCode) ? null : request.ReasonCode.Trim();
        var note = string.IsNullOrWhiteSpace(request?.Note) ? null : request.Note.Trim();
        var outcomes = settings.OutcomesOf(item.Category);
        if (outcome is null || !outcomes.Contains(outcome))
        {
            errors.Add("outcome", $"Kết quả của mục loại này phải là một trong: {string.Join(", ", outcomes)}.");
        }

        if (outcome == QualityOutcomes.CannotUpdate)
        {
            if (reason is null || !settings.CannotUpdateReasons.Any(r => r.Key == reason))
            {
                errors.Add("reasonCode", $"Mã lý do phải là một trong: {string.Join(", ", settings.CannotUpdateReasons.Select(r => r.Key))}.");
            }

            if (note is null)
            {
                errors.Add("note", "Hãy ghi rõ vì sao không thể cập nhật.");
            }
        }
        else if (reason is not null)
        {
            errors.Add("reasonCode", "Chỉ ghi mã lý do khi không thể cập nhật.");
        }

        if (note is { Length: > WorklistFile.MaxNoteLength })
        {
            errors.Add("note", $"Ghi chú tối đa {WorklistFile.MaxNoteLength} ký tự.");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        switch (await store.CloseAsync(caller.Scope, id, outcome!, reason, note, caller.Username, cancellationToken))
        {
            case CloseResult.NotFound:
                return TypedResults.NotFound();
            case CloseResult.AlreadyClosed:
                return TypedResults.Conflict(new ProblemDetails
                {
                    Status = StatusCodes.Status409Conflict,
                    Title = "Mục đã đóng",
                    Detail = "Mục này đã được đóng; kết quả đã ghi không thay đổi.",
                });
        }

        var closed = await store.FindAsync(caller.Scope, id, cancellationToken) ?? item;
        return TypedResults.Ok(await ReadAsync(closed, caller, settings, audit, cancellationToken));
    }

    private static async Task<Results<Ok<IReadOnlyList<QualityItemChangeDto>>, NotFound>> History(
        Guid id, Caller caller, QualityItemStore store, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(caller.Scope, id, cancellationToken) is not { } item)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await store.HistoryAsync(item, cancellationToken));
    }

    /// <summary>The item for the caller: unmasked only for a pii-reader, and then written to the audit log.</summary>
    private static async Task<QualityItemDto> ReadAsync(StoredQualityItem item, Caller caller, QualitySettings settings, PersonalDataAudit audit, CancellationToken cancellationToken)
    {
        var unmasked = caller.HasRole(Roles.PiiReader);
        if (unmasked)
        {
            await audit.WriteAsync(caller.Username, CleansingAudit.ReadQualityItems, item.Id, null, $"item {item.Id}", cancellationToken);
        }

        return ToDto(item, settings, unmasked);
    }

    private static QualityItemDto ToDto(StoredQualityItem i, QualitySettings settings, bool unmasked)
    {
        var dateOfBirth = i.DateOfBirth is { } d ? PartialDate.From(d).ToString() : null;
        return new QualityItemDto(
            i.Id, i.Category, settings.NameOf(i.Category), i.Status, i.Outcome, i.ReasonCode, i.Note,
            i.CommuneCode, AdminUnitDirectory.Default.NameOf(i.CommuneCode),
            unmasked ? i.IdNumber : PersonalData.MaskIdNumber(i.IdNumber),
            unmasked ? i.FullName : PersonalData.MaskName(i.FullName),
            unmasked ? dateOfBirth : PersonalData.MaskDateOfBirth(dateOfBirth),
            unmasked ? i.HouseholdId : PersonalData.MaskIdNumber(i.HouseholdId),
            unmasked ? i.OtherIdNumber : PersonalData.MaskIdNumber(i.OtherIdNumber),
            unmasked ? i.OtherFullName : PersonalData.MaskName(i.OtherFullName),
            i.MissingFields ?? [], i.Detail, i.OpenedAt, i.ClosedAt, i.ClosedBy, !unmasked);
    }
}
