using Dakla06.Contracts.Inspections;

namespace Dakla06.IntegrationTests.Inspections;

/// <summary>A leader accepts a finding's risk until a date; the day after, the finding reopens by itself (fake clock).</summary>
public sealed class RiskAcceptanceTests(InspectionsFixture fixture) : IClassFixture<InspectionsFixture>
{
    [Fact]
    public async Task Accepted_risk_clears_the_system_until_it_expires_then_the_finding_reopens_once_and_readiness_flips_back()
    {
        using var inspector = await fixture.ClientForAsync("province.inspector");
        using var leader = await fixture.ClientForAsync("province.leader");
        var systemId = await InspectionsFixture.RegisterSystemAsync(inspector, "Trung tâm dữ liệu tỉnh", "66", "data-centre", 4);
        var inspection = await InspectionsFixture.RunInspectionAsync(inspector, "system", systemId, "PA05", fixture.Today, failed: []);
        var finding = (await InspectionsFixture.PostAsync(inspector, $"/api/inspections/inspections/{inspection.GetProperty("id").GetGuid()}/findings", new
        {
            title = "Thiết bị tường lửa hết hạn bản quyền cập nhật mẫu tấn công",
            description = "Firewall biên hết hạn license IPS từ 01/2026.",
            severity = "high",
            responsibleUnitCode = "66",
        }, 201)).GetProperty("id").GetGuid();
        Assert.False((await SystemAsync(inspector, systemId)).GetProperty("cleared").GetBoolean());

        var until = fixture.Today.AddDays(10);
        await InspectionsFixture.PostAsync(leader, $"/api/inspections/findings/{finding}/accept-risk", new { until = InspectionsFixture.Iso(fixture.Today), reason = "Chờ mua sắm" }, 400);
        await InspectionsFixture.PostAsync(leader, $"/api/inspections/findings/{finding}/accept-risk", new { until = InspectionsFixture.Iso(until) }, 400);
        await InspectionsFixture.PostAsync(inspector, $"/api/inspections/findings/{finding}/accept-risk", new { until = InspectionsFixture.Iso(until), reason = "Chờ mua sắm" }, 403);
        var accepted = await InspectionsFixture.PostAsync(leader, $"/api/inspections/findings/{finding}/accept-risk", new
        {
            until = InspectionsFixture.Iso(until),
            reason = "Đang mua sắm bản quyền; đã bổ sung giám sát thủ công",
        });
        Assert.Equal("risk_accepted", accepted.GetProperty("status").GetString());
        Assert.Equal(InspectionsFixture.Iso(until), accepted.GetProperty("riskAcceptedUntil").GetString());
        Assert.Equal("Đang mua sắm bản quyền; đã bổ sung giám sát thủ công", accepted.GetProperty("riskReason").GetString());
        var conflict = await InspectionsFixture.PostAsync(leader, $"/api/inspections/findings/{finding}/accept-risk", new { until = InspectionsFixture.Iso(until), reason = "Lần nữa" }, 409);
        Assert.Contains("Chấp nhận rủi ro", conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True((await SystemAsync(inspector, systemId)).GetProperty("cleared").GetBoolean());

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

    private static Task<System.Text.Json.JsonElement> SystemAsync(HttpClient client, Guid id) => InspectionsFixture.GetAsync(client, $"/api/inspections/systems/{id}");

    private async Task<string> StatusAsync(Guid finding)
    {
        await using var connection = new Npgsql.NpgsqlConnection(fixture.DatabaseConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new Npgsql.NpgsqlCommand("SELECT status FROM findings WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", finding);
        return (string)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
