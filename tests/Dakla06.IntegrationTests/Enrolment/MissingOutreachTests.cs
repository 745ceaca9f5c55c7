using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Enrolment;
using static Dakla06.IntegrationTests.Support.ApiAssert;

namespace Dakla06.IntegrationTests.Enrolment;

/// <summary>
/// The outreach records of the missing lists: reasons (history kept, the latest applies) and home visits (planned,
/// recorded once), written by enrolment officers for a commune in their scope. Users: tanloi.officer (24136 Tân Lợi,
/// enrolment-officer), province.enrolment (66, enrolment-officer), tanlap.officer (24118, no enrolment role).
/// </summary>
public sealed class MissingOutreachTests(EnrolmentFixture fixture) : IClassFixture<EnrolmentFixture>
{
    private const string TanLoi = "24136";
    private const string TanLap = "24118";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_commune_officer_records_reasons_and_every_one_is_kept()
    {
        var tanloi = await fixture.ClientForAsync("tanloi.officer");
        var first = await tanloi.SetMissingReasonAsync("p-reason-1", new SetMissingReasonRequest(TanLoi, MissingReasons.WorkingAway, null), Cancel);
        Assert.Equal((MissingReasons.WorkingAway, "Làm ăn xa", (string?)null, "tanloi.officer"), (first.Reason, first.Name, first.Note, first.RecordedBy));

        var second = await tanloi.SetMissingReasonAsync("p-reason-1", new SetMissingReasonRequest(TanLoi, MissingReasons.Other, " đi biển dài ngày "), Cancel);
        Assert.Equal((MissingReasons.Other, "đi biển dài ngày"), (second.Reason, second.Note));
        Assert.Equal(2, await fixture.ScalarAsync("SELECT count(*) FROM missing_reasons WHERE person_ref = 'p-reason-1'"));
    }

    [Fact]
    public async Task A_bad_reason_is_refused_naming_the_field()
    {
        var tanloi = await fixture.ClientForAsync("tanloi.officer");
        Assert.Equal(["note"], Fields(await FailsAsync(ApiFailure.Invalid, () =>
            tanloi.SetMissingReasonAsync("p-bad", new SetMissingReasonRequest(TanLoi, MissingReasons.Other, "  "), Cancel))));
        Assert.Equal(["reason"], Fields(await FailsAsync(ApiFailure.Invalid, () =>
            tanloi.SetMissingReasonAsync("p-bad", new SetMissingReasonRequest(TanLoi, "ban_viec", null), Cancel))));
        Assert.Equal(["communeCode"], Fields(await FailsAsync(ApiFailure.Invalid, () =>
            tanloi.SetMissingReasonAsync("p-bad", new SetMissingReasonRequest("643", MissingReasons.NoSmartphone, null), Cancel))));
        Assert.Equal(["personRef"], Fields(await FailsAsync(ApiFailure.Invalid, () =>
            tanloi.SetMissingReasonAsync("p bad!", new SetMissingReasonRequest(TanLoi, MissingReasons.NoSmartphone, null), Cancel))));
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM missing_reasons WHERE person_ref LIKE 'p%bad%'"));
    }

    [Fact]
    public async Task Reasons_are_written_only_in_scope_and_with_the_enrolment_role()
    {
        var tanloi = await fixture.ClientForAsync("tanloi.officer");
        await FailsAsync(ApiFailure.Forbidden, () =>
            tanloi.SetMissingReasonAsync("p-scope", new SetMissingReasonRequest(TanLap, MissingReasons.NoSmartphone, null), Cancel));
        var tanlap = await fixture.ClientForAsync("tanlap.officer");
        await FailsAsync(ApiFailure.Forbidden, () =>
            tanlap.SetMissingReasonAsync("p-scope", new SetMissingReasonRequest(TanLap, MissingReasons.NoSmartphone, null), Cancel));
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM missing_reasons WHERE person_ref = 'p-scope'"));

        var province = await fixture.ClientForAsync("province.enrolment");
        var recorded = await province.SetMissingReasonAsync("p-scope", new SetMissingReasonRequest(TanLap, MissingReasons.ServingSentence, null), Cancel);
        Assert.Equal("province.enrolment", recorded.RecordedBy);
    }

