using Dakla06.Contracts.Directives;
using Dakla06.Contracts.Http.Inspections;
using Dakla06.IntegrationTests.Support;
using static Dakla06.IntegrationTests.Inspections.InspectionsFixture;

namespace Dakla06.IntegrationTests.Inspections;

/// <summary>Directive tracking's TaskReported, as delivered by the broker to the inspection service's consumer.</summary>
public sealed class RemediationReportedTests(InspectionsFixture fixture) : IClassFixture<InspectionsFixture>
{
    private async Task<Guid> OpenFindingAsync(InspectionsClient inspector, string name)
    {
        var cancel = TestContext.Current.CancellationToken;
        var systemId = await RegisterSystemAsync(inspector, name, "643", "application", 2);
        var inspectionId = await PlanInspectionAsync(inspector, "system", systemId, "PA05", fixture.Today);
        await inspector.StartInspectionAsync(inspectionId, new StartInspectionRequest(null), cancel);
        return (await inspector.RaiseFindingAsync(inspectionId, new RaiseFindingRequest(
            "Chưa ghi nhật ký truy cập dữ liệu dân cư",
            "Ứng dụng không ghi log truy vấn CSDLQG về dân cư.",
            "medium",
            "643",
            null), cancellationToken: cancel)).Id;
    }

    private Task<long> ReportedEntriesAsync(Guid finding) =>
        fixture.ScalarAsync("SELECT count(*) FROM finding_events WHERE finding_id = @id AND kind = 'remediation_reported'", ("id", finding));

    private static async Task<string?> StatusAsync(InspectionsClient client, Guid finding) =>
        (await client.GetFindingAsync(finding, TestContext.Current.CancellationToken))?.Status;

    [Fact]
    public async Task The_same_message_delivered_twice_records_the_report_once()
    {
        var inspector = await fixture.ClientForAsync("province.inspector");
        var finding = await OpenFindingAsync(inspector, "Phần mềm quản lý hộ tịch");
        var messageId = Guid.NewGuid();
        var taskId = Guid.NewGuid();

        // Both copies carry the same MessageId, as a re-publish after a relay crash would.
        await fixture.PublishTaskReportedAsync(finding, "Đã bật ghi nhật ký", messageId: messageId, taskId: taskId);
        await fixture.PublishTaskReportedAsync(finding, "Đã bật ghi nhật ký", messageId: messageId, taskId: taskId);

        await fixture.AwaitConsumedAsync<TaskReported>(e => e.TaskId == taskId, 2);
        await Eventually.ReturnsAsync(() => ReportedEntriesAsync(finding), n => n > 0);
        Assert.Equal(1, await ReportedEntriesAsync(finding));
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM inbox_messages WHERE message_id = @id", ("id", messageId)));
        Assert.Equal("remediation_reported", await StatusAsync(inspector, finding));
    }

    [Fact]
    public async Task Other_tasks_progress_reports_and_findings_not_awaiting_remediation_are_left_alone()
    {
        var inspector = await fixture.ClientForAsync("province.inspector");
        var finding = await OpenFindingAsync(inspector, "Cổng thông tin điện tử phường");
        var verified = await OpenFindingAsync(inspector, "Hệ thống một cửa điện tử thành phố");
        await inspector.VerifyFindingAsync(verified, new VerifyFindingRequest("Đã kiểm tra trực tiếp"), TestContext.Current.CancellationToken);

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
        Assert.Equal("open", await StatusAsync(inspector, finding));
        Assert.Equal("verified", await StatusAsync(inspector, verified));
    }
}
