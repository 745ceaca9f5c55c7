using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Http.Enrolment;
using Dakla06.ServiceDefaults.Http;

namespace Dakla06.Enrolment.Domain;

/// <summary>A checked reason to record for a missing person of a commune.</summary>
public sealed record NewMissingReason(AdminUnit Commune, string Reason, string? Note);

/// <summary>A checked home visit to plan for a missing person of a commune.</summary>
public sealed record NewVisit(AdminUnit Commune, DateOnly PlannedOn, string? Note);

/// <summary>A checked outcome of a planned visit.</summary>
public sealed record VisitOutcome(DateOnly VisitedOn, string Outcome, string? Note);

/// <summary>
/// The rules of the outreach records: a person named by an opaque reference, a commune of the province, a reason of
/// the closed list (<c>khac</c> needs a note), a visit planned from today on and recorded on or before today.
/// </summary>
public static class Outreach
{
    public const int MaxPersonRefLength = 100;

    public const int MaxNoteLength = 1000;

    /// <summary>The Vietnamese name of each reason (<see cref="MissingReasons"/>).</summary>
    public static readonly IReadOnlyDictionary<string, string> ReasonNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [MissingReasons.WorkingAway] = "Làm ăn xa",
        [MissingReasons.AbroadStudyOrWork] = "Học tập, lao động ở nước ngoài",
        [MissingReasons.ServingSentence] = "Đang chấp hành án",
        [MissingReasons.NoSmartphone] = "Không có điện thoại thông minh",
        [MissingReasons.DeceasedNotRemoved] = "Đã chết nhưng chưa xóa đăng ký thường trú",
        [MissingReasons.Other] = "Lý do khác",
    };

    /// <summary>True when <paramref name="personRef"/> can name a person: 1–100 letters, digits, '-', '_' or ':'.</summary>
    public static bool IsPersonRef(string? personRef) =>
        !string.IsNullOrEmpty(personRef) && personRef.Length <= MaxPersonRefLength
        && personRef.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ':');

    public static NewMissingReason? Check(SetMissingReasonRequest request, ValidationErrors errors)
    {
        var commune = Commune(request.CommuneCode, errors);
        var reason = request.Reason?.Trim();
        if (reason is null || !ReasonNames.ContainsKey(reason))
        {
            errors.Add("reason", $"Lý do phải là một trong: {string.Join(", ", MissingReasons.All)}.");
        }

        var note = Note(request.Note, "note", errors);
        if (reason == MissingReasons.Other && note is null)
        {
            errors.Add("note", "Lý do khác cần ghi rõ (note).");
        }

        return errors.IsEmpty ? new NewMissingReason(commune!, reason!, note) : null;
    }

    public static NewVisit? Check(PlanVisitRequest request, DateOnly today, ValidationErrors errors)
    {
        var commune = Commune(request.CommuneCode, errors);
        if (request.PlannedOn is not { } plannedOn)
        {
            errors.Add("plannedOn", "Ngày dự kiến đến (plannedOn) là bắt buộc.");
        }
        else if (plannedOn < today)
        {
            errors.Add("plannedOn", "Ngày dự kiến đến không được trước hôm nay.");
        }

        var note = Note(request.Note, "note", errors);
        return errors.IsEmpty ? new NewVisit(commune!, request.PlannedOn!.Value, note) : null;
    }

    public static VisitOutcome? Check(RecordVisitRequest request, DateOnly today, ValidationErrors errors)
    {
        if (request.VisitedOn is not { } visitedOn)
        {
            errors.Add("visitedOn", "Ngày đến (visitedOn) là bắt buộc.");
        }
        else if (visitedOn > today)
        {
            errors.Add("visitedOn", "Ngày đến không được sau hôm nay.");
        }

        var outcome = request.Outcome?.Trim();
        if (outcome is null || !VisitOutcomes.All.Contains(outcome))
        {
            errors.Add("outcome", $"Kết quả phải là một trong: {string.Join(", ", VisitOutcomes.All)}.");
        }

        var note = Note(request.Note, "note", errors);
        return errors.IsEmpty ? new VisitOutcome(request.VisitedOn!.Value, outcome!, note) : null;
    }

    /// <summary>The commune a request names: a commune of the province, under <c>communeCode</c>.</summary>
    public static AdminUnit? Commune(string? code, ValidationErrors errors, string field = "communeCode")
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            errors.Add(field, "Mã xã (communeCode) là bắt buộc.");
            return null;
        }

        var unit = QueryUnits.Find(code, field, errors);
        if (unit is { Level: not AdminLevel.Commune })
        {
            errors.Add(field, $"Đơn vị {unit.Code} không phải cấp xã.");
            return null;
        }

        return unit;
    }

    private static string? Note(string? note, string field, ValidationErrors errors)
    {
        var trimmed = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (trimmed?.Length > MaxNoteLength)
        {
            errors.Add(field, $"Ghi chú tối đa {MaxNoteLength} ký tự.");
        }

        return trimmed;
    }
}
