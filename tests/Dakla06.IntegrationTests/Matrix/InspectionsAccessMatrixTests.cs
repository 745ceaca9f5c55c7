using System.Net.Http.Headers;
using System.Text;
using Dakla06.Contracts.Http.Inspections;
using Dakla06.IntegrationTests.Inspections;
using static Dakla06.IntegrationTests.Matrix.MatrixSeeds;
using R = Dakla06.Contracts.Http.Inspections.InspectionsRoutes;

namespace Dakla06.IntegrationTests.Matrix;

/// <summary>
/// Security inspections' access matrix. Objects at a unit: a system (or device) it owns, an inspection of that system
/// by the province's team PA05, a finding of it with that unit responsible. Details of
/// inspections are for inspectors and leaders only, so other users get 404 on them even inside their scope.
/// </summary>
public sealed class InspectionsAccessMatrixTests(InspectionsFixture fixture) : AccessMatrixTests, IClassFixture<InspectionsFixture>
{
    private const string Team = "CAH-643";
    private const string ProvinceTeam = "PA05";
    private readonly SeedCache<SystemDto> _systems = new();
    private readonly SeedCache<(Guid Inspection, Guid Finding)> _findings = new();
    private readonly SeedCache<string> _devices = new();

    protected override string Service => "inspections";

    protected override string Root => R.Root;

    protected override async Task<HttpClient> ClientAsync(string? username) =>
        username is null ? fixture.HttpClientWithToken(null) : await fixture.HttpClientForAsync(username);

