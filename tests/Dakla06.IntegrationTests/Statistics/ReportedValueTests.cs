using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Statistics;
using static Dakla06.IntegrationTests.Matrix.MatrixSeeds;
using static Dakla06.IntegrationTests.Support.ApiAssert;

namespace Dakla06.IntegrationTests.Statistics;

/// <summary>
/// Reported values and their two-step approval: a statistics officer submits (and may change) a count, a leader of the
/// unit or above approves it (locked), only the approver or a leader above them unlocks it; every change is in the
/// history; reads are scoped; approved values add to the essential services. Each test uses its own year so that the
/// class's shared database does not mix their values.
/// </summary>
public sealed class ReportedValueTests(StatisticsFixture fixture) : IClassFixture<StatisticsFixture>
{
    private const string NoticesOfStay = "essential_06";
    private const string VssidAccounts = "vssid_accounts";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private Task<StatisticsClient> ClientAsync(string username) => fixture.ClientForAsync(username);

    /// <summary>A client with a token of the realm's shape for an official of <paramref name="unit"/> holding <paramref name="roles"/>.</summary>
    private async Task<StatisticsClient> ForgedAsync(string unit, params string[] roles) =>
        new(fixture.HttpClientWithToken(await fixture.Identity.ForgeAsync(unit, [LevelRoleOf(unit), .. roles])));

    private static SubmitReportedValueRequest Month(string indicator, string unit, int year, int month, long value, string? note = null) =>
        new(indicator, unit, new DateOnly(year, month, 1), new DateOnly(year, month, 1).AddMonths(1).AddDays(-1), value, note);

    private async Task<ReportedValueDto> SubmitAsync(string username, SubmitReportedValueRequest request) =>
        await (await ClientAsync(username)).SubmitReportedValueAsync(request, Cancel);

    [Fact]
    public async Task An_officer_submits_a_value_and_a_second_put_of_the_same_period_changes_it()
    {
        var first = await SubmitAsync("tanloi.officer", Month(NoticesOfStay, "24136", 2031, 3, 120, "Số liệu Công an phường"));
        Assert.Equal((ReportedValueStatuses.Submitted, 120L, "trường hợp", "Phường Tân Lợi"), (first.Status, first.Value, first.CountUnit, first.UnitName));
        Assert.Equal("tanloi.officer", first.SubmittedBy);
        Assert.Contains(ReportedValueActions.Edit, first.Actions);

        // The district officer corrects the commune's value: same indicator, unit and period, so the same value.
        var second = await SubmitAsync("bmt.officer", Month(NoticesOfStay, "24136", 2031, 3, 135, "Bổ sung"));
        Assert.Equal((first.Id, 135L, "bmt.officer", "Bổ sung"), (second.Id, second.Value, second.SubmittedBy, second.Note));

        var list = await (await ClientAsync("bmt.officer")).ListReportedValuesAsync(
            new ReportedValueQuery("24136", new DateOnly(2031, 3, 1), new DateOnly(2031, 3, 31)), 1, 50, Cancel);
        Assert.Equal(135L, Assert.Single(list.Items, v => v.Indicator == NoticesOfStay).Value);
    }

