using Dakla06.IntegrationTests.Support;

namespace Dakla06.IntegrationTests.Inspections;

/// <summary>Directive tracking's TaskReported, as delivered by the broker to the inspection service's consumer.</summary>
public sealed class RemediationReportedTests(InspectionsFixture fixture) : IClassFixture<InspectionsFixture>
{
    private async Task<Guid> OpenFindingAsync(HttpClient inspector, string name)
    {
        var systemId = await InspectionsFixture.RegisterSystemAsync(inspector, name, "643", "application", 2);
        var inspectionId = await InspectionsFixture.PlanInspectionAsync(inspector, "system", systemId, "PA05", fixture.Today);
        await InspectionsFixture.PostAsync(inspector, $"/api/inspections/inspections/{inspectionId}/start", new { });
        return (await InspectionsFixture.PostAsync(inspector, $"/api/inspections/inspections/{inspectionId}/findings", new
        {
            title = "Chưa ghi nhật ký truy cập dữ liệu dân cư",
            description = "Ứng dụng không ghi log truy vấn CSDLQG về dân cư.",
            severity = "medium",
            responsibleUnitCode = "643",
        }, 201)).GetProperty("id").GetGuid();
    }

    private Task<long> ReportedEntriesAsync(Guid finding) =>
        fixture.ScalarAsync("SELECT count(*) FROM finding_events WHERE finding_id = @id AND kind = 'remediation_reported'", ("id", finding));

    [Fact]
    public async Task The_same_message_delivered_twice_records_the_report_once()
    {
        using var inspector = await fixture.ClientForAsync("province.inspector");
        var finding = await OpenFindingAsync(inspector, "Phần mềm quản lý hộ tịch");
        var messageId = Guid.NewGuid();
        var taskId = Guid.NewGuid();

        // Both copies carry the same MessageId, as a re-publish after a relay crash would.
        await fixture.PublishTaskReportedAsync(finding, "Đã bật ghi nhật ký", messageId: messageId, taskId: taskId);
        await fixture.PublishTaskReportedAsync(finding, "Đã bật ghi nhật ký", messageId: messageId, taskId: taskId);

        await Eventually.ReturnsAsync(() => Task.FromResult(fixture.TaskReportedDeliveries.GetValueOrDefault(taskId)), n => n >= 2, because: "both copies reach the consumer");
        await Eventually.ReturnsAsync(() => ReportedEntriesAsync(finding), n => n > 0);
        Assert.Equal(1, await ReportedEntriesAsync(finding));
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM inbox_messages WHERE message_id = @id", ("id", messageId)));
        var detail = await InspectionsFixture.GetAsync(inspector, $"/api/inspections/findings/{finding}");
        Assert.Equal("remediation_reported", detail.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Other_tasks_progress_reports_and_findings_not_awaiting_remediation_are_left_alone()
    {
        using var inspector = await fixture.ClientForAsync("province.inspector");
        var finding = await OpenFindingAsync(inspector, "Cổng thông tin điện tử phường");
        var verified = await OpenFindingAsync(inspector, "Hệ thống một cửa điện tử thành phố");
        await InspectionsFixture.PostAsync(inspector, $"/api/inspections/findings/{verified}/verify", new { note = "Đã kiểm tra trực tiếp" });

        var messages = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        await fixture.PublishTaskReportedAsync(finding, "Đang làm", done: false, messageId: messages[0]);
        await fixture.PublishTaskReportedAsync(finding, "Việc khác", sourceType: "other-service", messageId: messages[1]);
        await fixture.PublishTaskReportedAsync(Guid.NewGuid(), "Phát hiện không tồn tại", messageId: messages[2]);
        await fixture.PublishTaskReportedAsync(verified, "Báo cáo muộn", messageId: messages[3]);

        // Each was consumed (its inbox row is committed with the consumer's work) and changed nothing.
        foreach (var message in messages)
        {
            await Eventually.ReturnsAsync(() => fixture.ScalarAsync("SELECT count(*) FROM inbox_messages WHERE message_id = @id", ("id", message)), n => n == 1,
                because: $"message {message} is consumed");
        }

        Assert.Equal(0, await ReportedEntriesAsync(finding));
        Assert.Equal(0, await ReportedEntriesAsync(verified));
        Assert.Equal("open", (await InspectionsFixture.GetAsync(inspector, $"/api/inspections/findings/{finding}")).GetProperty("status").GetString());
        Assert.Equal("verified", (await InspectionsFixture.GetAsync(inspector, $"/api/inspections/findings/{verified}")).GetProperty("status").GetString());
    }
}
