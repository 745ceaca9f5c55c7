using Dakla06.Contracts.Http.Enrolment;
using static Dakla06.IntegrationTests.Enrolment.EnrolmentFixture;

namespace Dakla06.IntegrationTests.Enrolment;

/// <summary>An applicant's ID number, name and birth date are masked unless the reader is a pii-reader, whose read is audit-logged.</summary>
public sealed class MaskingTests(EnrolmentFixture fixture) : IClassFixture<EnrolmentFixture>
{
    [Fact]
    public async Task Applications_are_masked_for_officials_and_audited_for_pii_readers()
    {
        var cancel = TestContext.Current.CancellationToken;
        var idNumber = IdNumber(801);
        await fixture.ImportAsync("tanloi.officer", EnrolmentImportKinds.Applications, Application("M1", idNumber, "24136", "2025-05-02"));

        var officer = await (await fixture.ClientForAsync("tanloi.officer")).GetApplicationAsync("M1", cancel);
        Assert.NotNull(officer);
        Assert.True(officer.Masked);
        Assert.Equal(("066******801", "N***** V** A*", "**/**/1990"), (officer.IdNumber, officer.FullName, officer.DateOfBirth));
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM audit_log WHERE detail = 'M1'"));

        var leader = await (await fixture.ClientForAsync("province.leader")).GetApplicationAsync("M1", cancel);
        Assert.NotNull(leader);
        Assert.False(leader.Masked);
        Assert.Equal((idNumber, "Nguyễn Văn An", "01/05/1990", "24136", new DateOnly(2025, 5, 2)),
            (leader.IdNumber, leader.FullName, leader.DateOfBirth, leader.CommuneCode, leader.ReceivedOn));
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM audit_log WHERE detail = 'M1' AND username = 'province.leader' AND action = 'enrolment.application.read'"));

        Assert.Null(await (await fixture.ClientForAsync("tanlap.officer")).GetApplicationAsync("M1", cancel));
    }
}
