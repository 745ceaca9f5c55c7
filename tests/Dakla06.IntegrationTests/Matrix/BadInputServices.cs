using Dakla06.IntegrationTests.Directives;
using Dakla06.IntegrationTests.Enrolment;
using Dakla06.IntegrationTests.Inspections;
using Dakla06.IntegrationTests.Statistics;

namespace Dakla06.IntegrationTests.Matrix;

public sealed class DirectivesBadInputTests(DirectivesFixture fixture) : BadInputTests, IClassFixture<DirectivesFixture>
{
    protected override string Service => "directives";

    protected override string User => "province.officer";

    protected override string DatabaseConnectionString => fixture.DatabaseConnectionString;

    protected override async Task<HttpClient> ClientAsync(string? username) =>
        username is null ? fixture.HttpClientWithToken(null) : await fixture.HttpClientForAsync(username);
}

public sealed class InspectionsBadInputTests(InspectionsFixture fixture) : BadInputTests, IClassFixture<InspectionsFixture>
{
    protected override string Service => "inspections";

    protected override string User => "province.inspector";

    protected override string DatabaseConnectionString => fixture.DatabaseConnectionString;

    protected override async Task<HttpClient> ClientAsync(string? username) =>
        username is null ? fixture.HttpClientWithToken(null) : await fixture.HttpClientForAsync(username);
}

/// <summary>As province.cleanser (the only user who may import the registry); its unmasked reads are audited, which is what valid reads write.</summary>
public sealed class CleansingBadInputTests(CleansingMatrixFixture fixture) : BadInputTests, IClassFixture<CleansingMatrixFixture>
{
    protected override string Service => "cleansing";

    protected override string User => "province.cleanser";

    protected override string DatabaseConnectionString => fixture.DatabaseConnectionString;

    protected override IReadOnlySet<string> ReadAuditTables { get; } = new HashSet<string> { "public.audit_log" };

    protected override IReadOnlySet<string> InputlessWrites { get; } = new HashSet<string> { "POST /api/cleansing/duplicates/scan", "POST /api/cleansing/registry-quality/run" };

    protected override async Task<HttpClient> ClientAsync(string? username) =>
        username is null ? fixture.HttpClientWithToken(null) : await fixture.HttpClientForAsync(username);
}

/// <summary>As province.officer, the province statistics officer (the only user who may import the catalogue).</summary>
public sealed class StatisticsBadInputTests(StatisticsFixture fixture) : BadInputTests, IClassFixture<StatisticsFixture>
{
    protected override string Service => "statistics";

    protected override string User => "province.officer";

    protected override string DatabaseConnectionString => fixture.DatabaseConnectionString;

    protected override async Task<HttpClient> ClientAsync(string? username) =>
        username is null ? fixture.HttpClientWithToken(null) : await fixture.HttpClientForAsync(username);
}

/// <summary>As province.enrolment, the province enrolment officer (imports for the whole province).</summary>
public sealed class EnrolmentBadInputTests(EnrolmentFixture fixture) : BadInputTests, IClassFixture<EnrolmentFixture>
{
    protected override string Service => "enrolment";

    protected override string User => "province.enrolment";

    protected override string DatabaseConnectionString => fixture.DatabaseConnectionString;

    protected override async Task<HttpClient> ClientAsync(string? username) =>
        username is null ? fixture.HttpClientWithToken(null) : await fixture.HttpClientForAsync(username);
}
