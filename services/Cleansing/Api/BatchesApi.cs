using System.Text.Json;
using Dakla06.Cleansing.Data;
using Dakla06.Cleansing.Domain;
using Dakla06.Cleansing.Jobs;
using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Cleansing;
using Dakla06.People;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Dakla06.Cleansing.Api;

/// <summary>Stored records as the API answers with them: personal data masked unless the caller may read it.</summary>
internal static class RecordMapping
{
    public static RecordDto ToDto(StoredRecord r, BatchColumns columns, bool unmasked)
    {
        var mask = !unmasked;
        return new RecordDto(
            r.LineNo,
            mask ? MaskValues(r.Values, columns) : r.Values,
            mask ? null : r.RawText,
            mask ? PersonalData.MaskIdNumber(r.Get(columns.IdNumber)) : r.Get(columns.IdNumber),
            mask ? PersonalData.MaskName(r.Get(columns.FullName)) : r.Get(columns.FullName),
            mask ? PersonalData.MaskDateOfBirth(r.Get(columns.DateOfBirth)) : r.Get(columns.DateOfBirth),
            r.Get(columns.Gender),
            r.Get(columns.CommuneCode),
            r.Class,
            r.Reason,
            r.MismatchedFields,
            mask ? PersonalData.MaskIdNumber(r.MatchedIdNumber(columns)) : r.MatchedIdNumber(columns),
            ReadSuggestions(r.Suggestions, mask),
            r.Resolution,
            r.ResolutionNote,
            mask ? PersonalData.MaskIdNumber(r.CorrectedIdNumber) : r.CorrectedIdNumber,
            mask ? PersonalData.MaskName(r.CorrectedFullName) : r.CorrectedFullName,
            mask ? PersonalData.MaskDateOfBirth(r.CorrectedDateOfBirth) : r.CorrectedDateOfBirth,
            r.CorrectedGender,
            r.CorrectedCommuneCode,
            r.Cleaned,
            r.ResolvedBy,
            r.ResolvedAt,
            mask);
    }

    /// <summary>The input values with every personal column masked, whatever its header calls it (<see cref="BatchColumns.PersonalFields"/>).</summary>
    public static string?[]? MaskValues(string?[]? values, BatchColumns columns) =>
        values is null ? null : PersonalData.MaskValues(values, columns.PersonalFields);

    public static IReadOnlyList<SuggestionDto> ReadSuggestions(string? json, bool mask)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        var list = new List<SuggestionDto>();
        foreach (var s in document.RootElement.EnumerateArray())
        {
            var id = s.GetProperty("idNumber").GetString();
            var name = s.GetProperty("fullName").GetString();
            var dob = s.GetProperty("dateOfBirth").GetString();
            list.Add(new SuggestionDto(
                mask ? PersonalData.MaskIdNumber(id) : id,
                mask ? PersonalData.MaskName(name) : name,
                mask ? PersonalData.MaskDateOfBirth(dob) : dob,
                s.GetProperty("gender").GetString(),
                s.GetProperty("communeCode").GetString(),
                s.GetProperty("score").GetInt32(),
                s.GetProperty("reason").GetString() ?? string.Empty,
                s.GetProperty("confident").GetBoolean(),
                s.TryGetProperty("deceased", out var deceased) && deceased.GetBoolean()));
        }

        return list;
    }
}

public static class BatchesApi
{
    /// <summary>The parts of an upload: the file up to <see cref="MaxUploadBytes"/>, three text fields of at most 200 characters.</summary>
    private static readonly UploadLimits Upload = new(CleansingRoutes.BatchFile, MaxUploadBytes, [CleansingRoutes.BatchDataset, CleansingRoutes.BatchUnitCode, CleansingRoutes.BatchCampaignId]);

    /// <summary>Largest upload accepted (a million records of a sector file is ~100–200 MB).</summary>
    public const long MaxUploadBytes = 512L * 1024 * 1024;

    public const string StorageDirectoryKey = "Cleansing:StorageDirectory";