    [Fact]
    public async Task A_visit_is_planned_listed_and_recorded_once()
    {
        var tanloi = await fixture.ClientForAsync("tanloi.officer");
        var planned = await tanloi.PlanVisitAsync("p-visit", new PlanVisitRequest(TanLoi, fixture.Today.AddDays(3), "tổ công tác thôn 2"), Cancel);
        Assert.Equal(("p-visit", TanLoi, fixture.Today.AddDays(3), "tanloi.officer", (string?)null), (planned.PersonRef, planned.CommuneCode, planned.PlannedOn, planned.PlannedBy, planned.Outcome));

        Assert.Equal(["plannedOn"], Fields(await FailsAsync(ApiFailure.Invalid, () =>
            tanloi.PlanVisitAsync("p-visit", new PlanVisitRequest(TanLoi, fixture.Today.AddDays(-1), null), Cancel))));
        Assert.Equal(["visitedOn"], Fields(await FailsAsync(ApiFailure.Invalid, () =>
            tanloi.RecordVisitAsync(planned.Id, new RecordVisitRequest(fixture.Today.AddDays(1), VisitOutcomes.NotMet, null), Cancel))));
        Assert.Equal(["outcome"], Fields(await FailsAsync(ApiFailure.Invalid, () =>
            tanloi.RecordVisitAsync(planned.Id, new RecordVisitRequest(fixture.Today, "gap", null), Cancel))));

        var recorded = await tanloi.RecordVisitAsync(planned.Id, new RecordVisitRequest(fixture.Today, VisitOutcomes.NotMet, "vắng nhà"), Cancel);
        Assert.Equal((fixture.Today, VisitOutcomes.NotMet, "vắng nhà", "tanloi.officer"), (recorded.VisitedOn, recorded.Outcome, recorded.OutcomeNote, recorded.RecordedBy));
        await FailsAsync(ApiFailure.Conflict, () =>
            tanloi.RecordVisitAsync(planned.Id, new RecordVisitRequest(fixture.Today, VisitOutcomes.Enrolled, null), Cancel));

        var again = await tanloi.PlanVisitAsync("p-visit", new PlanVisitRequest(TanLoi, fixture.Today.AddDays(1), null), Cancel);
        var visits = await tanloi.ListVisitsAsync("p-visit", new VisitQuery(TanLoi), Cancel);
        Assert.Equal([again.Id, planned.Id], visits.Select(v => v.Id));
    }

    [Fact]
    public async Task Visits_outside_the_callers_commune_are_not_found_and_not_writable()
    {
        var province = await fixture.ClientForAsync("province.enrolment");
        var atTanLap = await province.PlanVisitAsync("p-other", new PlanVisitRequest(TanLap, fixture.Today, null), Cancel);

        var tanloi = await fixture.ClientForAsync("tanloi.officer");
        await FailsAsync(ApiFailure.NotFound, () => tanloi.ListVisitsAsync("p-other", new VisitQuery(TanLap), Cancel));
        await FailsAsync(ApiFailure.NotFound, () =>
            tanloi.RecordVisitAsync(atTanLap.Id, new RecordVisitRequest(fixture.Today, VisitOutcomes.NotMet, null), Cancel));
        await FailsAsync(ApiFailure.Forbidden, () => tanloi.PlanVisitAsync("p-other", new PlanVisitRequest(TanLap, fixture.Today, null), Cancel));

        // Read by a user of the commune without the enrolment role; written only with it.
        var tanlap = await fixture.ClientForAsync("tanlap.officer");
        Assert.Single(await tanlap.ListVisitsAsync("p-other", new VisitQuery(TanLap), Cancel));
        await FailsAsync(ApiFailure.Forbidden, () =>
            tanlap.RecordVisitAsync(atTanLap.Id, new RecordVisitRequest(fixture.Today, VisitOutcomes.NotMet, null), Cancel));
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM visits WHERE person_ref = 'p-other' AND outcome IS NULL"));
    }
}
