using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Cleansing;
using static Dakla06.IntegrationTests.Cleansing.PlantedRegistry;
using static Dakla06.IntegrationTests.Support.ApiAssert;

namespace Dakla06.IntegrationTests.Cleansing;

/// <summary>
/// Working the registry-quality items as the demo officers would: imported lists (unknown persons reported by line),
/// closing with each outcome and its checks, the history, an update the next rule run does not confirm, bulk close,
/// what each demo user sees (scope, masking, audit), and last week's figures read after this week's work.
/// </summary>
public sealed class WorklistTests(RegistryQualityFixture fixture) : IClassFixture<RegistryQualityFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Officers_work_their_lists_and_the_figures_keep_their_history()
    {
        var cleanser = await fixture.ClientForAsync("province.cleanser");
        var tanLoi = await fixture.ClientForAsync("tanloi.officer");
        var tanLap = await fixture.ClientForAsync("tanlap.officer");
        await ImportAsync(cleanser, All);
        var firstDay = fixture.Today;

        // A list: two known persons, one not in the registry (line 3), one malformed (line 5), one twice (line 6).
        var listed = await cleanser.ImportWorklistAsync(Csv(
            $"so_dinh_danh,ghi_chu\n{A.IdNumber},Đi làm ăn xa\n066099999999,Không rõ\n{O.IdNumber},\n123,x\n{A.IdNumber},lần hai\n"),
            "absent.csv", QualityCategories.Absent, Cancel);
        Assert.Equal((5, 2, 0, 3), (listed.Lines, listed.Opened, listed.AlreadyOpen, listed.Rejected));
        Assert.Equal([3, 5, 6], listed.RejectedLines.Select(l => l.Line));
        Assert.Contains("CSDL dân cư", listed.RejectedLines[0].Reason, StringComparison.Ordinal);
        var unknownCategory = await FailsAsync(ApiFailure.Invalid, () => cleanser.ImportWorklistAsync(Csv($"so_dinh_danh\n{A.IdNumber}\n"), "x.csv", "household_no_head", Cancel));
        Assert.Equal(["category"], Fields(unknownCategory));
        var noColumn = await FailsAsync(ApiFailure.Invalid, () => cleanser.ImportWorklistAsync(Csv($"cccd\n{A.IdNumber}\n"), "x.csv", QualityCategories.Wanted, Cancel));
        Assert.Equal(["file"], Fields(noColumn));

        // Scope and masking: Tân Lợi's officer sees Tân Lợi's items masked, not Tân Lập's; the province's pii-reader unmasked.
        var tanLoiAbsent = Assert.Single(await ItemsAsync(tanLoi, QualityCategories.Absent));
        Assert.True(tanLoiAbsent.Masked);
        Assert.NotEqual(A.IdNumber, tanLoiAbsent.IdNumber);
        Assert.Equal(A.IdNumber[..3], tanLoiAbsent.IdNumber![..3]);
        Assert.DoesNotContain(A.FullName, tanLoiAbsent.FullName ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal("Đi làm ăn xa", tanLoiAbsent.Detail);
        var tanLapAbsent = Assert.Single(await ItemsAsync(tanLap, QualityCategories.Absent));
        Assert.Equal(TanLap, tanLapAbsent.CommuneCode);
        Assert.Null(await tanLap.GetQualityItemAsync(tanLoiAbsent.Id, Cancel));
        var audited = await fixture.ScalarAsync("SELECT count(*) FROM audit_log WHERE action = 'read-quality-items'");
        var unmasked = (await ItemsAsync(cleanser, QualityCategories.Absent)).Single(i => i.CommuneCode == TanLoi);
        Assert.False(unmasked.Masked);
        Assert.Equal((A.IdNumber, A.FullName), (unmasked.IdNumber, unmasked.FullName));
        Assert.Equal(audited + 1, await fixture.ScalarAsync("SELECT count(*) FROM audit_log WHERE action = 'read-quality-items' AND username = 'province.cleanser'"));

        // Outcomes: cannot_update needs a known reason and a note; marked_no_old_id only for old_id_missing.
        var invalid = await FailsAsync(ApiFailure.Invalid, () => tanLoi.CloseQualityItemAsync(tanLoiAbsent.Id, new CloseQualityItemRequest(QualityOutcomes.CannotUpdate, "khong-biet"), Cancel));
        Assert.Equal(["note", "reasonCode"], Fields(invalid));
        Assert.Equal(["outcome"], Fields(await FailsAsync(ApiFailure.Invalid,
            () => tanLoi.CloseQualityItemAsync(tanLoiAbsent.Id, new CloseQualityItemRequest(QualityOutcomes.MarkedNoOldId), Cancel))));

        // A week later Tân Lợi's officer works the list.
        fixture.Clock.Advance(TimeSpan.FromDays(7));
        var cannot = await tanLoi.CloseQualityItemAsync(tanLoiAbsent.Id,
            new CloseQualityItemRequest(QualityOutcomes.CannotUpdate, "not_at_address", "Đã xác minh 2 lần, không gặp"), Cancel);
        Assert.Equal((QualityItemStatuses.Closed, QualityOutcomes.CannotUpdate, "tanloi.officer"), (cannot.Status, cannot.Outcome, cannot.ClosedBy));
        await FailsAsync(ApiFailure.Conflict, () => tanLoi.CloseQualityItemAsync(tanLoiAbsent.Id, new CloseQualityItemRequest(QualityOutcomes.Updated), Cancel));
        var history = (await tanLoi.GetQualityItemHistoryAsync(tanLoiAbsent.Id, Cancel))!;
        Assert.Equal([QualityItemActions.Opened, QualityItemActions.Closed], history.Select(h => h.Action));
        Assert.Equal(("tanloi.officer", "not_at_address", "Đã xác minh 2 lần, không gặp"), (history[1].By, history[1].ReasonCode, history[1].Note));
        Assert.True(Math.Abs((history[1].At - fixture.Clock.GetUtcNow()).TotalMilliseconds) < 1, $"closed at {history[1].At:O}, the clock says {fixture.Clock.GetUtcNow():O}");

        var oldId = Assert.Single(await ItemsAsync(tanLoi, QualityCategories.OldIdMissing));
        await tanLoi.CloseQualityItemAsync(oldId.Id, new CloseQualityItemRequest(QualityOutcomes.MarkedNoOldId, Note: "Công dân xác nhận chưa từng được cấp CMND"), Cancel);
        var heads = Assert.Single(await ItemsAsync(tanLoi, QualityCategories.HouseholdManyHeads));
        await tanLoi.CloseQualityItemAsync(heads.Id, new CloseQualityItemRequest(QualityOutcomes.Updated), Cancel);

        // The next rule run: the marked person is no longer flagged; the household still has two heads, so the update
        // did not hold and its item opens again (history says so).
        var run = await cleanser.RunQualityRulesAsync(Cancel);
        Assert.Equal((0, 0, 1), (run.Opened, run.Closed, run.Reopened));
        Assert.Equal(QualityOutcomes.MarkedNoOldId, (await tanLoi.GetQualityItemAsync(oldId.Id, Cancel))!.Outcome);
        Assert.Equal(QualityItemStatuses.Open, (await tanLoi.GetQualityItemAsync(heads.Id, Cancel))!.Status);
        Assert.Equal([QualityItemActions.Opened, QualityItemActions.Closed, QualityItemActions.Reopened],
            (await tanLoi.GetQualityItemHistoryAsync(heads.Id, Cancel))!.Select(h => h.Action));

        // Bulk close by ID number: a member of a household for a household category; a line that closes nothing is reported.
        var bulk = await tanLoi.BulkCloseWorklistAsync(Csv(
            $"so_dinh_danh,ket_qua,ma_ly_do,ghi_chu\n{F.IdNumber},updated,,Đã sửa chủ hộ\n{O.IdNumber},updated,,\n{B.IdNumber},cannot_update,,\n"),
            "close.csv", QualityCategories.HouseholdManyHeads, Cancel);
        Assert.Equal((3, 1, 2), (bulk.Lines, bulk.Closed, bulk.Rejected));
        Assert.Equal([3, 4], bulk.RejectedLines.Select(l => l.Line));
        Assert.Equal(QualityOutcomes.Updated, (await tanLoi.GetQualityItemAsync(heads.Id, Cancel))!.Outcome);

        // Figures: today counts this week's work; the first day still reads the first day's figures.
        var now = await ProgressAsync(tanLoi, TanLoi);
        var absentNow = Figure(now.Unit, QualityCategories.Absent);
        Assert.Equal((1, 1, 0, 1), (absentNow.Found, absentNow.Closed, absentNow.Open, absentNow.CannotUpdate));
        Assert.Equal("1/1 (100%)", absentNow.Figure);
        Assert.Equal(1, Figure(now.Unit, QualityCategories.OldIdMissing).MarkedNoOldId);
        Assert.Equal(1, Figure(now.Unit, QualityCategories.HouseholdManyHeads).Updated);
        var then = await ProgressAsync(tanLoi, TanLoi, firstDay);
        Assert.Equal(0, then.Unit.Total.Closed);
        Assert.Equal(Figure(now.Unit, QualityCategories.Absent).Found, Figure(then.Unit, QualityCategories.Absent).Found);
        Assert.Null(await tanLap.GetRegistryQualityAsync(new RegistryQualityQuery(TanLoi), Cancel));
        var province = await ProgressAsync(cleanser, "66");
        Assert.Equal(2, Figure(province.Unit, QualityCategories.Absent).Found);
        Assert.Equal(0, (await ProgressAsync(cleanser, "66", firstDay.AddDays(-1))).Unit.Total.Found);
    }
}
