using Dakla06.Inspections.Domain;

namespace Dakla06.UnitTests.Inspections;

public class FindingLifecycleTests
{
    /// <summary>Every (state, action) with the expected new state, or null when refused.</summary>
    public static TheoryData<FindingState, FindingAction, FindingState?> Table => new()
    {
        { FindingState.Open, FindingAction.ReportRemediation, FindingState.RemediationReported },
        { FindingState.Reopened, FindingAction.ReportRemediation, FindingState.RemediationReported },
        { FindingState.RemediationReported, FindingAction.ReportRemediation, null },
        { FindingState.Verified, FindingAction.ReportRemediation, null },
        { FindingState.RiskAccepted, FindingAction.ReportRemediation, null },

        { FindingState.Open, FindingAction.Verify, FindingState.Verified },
        { FindingState.Reopened, FindingAction.Verify, FindingState.Verified },
        { FindingState.RemediationReported, FindingAction.Verify, FindingState.Verified },
        { FindingState.Verified, FindingAction.Verify, null },
        { FindingState.RiskAccepted, FindingAction.Verify, null },

        { FindingState.Open, FindingAction.Reopen, null },
        { FindingState.Reopened, FindingAction.Reopen, null },
        { FindingState.RemediationReported, FindingAction.Reopen, FindingState.Reopened },
        { FindingState.Verified, FindingAction.Reopen, FindingState.Reopened },
        { FindingState.RiskAccepted, FindingAction.Reopen, FindingState.Reopened },

        { FindingState.Open, FindingAction.AcceptRisk, FindingState.RiskAccepted },
        { FindingState.Reopened, FindingAction.AcceptRisk, FindingState.RiskAccepted },
        { FindingState.RemediationReported, FindingAction.AcceptRisk, FindingState.RiskAccepted },
        { FindingState.Verified, FindingAction.AcceptRisk, null },
        { FindingState.RiskAccepted, FindingAction.AcceptRisk, null },

        { FindingState.Open, FindingAction.ExpireRisk, null },
        { FindingState.Reopened, FindingAction.ExpireRisk, null },
        { FindingState.RemediationReported, FindingAction.ExpireRisk, null },
        { FindingState.Verified, FindingAction.ExpireRisk, null },
        { FindingState.RiskAccepted, FindingAction.ExpireRisk, FindingState.Reopened },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Each_transition_is_allowed_or_refused_with_a_Vietnamese_reason(FindingState from, FindingAction action, FindingState? expected)
    {
        var transition = FindingLifecycle.Decide(from, action);

        if (expected is { } to)
        {
            Assert.True(transition.Allowed);
            Assert.Equal(to, transition.To);
            Assert.Equal(FindingStatuses.Name(to), transition.EventKind);
            Assert.Null(transition.Refusal);
        }
        else
        {
            Assert.False(transition.Allowed);
            Assert.Equal(from, transition.To);
            Assert.Contains(FindingStatuses.Vietnamese(from), transition.Refusal, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Table_covers_every_state_and_action()
    {
        var covered = Table.Select(row => ((FindingState)row.Data.Item1, (FindingAction)row.Data.Item2)).ToHashSet();
        foreach (var state in Enum.GetValues<FindingState>())
        {
            foreach (var action in Enum.GetValues<FindingAction>())
            {
                Assert.Contains((state, action), covered);
            }
        }
    }

    [Theory]
    [InlineData(FindingState.Open, true, false, new[] { "verify" })]
    [InlineData(FindingState.Open, false, true, new[] { "accept-risk" })]
    [InlineData(FindingState.RemediationReported, true, true, new[] { "verify", "reopen", "accept-risk" })]
    [InlineData(FindingState.Verified, true, true, new[] { "reopen" })]
    [InlineData(FindingState.RiskAccepted, false, true, new string[0])]
    [InlineData(FindingState.RiskAccepted, true, false, new[] { "reopen" })]
    [InlineData(FindingState.Open, false, false, new string[0])]
    public void Allowed_actions_follow_the_role_and_the_state(FindingState state, bool inspector, bool leader, string[] expected)
    {
        Assert.Equal(expected, FindingLifecycle.AllowedActions(state, inspector, leader));
    }

    [Fact]
    public void Status_names_round_trip()
    {
        foreach (var state in Enum.GetValues<FindingState>())
        {
            Assert.Equal(state, FindingStatuses.Parse(FindingStatuses.Name(state)));
        }

        Assert.Null(FindingStatuses.TryParse("closed"));
        Assert.Equal(FindingStatuses.All.Count, Enum.GetValues<FindingState>().Length);
    }

    [Fact]
    public void States_have_their_stored_names_and_Vietnamese_labels()
    {
        Assert.Equal(["open", "remediation_reported", "verified", "reopened", "risk_accepted"], Enum.GetValues<FindingState>().Select(FindingStatuses.Name));
        Assert.Equal(FindingStatuses.All, Enum.GetValues<FindingState>().Select(FindingStatuses.Name));
        Assert.Equal(["Chưa khắc phục", "Đã báo cáo khắc phục, chờ xác minh", "Đã xác minh khắc phục", "Mở lại", "Chấp nhận rủi ro"],
            Enum.GetValues<FindingState>().Select(FindingStatuses.Vietnamese));
        Assert.Equal(FindingState.RiskAccepted, FindingStatuses.TryParse(" risk_accepted "));
        Assert.Null(FindingStatuses.TryParse(null));
        Assert.Throws<ArgumentOutOfRangeException>(() => FindingStatuses.Parse("closed"));
    }

    [Fact]
    public void Unresolved_states_are_the_ones_still_needing_work_in_both_forms()
    {
        var unresolved = Enum.GetValues<FindingState>().Where(FindingStatuses.IsUnresolved).ToList();
        Assert.Equal([FindingState.Open, FindingState.RemediationReported, FindingState.Reopened], unresolved);
        Assert.Equal(FindingStatuses.Unresolved.Order(StringComparer.Ordinal), unresolved.Select(FindingStatuses.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(FindingAction.Verify, "verify")]
    [InlineData(FindingAction.Reopen, "reopen")]
    [InlineData(FindingAction.AcceptRisk, "accept-risk")]
    [InlineData(FindingAction.ReportRemediation, null)]
    [InlineData(FindingAction.ExpireRisk, null)]
    public void Only_caller_actions_have_an_API_name(FindingAction action, string? name) =>
        Assert.Equal(name, FindingStatuses.ActionName(action));

    [Theory]
    [InlineData(FindingAction.Verify, true, false, true)]
    [InlineData(FindingAction.Verify, false, true, false)]
    [InlineData(FindingAction.Reopen, true, false, true)]
    [InlineData(FindingAction.Reopen, false, true, false)]
    [InlineData(FindingAction.AcceptRisk, false, true, true)]
    [InlineData(FindingAction.AcceptRisk, true, false, false)]
    [InlineData(FindingAction.ReportRemediation, true, true, false)]
    [InlineData(FindingAction.ExpireRisk, true, true, false)]
    public void Inspectors_verify_and_reopen_leaders_accept_risk_and_nobody_takes_the_bus_actions(
        FindingAction action, bool inspector, bool leader, bool may) =>
        Assert.Equal(may, FindingLifecycle.MayTake(action, inspector, leader));
}