    protected override IReadOnlyList<AccessRow> Rows() =>
    [
        //                                                                   pl  po  pi  pc  pe  bi  bo  ho  tl  tn  al  mm  uu
        new("POST", R.Systems, unit => Task.FromResult(new AccessRequest(R.Systems, Json(NewSystem(unit)))),
            Inside:                                                         "403 403 201 403 403 201 403 403 403 403 403 403 403",
            Outside:                                                        "-   -   -   -   -  403 403 403 403 403 403  -   -"),
        new("GET", R.Systems, async unit => { var s = await SystemAtAsync(unit); return new AccessRequest($"{R.Systems}?pageSize=200&q={Uri.EscapeDataString(s.Name)}", Marker: s.Id.ToString()); },
            Inside:                                                         "L   L   L   L   L   L   L   L   L   L   L  403 403",
            Outside:                                                        "-   -   -   -   -   H   H   H   H   H   H   -   -"),
        new("GET", R.System, async unit => new(Sub(R.Path(R.System, (await SystemAtAsync(unit)).Id))),
            Inside:                                                         "200 200 200 200 200 200 200 200 200 200 200 403 403",
            Outside:                                                        "-   -   -   -   -  404 404 404 404 404 404  -   -"),
        // Teams exist only at the province and in Buôn Ma Thuột: a district or commune elsewhere does not see CAH-643.
        new("GET", R.Teams, unit => Task.FromResult(new AccessRequest(R.Teams, Marker: unit == "643" ? Team : null)),
            Inside:                                                         "200 200 200 200 200 L   L  200 200 200 200 403 403",
            Outside:                                                        "-   -   -   -   -  200 200  H  200 200 200  -   -"),
        // The shipped checklist templates are the same for everybody: nothing is outside a scope.
        new("GET", R.Checklists, _ => Task.FromResult(new AccessRequest(R.Checklists)),
            Inside:                                                         "200 200 200 200 200 200 200 200 200 200 200 403 403",
            Outside:                                                        "-   -   -   -   -   -   -   -   -   -   -   -   -"),
        new("POST", R.Inspections, async unit => new(R.Inspections, Json(new CreateInspectionRequest("system", (await NewSystemAtAsync(unit)).Id, Team, fixture.Today, "system-connection"))),
            Inside:                                                         "403 403 201 403 403 201 403 403 403 403 403 403 403",
            Outside:                                                        "-   -   -   -   -  400 403 403 403 403 403  -   -"),
        new("GET", R.Inspections, async unit => { var f = await FindingAtAsync(unit); return new AccessRequest($"{R.Inspections}?pageSize=200&targetId={(await SystemAtAsync(unit)).Id}", Marker: f.Inspection.ToString()); },
            Inside:                                                         "L   L   L   L   L   L   L   L   L   L   L  403 403",
            Outside:                                                        "-   -   -   -   -   H   H   H   H   H   H   -   -"),
        new("GET", R.Inspection, async unit => new(Sub(R.Path(R.Inspection, (await FindingAtAsync(unit)).Inspection))),
            Inside:                                                         "200 404 200 404 404 200 404 404 404 404 404 403 403",
            Outside:                                                        "-   -   -   -   -  404 404 404 404 404 404  -   -"),
        new("POST", R.InspectionStart, async unit => new(Sub(R.Path(R.InspectionStart, await PlannedInspectionAtAsync(unit))), Json(new StartInspectionRequest(null))),
            Inside:                                                         "403 403 200 403 403 200 403 403 403 403 403 403 403",
            Outside:                                                        "-   -   -   -   -  404 403 403 403 403 403  -   -"),
        new("PUT", R.InspectionResults, async unit => new(Sub(R.Path(R.InspectionResults, await StartedInspectionAtAsync(unit))),
                Json(new SaveResultsRequest([new ItemResultRequest(1, "pass", null)]))),
            Inside:                                                         "403 403 200 403 403 200 403 403 403 403 403 403 403",
            Outside:                                                        "-   -   -   -   -  404 403 403 403 403 403  -   -"),
        new("POST", R.InspectionComplete, async unit => new(Sub(R.Path(R.InspectionComplete, await RecordedInspectionAtAsync(unit))),
                Json(new CompleteInspectionRequest("Đạt yêu cầu", null))),
            Inside:                                                         "403 403 200 403 403 200 403 403 403 403 403 403 403",
            Outside:                                                        "-   -   -   -   -  404 403 403 403 403 403  -   -"),
        new("POST", R.InspectionFindings, async unit => new(Sub(R.Path(R.InspectionFindings, await StartedInspectionAtAsync(unit))), Json(NewFinding(unit))),
            Inside:                                                         "403 403 201 403 403 201 403 403 403 403 403 403 403",
            Outside:                                                        "-   -   -   -   -  403 403 403 403 403 403  -   -"),
        new("GET", R.Findings, async unit => { var f = await FindingAtAsync(unit); return new AccessRequest($"{R.Findings}?pageSize=200&inspectionId={f.Inspection}", Marker: f.Finding.ToString()); },
            Inside:                                                         "L   L   L   L   L   L   L   L   L   L   L  403 403",
            Outside:                                                        "-   -   -   -   -   H   H   H   H   H   H   -   -"),
        new("GET", R.Finding, async unit => new(Sub(R.Path(R.Finding, (await FindingAtAsync(unit)).Finding))),
            Inside:                                                         "200 200 200 200 200 200 200 200 200 200 200 403 403",
            Outside:                                                        "-   -   -   -   -  404 404 404 404 404 404  -   -"),
        new("POST", R.FindingVerify, async unit => new(Sub(R.Path(R.FindingVerify, await NewFindingAtAsync(unit))), Json(new VerifyFindingRequest("Đã khắc phục"))),
            Inside:                                                         "403 403 200 403 403 200 403 403 403 403 403 403 403",
            Outside:                                                        "-   -   -   -   -  404 403 403 403 403 403  -   -"),
        new("POST", R.FindingReopen, async unit => new(Sub(R.Path(R.FindingReopen, await VerifiedFindingAtAsync(unit))), Json(new ReopenFindingRequest("Tái diễn"))),
            Inside:                                                         "403 403 200 403 403 200 403 403 403 403 403 403 403",
            Outside:                                                        "-   -   -   -   -  404 403 403 403 403 403  -   -"),
        new("POST", R.FindingAcceptRisk, async unit => new(Sub(R.Path(R.FindingAcceptRisk, await NewFindingAtAsync(unit))), Json(new AcceptRiskRequest(fixture.Today.AddDays(30), "Chấp nhận tạm thời"))),
            Inside:                                                         "200 403 403 403 403 403 403 403 403 403 403 403 403",
            Outside:                                                        "-   -   -   -   -  403 403 403 403 403 403  -   -"),
        new("GET", R.Devices, async unit => { var tag = await DeviceAtAsync(unit); return new AccessRequest($"{R.Devices}?pageSize=200&q={tag}", Marker: tag); },
            Inside:                                                         "L   L   L   L   L   L   L   L   L   L   L  403 403",
            Outside:                                                        "-   -   -   -   -   H   H   H   H   H   H   -   -"),
        new("POST", R.Devices, unit => Task.FromResult(new AccessRequest(R.Devices, Json(new CreateDeviceRequest(Unique("CA-"), unit, "Thu nhận hồ sơ", "Máy tính")))),
            Inside:                                                         "403 403 201 403 403 201 403 403 403 403 403 403 403",
            Outside:                                                        "-   -   -   -   -  403 403 403 403 403 403  -   -"),
        // An import reports each line outside the caller's scope as rejected (200 with the line), like every other bad line.
        new("POST", R.DevicesImport, unit => Task.FromResult(new AccessRequest(R.DevicesImport, DeviceFile(unit))),
            Inside:                                                         "403 403 200 403 403 200 403 403 403 403 403 403 403",
            Outside:                                                        "-   -   -   -   -  200 403 403 403 403 403  -   -"),
        new("GET", R.Coverage, unit => Task.FromResult(new AccessRequest($"{R.Coverage}?unit={unit}")),
            Inside:                                                         "200 200 200 200 200 200 200 200 200 200 200 403 403",
            Outside:                                                        "-   -   -   -   -  404 404 404 404 404 404  -   -"),
    ];

