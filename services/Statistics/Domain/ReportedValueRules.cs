using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Http.Statistics;
using Dakla06.ServiceDefaults;
using Dakla06.ServiceDefaults.Security;

namespace Dakla06.Statistics.Domain;

/// <summary>Why a command on a reported value is refused: the HTTP status (403 or 409) and a Vietnamese title and detail.</summary>
public sealed record Refusal(int Status, string Title, string Detail);

/// <summary>The approval state of a reported value that the rules look at.</summary>
public sealed record ApprovalState(string Status, string? ApprovedBy, string? ApprovedById, string? ApprovedByUnit, DateTimeOffset? ApprovedAt);

/// <summary>
/// The two steps of a reported value (like DHIS2's data approval): a statistics officer of the unit or above submits and
/// may change it; a leader of the unit or above approves it, which locks it; only the approver, or a leader of a unit
/// above the approver's, unlocks it back to submitted. Scope (the value's unit in the caller's) is checked in SQL before
/// these rules: a value outside it is not found.
/// </summary>
public static class ReportedValueRules
{
    public static Refusal? CheckEdit(ApprovalState value) =>
        value.Status == ReportedValueStatuses.Approved
            ? new Refusal(StatusCodes.Status409Conflict, "Số liệu đã được phê duyệt",
                $"Số liệu đã được {value.ApprovedBy} phê duyệt lúc {value.ApprovedAt?.ToOffset(VietnamTime.Offset):HH:mm dd/MM/yyyy} nên không sửa được; "
                + "người phê duyệt (hoặc lãnh đạo cấp trên của họ) phải mở khóa trước.")
            : null;

    public static Refusal? CheckApprove(ApprovalState value) =>
        value.Status == ReportedValueStatuses.Approved
            ? new Refusal(StatusCodes.Status409Conflict, "Số liệu đã được phê duyệt", $"Số liệu đã được {value.ApprovedBy} phê duyệt.")
            : null;

    public static Refusal? CheckUnlock(Caller caller, ApprovalState value)
    {
        if (value.Status != ReportedValueStatuses.Approved)
        {
            return new Refusal(StatusCodes.Status409Conflict, "Số liệu chưa được phê duyệt", "Chỉ mở khóa được số liệu đã phê duyệt.");
        }

        return IsApproverOrAbove(caller, value)
            ? null
            : new Refusal(StatusCodes.Status403Forbidden, "Không phải người phê duyệt",
                $"Chỉ {value.ApprovedBy} (người đã phê duyệt) hoặc lãnh đạo đơn vị cấp trên của {AdminUnitDirectory.Default.NameOf(value.ApprovedByUnit ?? string.Empty)} mới được mở khóa.");
    }

    /// <summary>What <paramref name="caller"/>, who sees the value, may do with it now (<see cref="ReportedValueActions"/>).</summary>
    public static IReadOnlyList<string> Actions(Caller caller, ApprovalState value)
    {
        var actions = new List<string>();
        if (caller.HasRole(Roles.StatisticsOfficer) && CheckEdit(value) is null)
        {
            actions.Add(ReportedValueActions.Edit);
        }

        if (caller.HasRole(Roles.Leader) && CheckApprove(value) is null)
        {
            actions.Add(ReportedValueActions.Approve);
        }

        if (caller.HasRole(Roles.Leader) && CheckUnlock(caller, value) is null)
        {
            actions.Add(ReportedValueActions.Unlock);
        }

        return actions;
    }

    private static bool IsApproverOrAbove(Caller caller, ApprovalState value) =>
        caller.UserId == value.ApprovedById
        || (AdminUnitDirectory.Default.Find(value.ApprovedByUnit) is { } approverUnit && approverUnit != caller.Unit && caller.Unit.Contains(approverUnit));
}
