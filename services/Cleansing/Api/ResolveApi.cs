using Dakla06.Cleansing.Data;
using Dakla06.Cleansing.Domain;
using Dakla06.Cleansing.Registry;
using Dakla06.Contracts.Http.Cleansing;
using Dakla06.People;
using Dakla06.ServiceDefaults;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dakla06.Cleansing.Api;

public static class ResolveApi
{
    public const int MaxReasonLength = 1000;

    public static RouteGroupBuilder MapResolveApi(this RouteGroupBuilder group)
    {
        group.MapPost(CleansingRoutes.BatchRecordResolve, Resolve)
            .WithTags("Batches")
            .RequireRole(Roles.CleansingOfficer)
            .WithName("ResolveRecord")
            .WithSummary("Resolves a flagged record: accept a suggestion, correct values or mark it unfixable. Corrected values are re-validated against the current registry; the record counts as cleaned only when it then matches. Answers with the record (masked unless pii-reader) plus revalidatedClass, revalidatedMismatchedFields and revalidatedReason; publishes CleansingRecordResolved. 409 for a matched or already cleaned record.");
        return group;
    }

    private static async Task<Results<Ok<RecordDto>, ValidationProblem, NotFound, ProblemHttpResult>> Resolve(
        Guid id,
        int line,
        ResolveRequest? request,
        Caller caller,
        BatchStore batches,
        ResolutionStore resolutions,
        RegistrySnapshotProvider registry,
        PersonalDataAudit audit,
        RevalidationLimiter limiter,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var action = request?.Action?.Trim();
        if (action is not (ResolveActions.AcceptSuggestion or ResolveActions.Correct or ResolveActions.Unfixable))
        {
            errors.Add("action", $"Hành động phải là một trong: {ResolveActions.AcceptSuggestion}, {ResolveActions.Correct}, {ResolveActions.Unfixable}.");
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var note = string.IsNullOrWhiteSpace(request!.Reason) ? null : request.Reason.Trim();
        if (note is { Length: > MaxReasonLength })
        {
            errors.Add("reason", $"Lý do dài quá {MaxReasonLength} ký tự.");
        }

        if (action == ResolveActions.Unfixable && note is null)
        {
            errors.Add("reason", "Cần ghi lý do không thể xử lý bản ghi.");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        // Scoped reads: a batch of a unit outside the caller's scope is 404, as on every other batch endpoint.
        if (await batches.FindAsync(caller.Scope, id, cancellationToken) is not { } batch
            || await batches.FindRecordAsync(caller.Scope, id, line, cancellationToken) is not { } record)
        {
            return TypedResults.NotFound();
        }

        // Decided: a matched record needs nothing, and a cleaned record is final — resolving it again would let a
        // campaign's figures and the published events count one fix twice.
        if (record.Class == RecordClasses.Matched)
        {
            return Conflict("Bản ghi đã khớp", "Bản ghi này đã khớp với dữ liệu dân cư, không cần xử lý.");
        }

        if (record.Cleaned)
        {
            return Conflict("Bản ghi đã được làm sạch", $"Bản ghi dòng {line} đã được {record.ResolvedBy} xử lý và khớp với dữ liệu dân cư.");
        }

        var snapshot = await registry.GetCurrentAsync(cancellationToken);
        var columns = BatchColumns.Map(batch.Headers, out _);
        string? idNumber = record.Get(columns.IdNumber), fullName = record.Get(columns.FullName), dateOfBirth = record.Get(columns.DateOfBirth),
            gender = record.Get(columns.Gender), commune = record.Get(columns.CommuneCode);
        string resolution;
        switch (action)
        {
            case ResolveActions.AcceptSuggestion:
            {
                var chosen = ChooseSuggestion(record, request, errors);
                if (chosen is null)
                {
                    return TypedResults.ValidationProblem(errors.ToDictionary());
                }

                // The person as the registry holds them now (the suggestion was stored when the batch ran).
                idNumber = chosen;
                if (snapshot.TryGet(chosen, out var person))
                {
                    fullName = person.FullName;
                    dateOfBirth = PartialDate.From(person.DateOfBirth).ToString();
                    gender = person.Gender.ToVietnamese();
                    commune = person.CommuneCode;
                }

                resolution = Resolutions.AcceptSuggestion;
                break;
            }

            case ResolveActions.Correct:
            {
                if (request.IdNumber is null && request.FullName is null && request.DateOfBirth is null && request.Gender is null && request.CommuneCode is null)
                {
                    errors.Add("idNumber", "Cần nhập ít nhất một giá trị sửa: số định danh, họ tên, ngày sinh, giới tính hoặc mã xã.");
                    return TypedResults.ValidationProblem(errors.ToDictionary());
                }

                if (request.IdNumber is not null)
                {
                    var check = IdNumbers.Check(request.IdNumber, VietnamTime.Today(time).Year);
                    if (!check.IsWellFormed)
                    {
                        errors.Add("idNumber", check.Reason ?? "Số định danh là bắt buộc.");
                    }

                    idNumber = request.IdNumber.Trim();
                }

                if (request.FullName is not null)
                {
                    fullName = Names.Normalize(request.FullName);
                    if (fullName.Length is 0 or > Names.MaxLength)
                    {
                        errors.Add("fullName", $"Họ tên phải có từ 1 đến {Names.MaxLength} ký tự.");
                    }
                }

                if (request.DateOfBirth is not null)
                {
                    if (BirthDates.TryParse(request.DateOfBirth) is not { } parsed)
                    {
                        errors.Add("dateOfBirth", "Ngày sinh phải có dạng dd/MM/yyyy, yyyy-MM-dd hoặc chỉ năm sinh.");
                    }
                    else
                    {
                        dateOfBirth = parsed.ToString();
                    }
                }

                if (request.Gender is not null)
                {
                    if (Genders.TryParse(request.Gender) is not { } parsedGender)
                    {
                        errors.Add("gender", "Giới tính phải là Nam hoặc Nữ.");
                    }
                    else
                    {
                        gender = parsedGender.ToVietnamese();
                    }
                }

                if (request.CommuneCode is not null)
                {
                    commune = request.CommuneCode.Trim();
                    if (Contracts.AdminUnits.AdminUnitDirectory.Default.Find(commune) is not { Level: Contracts.AdminUnits.AdminLevel.Commune })
                    {
                        errors.Add("communeCode", $"Mã xã '{commune}' không phải xã/phường/thị trấn của tỉnh.");
                    }
                }

                if (!errors.IsEmpty)
                {
                    return TypedResults.ValidationProblem(errors.ToDictionary());
                }

                // Typed values checked against the whole province registry: limited per user and written down as a read.
                if (!limiter.TryAcquire(caller.Username))
                {
                    return TypedResults.Problem(
                        statusCode: StatusCodes.Status429TooManyRequests,
                        title: "Quá nhiều lần kiểm tra lại",
                        detail: $"Mỗi người dùng được kiểm tra lại tối đa {limiter.PerMinute} bản ghi sửa trong một phút. Vui lòng thử lại sau.");
                }

                await audit.WriteAsync(caller.Username, CleansingAudit.RevalidateRecord, id, line, $"id={idNumber}", cancellationToken);
                resolution = Resolutions.Corrected;
                break;
            }

            default:
                resolution = Resolutions.Unfixable;
                break;
        }

        // Re-validated by the same engine as the batch, against the registry as it is now.
        var result = new BatchValidator(snapshot, time).Validate(
            BatchRow.FromFields(line, idNumber, fullName, dateOfBirth, gender, commune), BatchColumns.Canonical, withSuggestions: false);
        var cleaned = resolution != Resolutions.Unfixable && result.IsMatched;
        var saved = await resolutions.SaveAsync(batch, line, new RecordResolution(
            resolution, note,
            resolution == Resolutions.Unfixable ? null : idNumber,
            resolution == Resolutions.Unfixable ? null : fullName,
            resolution == Resolutions.Unfixable ? null : dateOfBirth,
            resolution == Resolutions.Unfixable ? null : gender,
            resolution == Resolutions.Unfixable ? null : commune,
            cleaned, caller.Username), cancellationToken);
        if (!saved)
        {
            return Conflict("Bản ghi đã được làm sạch", $"Bản ghi dòng {line} vừa được người khác xử lý.");
        }

        var unmasked = caller.HasRole(Roles.PiiReader);
        if (unmasked)
        {
            await audit.WriteAsync(caller.Username, CleansingAudit.ReadRecord, id, line, "resolve", cancellationToken);
        }

        var stored = await batches.FindRecordAsync(caller.Scope, id, line, cancellationToken);
        // With what the re-validation found, so the page can say why a correction is not clean yet.
        var unfixable = resolution == Resolutions.Unfixable;
        return TypedResults.Ok(RecordMapping.ToDto(stored!, columns, unmasked) with
        {
            RevalidatedClass = unfixable ? null : result.Class,
            RevalidatedMismatchedFields = unfixable ? [] : result.MismatchedFields,
            RevalidatedReason = unfixable ? null : Explain(result),
        });
    }

    /// <summary>The ID number of the chosen suggestion, or null with the error named.</summary>
    private static string? ChooseSuggestion(StoredRecord record, ResolveRequest request, ValidationErrors errors)
    {
        var suggestions = RecordMapping.ReadSuggestions(record.Suggestions, mask: false);
        if (request.SuggestionIndex is { } index)
        {
            if (index < 0 || index >= suggestions.Count)
            {
                errors.Add("suggestionIndex", suggestions.Count == 0
                    ? "Bản ghi không có gợi ý nào."
                    : $"Chỉ số gợi ý phải từ 0 đến {suggestions.Count - 1}.");
                return null;
            }

            return suggestions[index].IdNumber;
        }

        var wanted = request.SuggestionIdNumber?.Trim();
        if (string.IsNullOrEmpty(wanted))
        {
            errors.Add("suggestionIndex", "Cần chọn một gợi ý (suggestionIndex hoặc suggestionIdNumber).");
            return null;
        }

        // A page without pii-reader only knows the masked number: it names a suggestion when exactly one masks to it.
        var matches = suggestions.Where(s => s.IdNumber == wanted || PersonalData.MaskIdNumber(s.IdNumber) == wanted).ToList();
        if (matches.Count != 1)
        {
            errors.Add("suggestionIdNumber", matches.Count == 0
                ? "Số định danh này không nằm trong các gợi ý của bản ghi."
                : "Số định danh bị che trùng với nhiều gợi ý; hãy chọn theo suggestionIndex.");
            return null;
        }

        return matches[0].IdNumber;
    }

    private static string Explain(RecordResult result) => result.Class switch
    {
        RecordClasses.Matched => "Khớp với dữ liệu dân cư.",
        RecordClasses.MissingId => "Chưa có số định danh.",
        RecordClasses.MalformedId => $"Số định danh không hợp lệ: {result.Reason}.",
        RecordClasses.NotFound => "Số định danh không có trong dữ liệu dân cư.",
        RecordClasses.Deceased => "Người mang số định danh này đã chết theo dữ liệu dân cư.",
        RecordClasses.InfoMismatch => $"Thông tin chưa khớp với dữ liệu dân cư: {string.Join(", ", result.MismatchedFields.Select(FieldName))}.",
        _ => "Chưa khớp với dữ liệu dân cư.",
    };

    private static string FieldName(string field) => field switch
    {
        RecordFields.FullName => "họ tên",
        RecordFields.DateOfBirth => "ngày sinh",
        RecordFields.Gender => "giới tính",
        _ => field,
    };

    private static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail);
}