    private static string Sub(string path) => path[R.Root.Length..];

    private static CreateSystemRequest NewSystem(string unit) => new(Unique("Hệ thống "), unit, "integration-platform", 3);

    private static RaiseFindingRequest NewFinding(string unit) => new(Unique("Phát hiện "), "Chưa cập nhật bản vá", "high", unit, null);

    private static MultipartFormDataContent DeviceFile(string unit)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes($"asset_tag,unit_code,purpose,description\n{Unique("CA-")},{unit},Thu nhận hồ sơ,Máy tính\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { file, R.DevicesImportFile, "devices.csv" } };
    }

    private Task<InspectionsClient> InspectorAsync() => fixture.ClientForAsync("province.inspector");

    private Task<SystemDto> SystemAtAsync(string unit) => _systems.GetAsync(unit, () => NewSystemAtAsync(unit));

    private async Task<SystemDto> NewSystemAtAsync(string unit) =>
        await (await InspectorAsync()).CreateSystemAsync(NewSystem(unit), TestContext.Current.CancellationToken);

    /// <summary>An inspection by the province's team (so only the target's owner puts it in a district's scope) of a new system at the unit, or of <paramref name="system"/>.</summary>
    private async Task<Guid> PlannedInspectionAtAsync(string unit, SystemDto? system = null) =>
        await InspectionsFixture.PlanInspectionAsync(await InspectorAsync(), "system", (system ?? await NewSystemAtAsync(unit)).Id, ProvinceTeam, fixture.Today);

    private async Task<Guid> StartedInspectionAtAsync(string unit, SystemDto? system = null)
    {
        var id = await PlannedInspectionAtAsync(unit, system);
        await (await InspectorAsync()).StartInspectionAsync(id, new StartInspectionRequest(null), TestContext.Current.CancellationToken);
        return id;
    }

    /// <summary>A started inspection of a system at the unit with every checklist item recorded (passed).</summary>
    private async Task<Guid> RecordedInspectionAtAsync(string unit)
    {
        var inspector = await InspectorAsync();
        var id = await PlannedInspectionAtAsync(unit);
        var started = await inspector.StartInspectionAsync(id, new StartInspectionRequest(null), TestContext.Current.CancellationToken);
        await inspector.SaveResultsAsync(id, InspectionsFixture.ResultsFor(started, []), TestContext.Current.CancellationToken);
        return id;
    }

    private async Task<(Guid Inspection, Guid Finding)> RaiseAtAsync(string unit, SystemDto? system = null)
    {
        var inspection = await StartedInspectionAtAsync(unit, system);
        var finding = await (await InspectorAsync()).RaiseFindingAsync(inspection, NewFinding(unit), cancellationToken: TestContext.Current.CancellationToken);
        return (inspection, finding.Id);
    }

    private Task<(Guid Inspection, Guid Finding)> FindingAtAsync(string unit) => _findings.GetAsync(unit, async () => await RaiseAtAsync(unit, await SystemAtAsync(unit)));

    private async Task<Guid> NewFindingAtAsync(string unit) => (await RaiseAtAsync(unit)).Finding;

    private async Task<Guid> VerifiedFindingAtAsync(string unit)
    {
        var id = await NewFindingAtAsync(unit);
        await (await InspectorAsync()).VerifyFindingAsync(id, new VerifyFindingRequest("Đã khắc phục"), TestContext.Current.CancellationToken);
        return id;
    }

    private Task<string> DeviceAtAsync(string unit) => _devices.GetAsync(unit, async () =>
        (await (await InspectorAsync()).CreateDeviceAsync(new CreateDeviceRequest(Unique("CA-"), unit, "Thu nhận hồ sơ", "Máy tính"), TestContext.Current.CancellationToken)).AssetTag);
}
