using System.Globalization;

namespace Dakla06.Inspections.Domain;

/// <summary>What readiness is decided on: the latest completed inspection of a system and its unresolved findings.</summary>
/// <param name="LatestCompletedOn">Completion date of the latest completed inspection; null when none was completed.</param>
/// <param name="LatestHasFailedCriticalItem">The latest completed inspection failed at least one critical checklist item.</param>
/// <param name="UnresolvedBlockingFindings">Findings of the system with severity high|critical in open|reopened|remediation_reported.</param>
public sealed record ReadinessFacts(DateOnly? LatestCompletedOn, bool LatestHasFailedCriticalItem, int UnresolvedBlockingFindings);

/// <summary>Cleared to connect to the population database or not, why (Vietnamese, shown to users) and which condition decided it (<see cref="ReadinessKinds"/>).</summary>
public sealed record ReadinessVerdict(bool Cleared, string Reason, string Kind);

/// <summary>Which condition decided readiness: the first unmet one, or <see cref="Cleared"/>.</summary>
public static class ReadinessKinds
{
    public const string NoInspection = "no-inspection";
    public const string FailedCriticalItem = "failed-critical-item";
    public const string UnresolvedFindings = "unresolved-findings";
    public const string Cleared = "cleared";
}

/// <summary>
/// Connection readiness of an information system, computed, never typed in: cleared ⇔ a completed inspection exists,
/// the latest completed one has no failed critical item, and no high/critical finding of the system is open,
/// reopened or awaiting verification. The first unmet condition is the reason.
/// </summary>
public static class Readiness
{
    public const string NoInspection = "Chưa có đợt kiểm tra hoàn thành";
    public const string ClearedReason = "Đủ điều kiện kết nối";

    public static ReadinessVerdict Evaluate(ReadinessFacts facts)
    {
        if (facts.LatestCompletedOn is not { } completedOn)
        {
            return new ReadinessVerdict(false, NoInspection, ReadinessKinds.NoInspection);
        }

        if (facts.LatestHasFailedCriticalItem)
        {
            return new ReadinessVerdict(false,
                $"Đợt kiểm tra ngày {completedOn.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)} có hạng mục trọng yếu không đạt", ReadinessKinds.FailedCriticalItem);
        }

        if (facts.UnresolvedBlockingFindings > 0)
        {
            return new ReadinessVerdict(false,
                $"Còn {facts.UnresolvedBlockingFindings} phát hiện mức cao/nghiêm trọng chưa được xác minh khắc phục", ReadinessKinds.UnresolvedFindings);
        }

        return new ReadinessVerdict(true, ClearedReason, ReadinessKinds.Cleared);
    }

    /// <summary>
    /// Whether a new verdict is a change worth a history row: <c>cleared</c> changed, or the deciding condition
    /// changed (e.g. "no inspection yet" → "the May inspection failed a critical item" → "3 findings unresolved"),
    /// or a later inspection failed a critical item. A mere change of the number of unresolved findings is not
    /// (the system's current reason is kept up to date without a row). Only a change of <c>cleared</c> is announced
    /// (<c>ConnectionClearanceChanged</c>).
    /// </summary>
    public static bool IsRecordedChange(ReadinessVerdict previous, ReadinessVerdict next) =>
        previous.Cleared != next.Cleared
        || previous.Kind != next.Kind
        || (next.Kind == ReadinessKinds.FailedCriticalItem && previous.Reason != next.Reason);
}