    [Fact]
    public async Task Bad_values_are_refused_naming_the_field_and_another_units_value_is_forbidden()
    {
        var officer = await ClientAsync("tanloi.officer");

        var unknown = await FailsAsync(ApiFailure.Invalid, () => officer.SubmitReportedValueAsync(Month("essential_03", "24136", 2032, 1, 5), Cancel));
        Assert.Equal(["indicator"], Fields(unknown)); // permanent residence is counted in dossiers, not reported
        var negative = await FailsAsync(ApiFailure.Invalid, () => officer.SubmitReportedValueAsync(Month(VssidAccounts, "24136", 2032, 1, -1), Cancel));
        Assert.Equal(["value"], Fields(negative));
        var reversed = await FailsAsync(ApiFailure.Invalid, () => officer.SubmitReportedValueAsync(
            new SubmitReportedValueRequest(VssidAccounts, "zz", new DateOnly(2032, 2, 1), new DateOnly(2032, 1, 1), 5, null), Cancel));
        Assert.Equal(["to", "unitCode"], Fields(reversed));

        // A commune officer may not report for the neighbouring commune, nor for its district.
        await FailsAsync(ApiFailure.Forbidden, () => officer.SubmitReportedValueAsync(Month(VssidAccounts, "24118", 2032, 1, 5), Cancel));
        await FailsAsync(ApiFailure.Forbidden, () => officer.SubmitReportedValueAsync(Month(VssidAccounts, "643", 2032, 1, 5), Cancel));
        // A leader without the statistics role may not submit at all.
        await FailsAsync(ApiFailure.Forbidden, async () => await SubmitAsync("province.leader", Month(VssidAccounts, "24136", 2032, 1, 5)));

        // A period overlapping another of the same indicator and unit would be counted twice.
        await officer.SubmitReportedValueAsync(Month(VssidAccounts, "24136", 2032, 1, 5), Cancel);
        var overlap = await FailsAsync(ApiFailure.Conflict, () => officer.SubmitReportedValueAsync(
            new SubmitReportedValueRequest(VssidAccounts, "24136", new DateOnly(2032, 1, 15), new DateOnly(2032, 2, 15), 9, null), Cancel));
        Assert.Contains("01/01/2032–31/01/2032", overlap.Detail);
    }

    [Fact]
    public async Task A_leader_above_approves_and_the_approved_value_is_locked_until_its_approver_unlocks_it()
    {
        var submitted = await SubmitAsync("tanloi.officer", Month(VssidAccounts, "24136", 2033, 5, 40));
        var leader = await ClientAsync("province.leader");
        Assert.Contains(ReportedValueActions.Approve, (await leader.ListReportedValuesAsync(new ReportedValueQuery("24136", new DateOnly(2033, 5, 1), new DateOnly(2033, 5, 31)), 1, 10, Cancel)).Items.Single().Actions);

        // Refused: an officer has no leader role (403); a leader of another district does not see the value (404).
        var officer = await ClientAsync("bmt.officer");
        await FailsAsync(ApiFailure.Forbidden, () => officer.ApproveReportedValueAsync(submitted.Id, Cancel));
        var otherBranch = await ForgedAsync("644", "leader");
        await FailsAsync(ApiFailure.NotFound, () => otherBranch.ApproveReportedValueAsync(submitted.Id, Cancel));

        var approved = await leader.ApproveReportedValueAsync(submitted.Id, Cancel);
        Assert.Equal((ReportedValueStatuses.Approved, "province.leader", "66"), (approved.Status, approved.ApprovedBy, approved.ApprovedByUnitCode));
        Assert.Contains(ReportedValueActions.Unlock, approved.Actions);
        await FailsAsync(ApiFailure.Conflict, () => leader.ApproveReportedValueAsync(submitted.Id, Cancel));

        var locked = await FailsAsync(ApiFailure.Conflict, async () => await SubmitAsync("tanloi.officer", Month(VssidAccounts, "24136", 2033, 5, 45)));
        Assert.Contains("province.leader", locked.Detail);
        Assert.Contains("mở khóa", locked.Detail);

        // Another leader of the province (not the approver, not above them) may not unlock.
        var anotherProvinceLeader = await ForgedAsync("66", "leader");
        await FailsAsync(ApiFailure.Forbidden, () => anotherProvinceLeader.UnlockReportedValueAsync(submitted.Id, Cancel));

        var unlocked = await leader.UnlockReportedValueAsync(submitted.Id, Cancel);
        Assert.Equal((ReportedValueStatuses.Submitted, null), (unlocked.Status, unlocked.ApprovedBy));
        await FailsAsync(ApiFailure.Conflict, () => leader.UnlockReportedValueAsync(submitted.Id, Cancel));
        var changed = await SubmitAsync("tanloi.officer", Month(VssidAccounts, "24136", 2033, 5, 45));
        Assert.Equal((submitted.Id, 45L), (changed.Id, changed.Value));
    }

