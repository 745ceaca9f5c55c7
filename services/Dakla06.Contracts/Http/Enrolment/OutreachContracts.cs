namespace Dakla06.Contracts.Http.Enrolment;

/// <summary>
/// Query of <c>GET /stuck</c>: the applications of a unit's subtree (the caller's unit when absent) stuck in a stage
/// (<see cref="EnrolmentStages"/>; both when absent) past its threshold, by commune then longest wait first.
/// </summary>
public sealed record StuckQuery(string? Unit = null, string? Stage = null);

/// <summary>
/// An application stuck in <c>stage</c> since <c>since</c> (receipt, or card received) for <c>daysWaited</c> days, past
/// the stage's <c>thresholdDays</c>. The applicant's ID number and name are masked unless the caller is a <c>pii-reader</c>.
/// </summary>
public sealed record StuckItemDto(
    string ApplicationCode,
    string Stage,
    string CommuneCode,
    string CommuneName,
    DateOnly Since,
    int DaysWaited,
    int ThresholdDays,
    string IdNumber,
    string FullName,
    bool Masked);

/// <summary>Query of <c>GET /stuck/summary</c>: the stuck counts of a unit's subtree (the caller's unit when absent) and of each child.</summary>
public sealed record StuckSummaryQuery(string? Unit = null);

/// <summary>A stage's threshold: an application waiting longer than <c>days</c> in it is stuck (configured per stage).</summary>
public sealed record StuckThresholdDto(string Stage, int Days);

/// <summary>The stuck applications of one unit's subtree, per stage.</summary>
public sealed record StuckCountsDto(string UnitCode, string UnitName, long AwaitingCard, long AwaitingHandover);

/// <summary>The stuck counts of a unit's subtree and of each child (zeros included), with the thresholds that apply.</summary>
public sealed record StuckSummaryResponse(IReadOnlyList<StuckThresholdDto> Thresholds, StuckCountsDto Unit, IReadOnlyList<StuckCountsDto> Children);

/// <summary>Why a person is on a missing list.</summary>
public static class MissingKinds
{
    /// <summary>A living person of the registry aged 14 or over with no application ("chưa thu nhận").</summary>
    public const string NoApplication = "chua_thu_nhan";

    /// <summary>A level-2 e-ID account registered and not activated.</summary>
    public const string Eid2NotActivated = "chua_kich_hoat_muc_2";

    public static IReadOnlyList<string> All { get; } = [NoApplication, Eid2NotActivated];
}

/// <summary>The reasons a commune officer may record for a missing person; <see cref="Other"/> needs a note.</summary>
public static class MissingReasons
{
    public const string WorkingAway = "lam_an_xa";
    public const string AbroadStudyOrWork = "hoc_tap_lao_dong_nuoc_ngoai";
    public const string ServingSentence = "chap_hanh_an";
    public const string NoSmartphone = "khong_co_dien_thoai_thong_minh";
    public const string DeceasedNotRemoved = "da_chet_chua_xoa";
    public const string Other = "khac";

    public static IReadOnlyList<string> All { get; } = [WorkingAway, AbroadStudyOrWork, ServingSentence, NoSmartphone, DeceasedNotRemoved, Other];
}

/// <summary>What a home visit (tận nhà) found.</summary>
public static class VisitOutcomes
{
    /// <summary>Met, and the application or activation was done on the spot.</summary>
    public const string Enrolled = "da_thu_nhan";

    /// <summary>Met, and not done (the reason says why).</summary>
    public const string NotEnrolled = "chua_thu_nhan";

    /// <summary>Nobody met.</summary>
    public const string NotMet = "khong_gap";

    public static IReadOnlyList<string> All { get; } = [Enrolled, NotEnrolled, NotMet];
}

/// <summary>
/// Query of <c>GET /missing</c>: the persons of one commune (<c>unit</c>, a commune in the caller's scope) missing in
/// <c>kind</c> (<see cref="MissingKinds"/>), optionally only those with a <c>reason</c> (or <c>none</c> for those without).
/// </summary>
public sealed record MissingQuery(string? Unit, string? Kind, string? Reason = null);

/// <summary>The reason recorded for a missing person, who recorded it and when.</summary>
public sealed record MissingReasonDto(string Reason, string Name, string? Note, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>
/// A person on a missing list. <c>personRef</c> is opaque (it names the person in the reason and visit routes without
/// an ID number in the address). ID number, name and birth date are masked unless the caller is a <c>pii-reader</c>
/// (then the read is audit-logged); a level-2 account's holder may have no known name (null).
/// </summary>
public sealed record MissingPersonDto(
    string PersonRef,
    string Kind,
    string IdNumber,
    string? FullName,
    string? DateOfBirth,
    string? Gender,
    string CommuneCode,
    string CommuneName,
    MissingReasonDto? Reason,
    VisitDto? NextVisit,
    bool Masked);

/// <summary>Records (replaces) the reason a person of <c>communeCode</c> is missing; <c>note</c> required for <c>khac</c>.</summary>
public sealed record SetMissingReasonRequest(string? CommuneCode, string? Reason, string? Note);

/// <summary>Plans a home visit to a missing person of <c>communeCode</c> on <c>plannedOn</c>.</summary>
public sealed record PlanVisitRequest(string? CommuneCode, DateOnly? PlannedOn, string? Note);

/// <summary>Records what a planned visit found (<see cref="VisitOutcomes"/>) and on which day.</summary>
public sealed record RecordVisitRequest(DateOnly? VisitedOn, string? Outcome, string? Note);

/// <summary>Query of a person's visits: the commune the person belongs to.</summary>
public sealed record VisitQuery(string? CommuneCode);

/// <summary>A planned home visit and, once made, what it found.</summary>
public sealed record VisitDto(
    Guid Id,
    string PersonRef,
    string CommuneCode,
    DateOnly PlannedOn,
    string? Note,
    string PlannedBy,
    DateTimeOffset PlannedAt,
    DateOnly? VisitedOn,
    string? Outcome,
    string? OutcomeNote,
    string? RecordedBy);
