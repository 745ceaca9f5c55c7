using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Inspections;
using Dakla06.Contracts.Inspections;
using static Dakla06.IntegrationTests.Inspections.InspectionsFixture;
using static Dakla06.IntegrationTests.Support.ApiAssert;

namespace Dakla06.IntegrationTests.Inspections;

/// <summary>A leader accepts a finding's risk until a date; the day after, the finding reopens by itself (fake clock).</summary>
public sealed class RiskAcceptanceTests(InspectionsFixture fixture) : IClassFixture<InspectionsFixture>
{
    [Fact]
    public async Task Accepted_risk_clears_the_system_until_it_expires_then_the_finding_reopens_once_and_readiness_flips_back()
    {
        var cancel = TestContext.Current.CancellationToken;
        var inspector = await fixture.ClientForAsync("province.inspector");
        var leader = await fixture.ClientForAsync("province.leader");
        var systemId = await RegisterSystemAsync(inspector, "Trung tâm dữ liệu tỉnh", "66", "data-centre", 4);
        var inspection = await RunInspectionAsync(inspector, "system", systemId, "PA05", fixture.Today, failed: []);
        var finding = (await inspector.RaiseFindingAsync(inspection.Id, new RaiseFindingRequest(
            "Thiết bị tường lửa hết hạn bản quyền cập nhật mẫu tấn công",
            "Firewall biên hết hạn license IPS từ 01/2026.",
            "high",
            "66",
            null), cancellationToken: cancel)).Id;
        Assert.False(await ClearedAsync(inspector, systemId));

        var until = fixture.Today.AddDays(10);
        await FailsAsync(ApiFailure.Invalid, () => leader.AcceptFindingRiskAsync(finding, new AcceptRiskRequest(fixture.Today, "Chờ mua sắm"), cancel));
        await FailsAsync(ApiFailure.Invalid, () => leader.AcceptFindingRiskAsync(finding, new AcceptRiskRequest(until, null), cancel));
        await FailsAsync(ApiFailure.Forbidden, () => inspector.AcceptFindingRiskAsync(finding, new AcceptRiskRequest(until, "Chờ mua sắm"), cancel));
        var accepted = await leader.AcceptFindingRiskAsync(finding, new AcceptRiskRequest(until, "Đang mua sắm bản quyền; đã bổ sung giám sát thủ công"), cancel);
        Assert.Equal("risk_accepted", accepted.Status);
        Assert.Equal(until, accepted.RiskAcceptedUntil);
        Assert.Equal("Đang mua sắm bản quyền; đã bổ sung giám sát thủ công", accepted.RiskReason);
        var conflict = await FailsAsync(ApiFailure.Conflict, () => leader.AcceptFindingRiskAsync(finding, new AcceptRiskRequest(until, "Lần nữa"), cancel));
        Assert.Contains("Chấp nhận rủi ro", conflict.Detail, StringComparison.Ordinal);
        Assert.True(await ClearedAsync(inspector, systemId));

        // On the last accepted day nothing happens.
        fixture.Clock.Advance(TimeSpan.FromDays(10));
        Assert.Equal(0, await fixture.CreateScanner().ScanOnceAsync());

        // The day after, two replicas scan together: the finding reopens once.
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        var counts = await Task.WhenAll(fixture.CreateScanner().ScanOnceAsync(), fixture.CreateScanner().ScanOnceAsync());
        Assert.Equal(1, counts.Sum());
        Assert.Equal(0, await fixture.CreateScanner().ScanOnceAsync());

        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM finding_events WHERE finding_id = @id AND kind = 'reopened'", ("id", finding)));
        Assert.Equal("reopened", await StatusAsync(finding));
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM systems WHERE id = @id AND cleared", ("id", systemId)));
        // registered → cleared by the inspection → finding raised → risk accepted → expired
        Assert.Equal(5, await fixture.ScalarAsync("SELECT count(*) FROM readiness_changes WHERE system_id = @id", ("id", systemId)));

        var reopened = Assert.Single(await fixture.AwaitEventsAsync<FindingReopened>(e => e.FindingId == finding));
        Assert.Equal("Hết hạn chấp nhận rủi ro", reopened.Reason);
        Assert.Equal("system", reopened.ReopenedBy);
        var clearance = await fixture.AwaitEventsAsync<ConnectionClearanceChanged>(e => e.SystemId == systemId, 4);
        Assert.Equal(4, clearance.Count);
        var flippedBack = Assert.Single(clearance, e => e.OccurredAt == fixture.Clock.GetUtcNow());
        Assert.False(flippedBack.Cleared);
        Assert.Equal("Còn 1 phát hiện mức cao/nghiêm trọng chưa được xác minh khắc phục", flippedBack.Reason);
    }

    private static async Task<bool> ClearedAsync(InspectionsClient client, Guid id) =>
        (await client.GetSystemAsync(id, TestContext.Current.CancellationToken))!.Cleared;

    private async Task<string> StatusAsync(Guid finding)
    {
        await using var connection = new Npgsql.NpgsqlConnection(fixture.DatabaseConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new Npgsql.NpgsqlCommand("SELECT status FROM findings WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", finding);
        return (string)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