    [Fact]
    public async Task A_leader_above_the_approver_may_unlock_and_the_commune_leader_approves_its_own_commune()
    {
        var value = await SubmitAsync("tanloi.officer", Month(NoticesOfStay, "24136", 2034, 1, 12));
        var communeLeader = await ForgedAsync("24136", "leader");
        var approved = await communeLeader.ApproveReportedValueAsync(value.Id, Cancel);
        Assert.Equal("24136", approved.ApprovedByUnitCode);

        var districtLeader = await ForgedAsync("643", "leader");
        Assert.Equal(ReportedValueStatuses.Submitted, (await districtLeader.UnlockReportedValueAsync(value.Id, Cancel)).Status);
    }

    [Fact]
    public async Task The_history_keeps_every_change_in_order_with_who_and_the_old_and_new_value()
    {
        var value = await SubmitAsync("tanloi.officer", Month(VssidAccounts, "24136", 2035, 2, 10));
        await SubmitAsync("tanloi.officer", Month(VssidAccounts, "24136", 2035, 2, 10)); // unchanged: no entry
        await SubmitAsync("bmt.officer", Month(VssidAccounts, "24136", 2035, 2, 14, "Cộng thêm tuần cuối"));
        var leader = await ClientAsync("province.leader");
        await leader.ApproveReportedValueAsync(value.Id, Cancel);
        await leader.UnlockReportedValueAsync(value.Id, Cancel);
        await SubmitAsync("tanloi.officer", Month(VssidAccounts, "24136", 2035, 2, 16));

        var history = await (await ClientAsync("tanloi.officer")).GetReportedValueHistoryAsync(value.Id, Cancel);
        Assert.Equal(
            [
                (ReportedValueChanges.Submitted, "tanloi.officer", "24136", (long?)null, 10L, (string?)null, ReportedValueStatuses.Submitted),
                (ReportedValueChanges.Changed, "bmt.officer", "643", 10L, 14L, ReportedValueStatuses.Submitted, ReportedValueStatuses.Submitted),
                (ReportedValueChanges.Approved, "province.leader", "66", 14L, 14L, ReportedValueStatuses.Submitted, ReportedValueStatuses.Approved),
                (ReportedValueChanges.Unlocked, "province.leader", "66", 14L, 14L, ReportedValueStatuses.Approved, ReportedValueStatuses.Submitted),
                (ReportedValueChanges.Changed, "tanloi.officer", "24136", 14L, 16L, ReportedValueStatuses.Submitted, ReportedValueStatuses.Submitted),
            ],
            history.Select(h => (h.Change, h.ChangedBy, h.ChangedByUnitCode, h.OldValue, h.NewValue, h.OldStatus, h.NewStatus)));
        Assert.Equal("Cộng thêm tuần cuối", history[1].Note);
        Assert.True(history.Zip(history.Skip(1)).All(p => p.First.ChangedAt <= p.Second.ChangedAt));
    }

