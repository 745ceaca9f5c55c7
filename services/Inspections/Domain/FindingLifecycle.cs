using Dakla06.Contracts.Http.Inspections;

namespace Dakla06.Inspections.Domain;

/// <summary>Where a finding is in its life cycle; <see cref="FindingStatuses"/> has the stored/API names.</summary>
public enum FindingState
{
    Open,
    RemediationReported,
    Verified,
    Reopened,
    RiskAccepted,
}

/// <summary>What can happen to a finding.</summary>
public enum FindingAction
{
    /// <summary>The responsible unit reported its remediation task done (arrives over the bus).</summary>
    ReportRemediation,

    /// <summary>An inspector verified the remediation.</summary>
    Verify,

    /// <summary>An inspector reopened the finding with a reason.</summary>
    Reopen,

    /// <summary>A leader accepted the risk until a date.</summary>
    AcceptRisk,

    /// <summary>The risk acceptance expired (the expiry job).</summary>
    ExpireRisk,
}

/// <summary>Stored and API names of states and actions, and their Vietnamese labels.</summary>
public static class FindingStatuses
{
    public const string Open = "open";
    public const string RemediationReported = "remediation_reported";
    public const string Verified = "verified";
    public const string Reopened = "reopened";
    public const string RiskAccepted = "risk_accepted";

    /// <summary>The reason written when a risk acceptance runs out.</summary>
    public const string RiskExpiredReason = "Hết hạn chấp nhận rủi ro";

    public static IReadOnlyList<string> All { get; } = [Open, RemediationReported, Verified, Reopened, RiskAccepted];

    /// <summary>Statuses in which a finding still needs work (counted as open, can be overdue, block readiness if high/critical).</summary>
    public static IReadOnlyList<string> Unresolved { get; } = [Open, Reopened, RemediationReported];

    public static string Name(FindingState state) => state switch
    {
        FindingState.Open => Open,
        FindingState.RemediationReported => RemediationReported,
        FindingState.Verified => Verified,
        FindingState.Reopened => Reopened,
        FindingState.RiskAccepted => RiskAccepted,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static FindingState Parse(string name) => TryParse(name)
        ?? throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown finding status.");

    public static FindingState? TryParse(string? name) => name?.Trim() switch
    {
        Open => FindingState.Open,
        RemediationReported => FindingState.RemediationReported,
        Verified => FindingState.Verified,
        Reopened => FindingState.Reopened,
        RiskAccepted => FindingState.RiskAccepted,
        _ => null,
    };

    public static string Vietnamese(FindingState state) => state switch
    {
        FindingState.Open => "Chưa khắc phục",
        FindingState.RemediationReported => "Đã báo cáo khắc phục, chờ xác minh",
        FindingState.Verified => "Đã xác minh khắc phục",
        FindingState.Reopened => "Mở lại",
        FindingState.RiskAccepted => "Chấp nhận rủi ro",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>The API name of a caller action (the web shows a button for each); null for actions no caller takes.</summary>
    public static string? ActionName(FindingAction action) => action switch
    {
        FindingAction.Verify => FindingActions.Verify,
        FindingAction.Reopen => FindingActions.Reopen,
        FindingAction.AcceptRisk => FindingActions.AcceptRisk,
        _ => null,
    };

    /// <summary>Unresolved: still needs work (<see cref="Unresolved"/>).</summary>
    public static bool IsUnresolved(FindingState state) =>
        state is FindingState.Open or FindingState.Reopened or FindingState.RemediationReported;
}

/// <summary>The outcome of asking the life cycle for a transition: the new state and the history kind, or why not.</summary>
public sealed record FindingTransition(bool Allowed, FindingState To, string EventKind, string? Refusal)
{
    public static FindingTransition Allow(FindingState to, string eventKind) => new(true, to, eventKind, null);

    public static FindingTransition Refused(FindingState stays, string reason) => new(false, stays, string.Empty, reason);
}

/// <summary>
/// The finding life cycle as a pure state machine:
/// <c>open|reopened → remediation_reported</c> (remediation task reported done),
/// <c>open|reopened|remediation_reported → verified</c> (inspector),
/// <c>remediation_reported|verified|risk_accepted → reopened</c> (inspector, with a reason),
/// <c>open|reopened|remediation_reported → risk_accepted</c> (leader, until a date),
/// <c>risk_accepted → reopened</c> when the acceptance expires (job).
/// Anything else is refused with a Vietnamese reason (the API answers 409).
/// </summary>
public static class FindingLifecycle
{
    public static FindingTransition Decide(FindingState from, FindingAction action)
    {
        var current = FindingStatuses.Vietnamese(from);
        return (action, from) switch
        {
            (FindingAction.ReportRemediation, FindingState.Open or FindingState.Reopened) =>
                FindingTransition.Allow(FindingState.RemediationReported, FindingStatuses.RemediationReported),
            (FindingAction.ReportRemediation, _) => FindingTransition.Refused(from,
                $"Chỉ ghi nhận báo cáo khắc phục cho phát hiện chưa khắc phục hoặc đã mở lại; phát hiện này đang ở trạng thái \"{current}\"."),

            (FindingAction.Verify, FindingState.Open or FindingState.Reopened or FindingState.RemediationReported) =>
                FindingTransition.Allow(FindingState.Verified, FindingStatuses.Verified),
            (FindingAction.Verify, _) => FindingTransition.Refused(from,
                $"Không thể xác minh khắc phục phát hiện đang ở trạng thái \"{current}\"."),

            (FindingAction.Reopen, FindingState.RemediationReported or FindingState.Verified or FindingState.RiskAccepted) =>
                FindingTransition.Allow(FindingState.Reopened, FindingStatuses.Reopened),
            (FindingAction.Reopen, _) => FindingTransition.Refused(from,
                $"Chỉ mở lại được phát hiện đã báo cáo khắc phục, đã xác minh hoặc đang chấp nhận rủi ro; phát hiện này đang ở trạng thái \"{current}\"."),

            (FindingAction.AcceptRisk, FindingState.Open or FindingState.Reopened or FindingState.RemediationReported) =>
                FindingTransition.Allow(FindingState.RiskAccepted, FindingStatuses.RiskAccepted),
            (FindingAction.AcceptRisk, _) => FindingTransition.Refused(from,
                $"Chỉ chấp nhận rủi ro được cho phát hiện chưa được giải quyết; phát hiện này đang ở trạng thái \"{current}\"."),

            (FindingAction.ExpireRisk, FindingState.RiskAccepted) =>
                FindingTransition.Allow(FindingState.Reopened, FindingStatuses.Reopened),
            (FindingAction.ExpireRisk, _) => FindingTransition.Refused(from,
                $"Phát hiện đang ở trạng thái \"{current}\", không có chấp nhận rủi ro để hết hạn."),

            _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
        };
    }

    /// <summary>Who may take an action: inspectors verify and reopen, leaders accept risk; the rest are not callers' actions.</summary>
    public static bool MayTake(FindingAction action, bool isInspector, bool isLeader) => action switch
    {
        FindingAction.Verify or FindingAction.Reopen => isInspector,
        FindingAction.AcceptRisk => isLeader,
        _ => false,
    };

    /// <summary>The actions a caller may take now, by API name (the web shows a button for each).</summary>
    public static IReadOnlyList<string> AllowedActions(FindingState state, bool isInspector, bool isLeader) =>
        new[] { FindingAction.Verify, FindingAction.Reopen, FindingAction.AcceptRisk }
            .Where(action => MayTake(action, isInspector, isLeader) && Decide(state, action).Allowed)
            .Select(action => FindingStatuses.ActionName(action)!)
            .ToList();
}