    public static RouteGroupBuilder MapBatchesApi(this RouteGroupBuilder group)
    {
        var batches = group.MapGroup(string.Empty).WithTags("Batches");

        batches.MapPost(CleansingRoutes.Batches, UploadBatch)
            .RequireRole(Roles.CleansingOfficer)
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes))
            .WithName("UploadBatch")
            .WithSummary("Uploads a sector file (multipart: file as CSV or XLSX, dataset, unitCode, campaignId?) for validation; 202 with the batch id.");

        batches.MapGet(CleansingRoutes.Batches, ListBatches).WithName("ListBatches")
            .WithSummary("Batches of units in the caller's scope, newest first.");

        batches.MapGet(CleansingRoutes.Batch, GetBatch).WithName("GetBatch")
            .WithSummary("Status, total, processed, counts per class, progress and records/s of a batch.");

        batches.MapPost(CleansingRoutes.BatchCancel, CancelBatch).RequireRole(Roles.CleansingOfficer).WithName("CancelBatch")
            .WithSummary("Cancels a queued batch, or stops a running one after its current chunk (committed records stay).");

        batches.MapGet(CleansingRoutes.BatchRecords, ListRecords).WithName("ListBatchRecords")
            .WithSummary("Records of a batch in line order, optionally of one class; personal data masked unless pii-reader (unmasked reads are audited).");

        batches.MapGet(CleansingRoutes.BatchRecord, GetRecord).WithName("GetBatchRecord")
            .WithSummary("One record with its suggestions; masked unless pii-reader (unmasked reads are audited).");

        batches.MapResultsExport();
        return group;
    }

    private static async Task<Results<Accepted<BatchCreatedDto>, ValidationProblem, ProblemHttpResult>> UploadBatch(
        HttpRequest request, Caller caller, BatchStore store, CampaignStore campaigns, BatchSignal signal, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var directory = StorageDirectory(configuration);
        Directory.CreateDirectory(directory);
        var id = Guid.CreateVersion7();
        string? storedFile = null;
        string? fileName = null;
        FileStream? target = null;
        var keep = false;
        try
        {
            // Streamed part by part: the file goes straight to disk, a text field is read only up to its bound.
            UploadedForm form;
            try
            {
                form = await MultipartUpload.ReadAsync(request, Upload, name =>
                {
                    fileName = string.IsNullOrEmpty(name) ? "batch.csv" : name;
                    var extension = Path.GetExtension(fileName).ToLowerInvariant();
                    if (extension is not ".csv" and not ".xlsx" and not ".txt")
                    {
                        throw new UploadRefusedException(StatusCodes.Status400BadRequest, CleansingRoutes.BatchFile, "Chỉ nhận tệp .csv hoặc .xlsx.");
                    }

                    storedFile = Path.Combine(directory, $"{id:N}{extension}");
                    target = new FileStream(storedFile, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
                    return target;
                }, cancellationToken);
            }
            finally
            {
                if (target is not null)
                {
                    await target.DisposeAsync();
                }
            }

            var fields = form.Fields;
            var fileSize = form.FileBytes;
            var dataset = fields.GetValueOrDefault(CleansingRoutes.BatchDataset)?.Trim();
            if (!Datasets.IsKnown(dataset))
            {
                errors.Add("dataset", $"Loại dữ liệu phải là một trong: {string.Join(", ", Datasets.All)}.");
            }

            var unitCode = fields.GetValueOrDefault(CleansingRoutes.BatchUnitCode)?.Trim();
            var unit = AdminUnitDirectory.Default.Find(unitCode);
            if (unit is null)
            {
                errors.Add("unitCode", string.IsNullOrEmpty(unitCode) ? "Đơn vị là bắt buộc." : $"Không có đơn vị mã {unitCode}.");
            }

            Guid? campaignId = null;
            if (fields.GetValueOrDefault(CleansingRoutes.BatchCampaignId) is { Length: > 0 } campaignText)
            {
                if (Guid.TryParse(campaignText.Trim(), out var parsed))
                {
                    campaignId = parsed;
                }
                else
                {
                    errors.Add("campaignId", "Mã chiến dịch không hợp lệ.");
                }
            }

            if (storedFile is null)
            {
                errors.Add("file", "Chưa chọn tệp dữ liệu.");
            }
            else if (fileSize == 0)
            {
                errors.Add("file", "Tệp rỗng.");
            }

            if (!errors.IsEmpty)
            {
                return TypedResults.ValidationProblem(errors.ToDictionary());
            }

            if (!caller.Scope.IsInScope(unit!.Code))
            {
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "Đơn vị ngoài phạm vi",
                    detail: $"{caller.Unit.Name} không được tải dữ liệu cho {unit.Name} ({unit.Code}).");
            }

            // A campaign outside the caller's view answers like one that does not exist; a campaign the caller sees
            // that does not reach the batch's unit is refused too, or the batch would count where it does not belong.
            if (campaignId is { } campaign)
            {
                var found = await campaigns.FindAsync(caller.Scope, campaign, cancellationToken);
                if (found is null || !found.Reaches(unit))
                {
                    errors.Add("campaignId", found is null ? "Không có chiến dịch này." : $"Chiến dịch \"{found.Name}\" không giao cho {unit.Name}.");
                    return TypedResults.ValidationProblem(errors.ToDictionary());
                }
            }

            // Only the header (and the first record) is read now; the worker reads the rest.
            IReadOnlyList<string> headers;
            try
            {
                await using var stream = File.OpenRead(storedFile!);
                using var file = BatchFileReader.Open(stream, fileName!);
                headers = file.Headers;
                if (!file.Rows.Any())
                {
                    errors.Add("file", "Tệp không có dòng dữ liệu nào.");
                    return TypedResults.ValidationProblem(errors.ToDictionary());
                }
            }
            catch (BatchFileException e)
            {
                errors.Add("file", e.MissingColumns.Count > 0
                    ? $"Thiếu cột bắt buộc: {string.Join(", ", e.MissingColumns)}."
                    : e.Message);
                return TypedResults.ValidationProblem(errors.ToDictionary());
            }

            await store.CreateAsync(new NewBatch(id, dataset!, unit.Code, unit.Path, campaignId, fileName!, storedFile!, fileSize, headers, caller.Username), cancellationToken);
            keep = true;
            signal.Notify();
            return TypedResults.Accepted(CleansingRoutes.Path(CleansingRoutes.Batch, id), new BatchCreatedDto(id, BatchStatuses.Queued));
        }
        catch (InvalidDataException e)
        {
            // A broken multipart body (or one over the size limit) is the caller's mistake, not a 500.
            errors.Add("file", $"Không đọc được tệp tải lên: {e.Message}");
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        finally
        {
            if (!keep && storedFile is not null)
            {
                File.Delete(storedFile);
            }
        }
    }

    private static BatchDto ToDto(StoredBatch b) => new(
        b.Id, b.Dataset, b.UnitCode, AdminUnitDirectory.Default.NameOf(b.UnitCode), b.CampaignId, b.FileName, b.Headers,
        b.Status, b.Total, b.Processed, b.Counts,
        b.Status == BatchStatuses.Completed ? 100 : b.FileSize <= 0 ? 0 : (int)Math.Clamp(b.BytesRead * 100 / b.FileSize, 0, 99),
        b.ElapsedSeconds > 0 && b.Processed > 0 ? Math.Round(b.Processed / b.ElapsedSeconds, 1) : null,
        b.RegistryVersion, b.CreatedBy, b.CreatedAt, b.StartedAt, b.CompletedAt, b.CancelRequested, b.Error);

    public static string StorageDirectory(IConfiguration configuration) =>
        configuration[StorageDirectoryKey] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(Path.GetTempPath(), "dakla06-cleansing");

    private static async Task<Results<Ok<PagedResult<BatchDto>>, ValidationProblem>> ListBatches(
        Caller caller, BatchStore store, [AsParameters] BatchQuery query, CancellationToken cancellationToken, int? page = null, int? pageSize = null)
    {
        var errors = new ValidationErrors();
        var pageRequest = PageRequest.From(page, pageSize, errors);
        if (query.Status is not null && !BatchStatuses.All.Contains(query.Status))
        {
            errors.Add("status", $"Trạng thái phải là một trong: {string.Join(", ", BatchStatuses.All)}.");
        }

        if (query.Dataset is not null && !Datasets.IsKnown(query.Dataset))
        {
            errors.Add("dataset", $"Loại dữ liệu phải là một trong: {string.Join(", ", Datasets.All)}.");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var result = await store.ListAsync(caller.Scope, new BatchFilter(query.Status, query.Dataset, query.UnitCode, query.CampaignId), pageRequest, cancellationToken);
        return TypedResults.Ok(new PagedResult<BatchDto>(result.Page, result.PageSize, result.Total, result.Items.Select(ToDto).ToList()));
    }

    private static async Task<Results<Ok<BatchDto>, NotFound>> GetBatch(Guid id, Caller caller, BatchStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(caller.Scope, id, cancellationToken) is { } batch ? TypedResults.Ok(ToDto(batch)) : TypedResults.NotFound();

    private static async Task<Results<Ok<BatchDto>, NotFound, ProblemHttpResult>> CancelBatch(Guid id, Caller caller, BatchStore store, CancellationToken cancellationToken)
    {
        var outcome = await store.CancelAsync(caller.Scope, id, cancellationToken);
        if (outcome == CancelOutcome.NotFound)
        {
            return TypedResults.NotFound();
        }

        if (outcome == CancelOutcome.AlreadyFinished)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Lô đã kết thúc", detail: "Lô dữ liệu đã xử lý xong, không thể hủy.");
        }

        return TypedResults.Ok(ToDto((await store.FindAsync(caller.Scope, id, cancellationToken))!));
    }

    private static async Task<Results<Ok<PagedResult<RecordDto>>, ValidationProblem, NotFound>> ListRecords(
        Guid id, Caller caller, BatchStore store, PersonalDataAudit audit, [AsParameters] RecordQuery query, CancellationToken cancellationToken,
        int? page = null, int? pageSize = null)
    {
        var recordClass = query.Class;
        var errors = new ValidationErrors();
        var pageRequest = PageRequest.From(page, pageSize, errors);
        if (recordClass is not null && !RecordClasses.IsKnown(recordClass))
        {
            errors.Add("class", $"Loại kết quả phải là một trong: {string.Join(", ", RecordClasses.All)}.");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        if (await store.FindAsync(caller.Scope, id, cancellationToken) is not { } batch)
        {
            return TypedResults.NotFound();
        }

        var unmasked = caller.HasRole(Roles.PiiReader);
        if (unmasked)
        {
            await audit.WriteAsync(caller.Username, CleansingAudit.ReadRecords, id, null, $"class={recordClass ?? "*"} page={pageRequest.Page} pageSize={pageRequest.PageSize}", cancellationToken);
        }

        var columns = BatchColumns.Map(batch.Headers, out _);
        var result = await store.ListRecordsAsync(caller.Scope, id, recordClass, pageRequest, cancellationToken);
        return TypedResults.Ok(new PagedResult<RecordDto>(
            result.Page, result.PageSize, result.Total, result.Items.Select(r => RecordMapping.ToDto(r, columns, unmasked)).ToList()));
    }

    private static async Task<Results<Ok<RecordDto>, NotFound>> GetRecord(
        Guid id, int line, Caller caller, BatchStore store, PersonalDataAudit audit, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(caller.Scope, id, cancellationToken) is not { } batch
            || await store.FindRecordAsync(caller.Scope, id, line, cancellationToken) is not { } record)
        {
            return TypedResults.NotFound();
        }

        var unmasked = caller.HasRole(Roles.PiiReader);
        if (unmasked)
        {
            await audit.WriteAsync(caller.Username, CleansingAudit.ReadRecord, id, line, null, cancellationToken);
        }

        return TypedResults.Ok(RecordMapping.ToDto(record, BatchColumns.Map(batch.Headers, out _), unmasked));
    }
}