    [Fact]
    public async Task Each_demo_user_reads_the_values_of_their_own_subtree_only()
    {
        var province = await SubmitAsync("province.officer", Month(VssidAccounts, "66", 2036, 4, 1));
        var district = await SubmitAsync("province.officer", Month(VssidAccounts, "643", 2036, 4, 2));
        var tanLoi = await SubmitAsync("province.officer", Month(VssidAccounts, "24136", 2036, 4, 3));
        var tanLap = await SubmitAsync("province.officer", Month(VssidAccounts, "24118", 2036, 4, 4));
        var anLac = await SubmitAsync("province.officer", Month(VssidAccounts, "24305", 2036, 4, 5));
        var april = new ReportedValueQuery(From: new DateOnly(2036, 4, 1), To: new DateOnly(2036, 4, 30));

        async Task<Guid[]> SeenBy(string username) =>
            [.. (await (await ClientAsync(username)).ListReportedValuesAsync(april, 1, 50, Cancel)).Items.Select(v => v.Id).Order()];

        Assert.Equal(new[] { province.Id, district.Id, tanLoi.Id, tanLap.Id, anLac.Id }.Order(), await SeenBy("province.leader"));
        Assert.Equal(new[] { district.Id, tanLoi.Id, tanLap.Id }.Order(), await SeenBy("bmt.officer"));
        Assert.Equal([tanLoi.Id], await SeenBy("tanloi.officer"));
        Assert.Equal([anLac.Id], await SeenBy("anlac.officer"));

        var bmt = await ClientAsync("bmt.officer");
        await FailsAsync(ApiFailure.NotFound, () => bmt.ListReportedValuesAsync(april with { Unit = "644" }, 1, 50, Cancel));
        await FailsAsync(ApiFailure.NotFound, () => bmt.GetReportedValueHistoryAsync(anLac.Id, Cancel));
        await FailsAsync(ApiFailure.NotFound, async () => await (await ClientAsync("tanloi.officer")).GetReportedValueHistoryAsync(district.Id, Cancel));
        Assert.Single(await bmt.GetReportedValueHistoryAsync(tanLap.Id, Cancel));

        var submittedOnly = await (await ClientAsync("province.leader")).ListReportedValuesAsync(april with { Status = ReportedValueStatuses.Approved }, 1, 50, Cancel);
        Assert.Empty(submittedOnly.Items);
    }

    [Fact]
    public async Task Essential_services_add_the_approved_values_whose_period_lies_within_the_asked_one()
    {
        var leader = await ClientAsync("province.leader");
        var approvedInMarch = await SubmitAsync("tanloi.officer", Month(NoticesOfStay, "24136", 2037, 3, 7));
        await leader.ApproveReportedValueAsync(approvedInMarch.Id, Cancel);
        var approvedAtDistrict = await SubmitAsync("bmt.officer", Month(NoticesOfStay, "643", 2037, 3, 30));
        await leader.ApproveReportedValueAsync(approvedAtDistrict.Id, Cancel);
        await SubmitAsync("bmt.officer", Month(NoticesOfStay, "24118", 2037, 3, 500)); // submitted, not approved
        var acrossMonths = await SubmitAsync("tanloi.officer",
            new SubmitReportedValueRequest(NoticesOfStay, "24136", new DateOnly(2037, 2, 15), new DateOnly(2037, 2, 28), 1000, null));
        await leader.ApproveReportedValueAsync(acrossMonths.Id, Cancel); // approved but in February
        var otherDistrict = await SubmitAsync("province.officer", Month(NoticesOfStay, "644", 2037, 3, 20000));
        await leader.ApproveReportedValueAsync(otherDistrict.Id, Cancel);

        async Task<EssentialServiceDto> NoticesOfStayAsync(string username, string unit, DateOnly from, DateOnly to) =>
            (await (await ClientAsync(username)).GetEssentialServicesAsync(new PeriodQuery(unit, from, to), Cancel)).Services.Single(s => s.Number == 6);

        var march = await NoticesOfStayAsync("bmt.officer", "643", new DateOnly(2037, 3, 1), new DateOnly(2037, 3, 31));
        Assert.Equal((37L, "trường hợp"), (march.Count, march.CountUnit));
        Assert.Equal(7, (await NoticesOfStayAsync("tanloi.officer", "24136", new DateOnly(2037, 3, 1), new DateOnly(2037, 3, 31))).Count);
        Assert.Equal(1037, (await NoticesOfStayAsync("bmt.officer", "643", new DateOnly(2037, 2, 1), new DateOnly(2037, 3, 31))).Count);
        // A month's values do not lie within 1–30 March.
        Assert.Equal(0, (await NoticesOfStayAsync("bmt.officer", "643", new DateOnly(2037, 3, 1), new DateOnly(2037, 3, 30))).Count);

        var services = (await (await ClientAsync("province.officer")).GetEssentialServicesAsync(new PeriodQuery("66", new DateOnly(2037, 3, 1), new DateOnly(2037, 3, 31)), Cancel)).Services;
        Assert.Equal(20037, services.Single(s => s.Number == 6).Count);
        Assert.Equal("hồ sơ", services.Single(s => s.Number == 3).CountUnit);
    }
}
