namespace Dakla06.Contracts.Http.Statistics;

/// <summary>The states of a reported value: submitted by a statistics officer, then approved (locked) by a leader.</summary>
public static class ReportedValueStatuses
{
    public const string Submitted = "submitted";
    public const string Approved = "approved";

    public static IReadOnlyList<string> All { get; } = [Submitted, Approved];
}

/// <summary>What a caller may do with a reported value now (<see cref="ReportedValueDto.Actions"/>).</summary>
public static class ReportedValueActions
{
    public const string Edit = "edit";
    public const string Approve = "approve";
    public const string Unlock = "unlock";
}

/// <summary>The kinds of a reported value's history entries.</summary>
public static class ReportedValueChanges
{
    public const string Submitted = "submitted";
    public const string Changed = "changed";
    public const string Approved = "approved";
    public const string Unlocked = "unlocked";
}

/// <summary>An indicator that may be reported: its code, Vietnamese name and what it counts (<c>trường hợp</c>, <c>tài khoản</c>…).</summary>
public sealed record ReportedIndicatorDto(string Code, string Name, string CountUnit, int? EssentialService);

/// <summary>
/// <c>PUT /reported-values</c>: the count of <c>indicator</c> at <c>unitCode</c> over [<c>from</c>, <c>to</c>]. The four
/// identify the value: a second PUT changes it while it is submitted. <c>value</c> ≥ 0; <c>note</c> optional.
/// </summary>
public sealed record SubmitReportedValueRequest(string? Indicator, string? UnitCode, DateOnly? From, DateOnly? To, long? Value, string? Note);

/// <summary>Filters of the reported values, all optional: a unit's subtree, periods overlapping [from, to], a status.</summary>
public sealed record ReportedValueQuery(string? Unit = null, DateOnly? From = null, DateOnly? To = null, string? Status = null);

/// <summary>
/// A reported value with its state: who submitted it last, who approved it (while approved), and what the caller may do
/// with it now (<see cref="ReportedValueActions"/>).
/// </summary>
public sealed record ReportedValueDto(
    Guid Id,
    string Indicator,
    string IndicatorName,
    string CountUnit,
    string UnitCode,
    string UnitName,
    DateOnly From,
    DateOnly To,
    long Value,
    string? Note,
    string Status,
    string SubmittedBy,
    DateTimeOffset SubmittedAt,
    string? ApprovedBy,
    string? ApprovedByUnitCode,
    DateTimeOffset? ApprovedAt,
    IReadOnlyList<string> Actions);

/// <summary>One change of a reported value (<see cref="ReportedValueChanges"/>): who, when, the value and status before and after.</summary>
public sealed record ReportedValueChangeDto(
    long Id,
    string Change,
    string ChangedBy,
    string ChangedByUnitCode,
    DateTimeOffset ChangedAt,
    long? OldValue,
    long NewValue,
    string? OldStatus,
    string NewStatus,
    string? Note);
