using System.Net.Http.Headers;
using System.Text;
using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Statistics;
using Dakla06.IntegrationTests.Statistics;
using static Dakla06.IntegrationTests.Matrix.MatrixSeeds;

namespace Dakla06.IntegrationTests.Matrix;

/// <summary>
/// Public-service statistics' access matrix: cases in plain HTTP, objects seeded through the typed client. The procedure
/// catalogue is the province's and public to every official; only a province statistics officer imports it. An object
/// at a unit is a dossier import of that unit, uploaded by a statistics officer there (a forged token of the realm's
/// shape: the realm has none in Buôn Hồ, Tân Lập or An Lạc); the reports name the unit in their query. A reported value
/// at a unit is submitted by the province's statistics officer (and approved by the province leader where a row needs it).
/// </summary>
public sealed class StatisticsAccessMatrixTests(StatisticsFixture fixture) : AccessMatrixTests, IClassFixture<StatisticsFixture>
{
    private const string Period = "from=2024-01-01&to=2024-12-31";
    private static int _serial;
    private readonly SeedCache<Guid> _imports = new();
    private readonly SeedCache<string> _procedure = new();
    private readonly SeedCache<ReportedValueDto> _values = new();
    private readonly SeedCache<Guid> _targets = new();

    protected override string Service => "statistics";

    protected override string Root => StatisticsRoutes.Root;

    protected override async Task<HttpClient> ClientAsync(string? username) =>
        username is null ? fixture.HttpClientWithToken(null) : await fixture.HttpClientForAsync(username);

    protected override IReadOnlyList<AccessRow> Rows() =>
    [
        //                                                                   pl  po  pi  pc  pe  bi  bo  ho  tl  tn  al  mm  uu
        new("GET", StatisticsRoutes.Procedures, async _ => new($"{StatisticsRoutes.Procedures}?q={await ProcedureAsync()}", Marker: await ProcedureAsync()),
            Inside:                                                         "L   L   L   L   L   L   L   L   L   L   L  403 403",
            Outside:                                                        "-   -   -   -   -   -   -   -   -   -   -   -   -"),
        // The catalogue is published by the province: district and commune statistics officers may not import it.
        new("POST", StatisticsRoutes.ProceduresImport, _ => Task.FromResult(new AccessRequest(StatisticsRoutes.ProceduresImport, CatalogueForm())),
            Inside:                                                         "403 200 403 403 403 403 403 403 403 403 403 403 403",
            Outside:                                                        "-   -   -   -   -   -   -   -   -   -   -   -   -"),
        // A dossier import is always for the caller's unit (the form names none); lines of other units are rejected line by line by the job.
        new("POST", StatisticsRoutes.DossiersImport, unit => Task.FromResult(new AccessRequest(StatisticsRoutes.DossiersImport, DossierForm(unit))),
            Inside:                                                         "403 202 403 403 403 403 202 403 202 403 403 403 403",
            Outside:                                                        "-   -   -   -   -   -   -   -   -   -   -   -   -"),
        new("GET", StatisticsRoutes.Import, async unit => new(ApiRoute.Fill(string.Empty, StatisticsRoutes.Import, await ImportAtAsync(unit))),
            Inside:                                                         "200 200 200 200 200 200 200 200 200 200 200 403 403",
            Outside:                                                        "-   -   -   -   -  404 404 404 404 404 404  -   -"),
        new("GET", StatisticsRoutes.ImportErrors, async unit => new(ApiRoute.Fill(string.Empty, StatisticsRoutes.ImportErrors, await ImportAtAsync(unit))),
            Inside:                                                         "200 200 200 200 200 200 200 200 200 200 200 403 403",
            Outside:                                                        "-   -   -   -   -  404 404 404 404 404 404  -   -"),
        // The import's rules are the province's, like the catalogue: every official reads them.
        new("GET", StatisticsRoutes.ValidationRules, _ => Task.FromResult(new AccessRequest(StatisticsRoutes.ValidationRules)),
            Inside:                                                         "200 200 200 200 200 200 200 200 200 200 200 403 403",
            Outside:                                                        "-   -   -   -   -   -   -   -   -   -   -   -   -"),
        new("GET", StatisticsRoutes.Outliers, unit => ReportQuery(StatisticsRoutes.Outliers, unit),
            Inside:                                                         "200 200 200 200 200 200 200 200 200 200 200 403 403",
            Outside:                                                        "-   -   -   -   -  404 404 404 404 404 404  -   -"),
        new("GET", StatisticsRoutes.Indicators, unit => ReportQuery(StatisticsRoutes.Indicators, unit),
            Inside:                                                         "200 200 200 200 200 200 200 200 200 200 200 403 403",
            Outside:                                                        "-   -   -   -   -  404 404 404 404 404 404  -   -"),
        new("GET", StatisticsRoutes.ProceduresSummary, unit => ReportQuery(StatisticsRoutes.ProceduresSummary, unit),
            Inside:                                                         "200 200 200 200 200 200 200 200 200 200 200 403 403",
            Outside:                                                        "-   -   -   -   -  404 404 404 404 404 404  -   -"),
        new("GET", StatisticsRoutes.EssentialServices, unit => ReportQuery(StatisticsRoutes.EssentialServices, unit),
            Inside:                                                         "200 200 200 200 200 200 200 200 200 200 200 403 403",
            Outside:                                                        "-   -   -   -   -  404 404 404 404 404 404  -   -"),
        new("GET", StatisticsRoutes.ReportedIndicators, _ => Task.FromResult(new AccessRequest(StatisticsRoutes.ReportedIndicators)),
            Inside:                                                         "200 200 200 200 200 200 200 200 200 200 200 403 403",
            Outside:                                                        "-   -   -   -   -   -   -   -   -   -   -   -   -"),
        new("GET", StatisticsRoutes.ReportedValues, async unit => { var v = await ValueAtAsync(unit); return new($"{StatisticsRoutes.ReportedValues}?from={v.From:yyyy-MM-dd}&to={v.To:yyyy-MM-dd}&pageSize=200", Marker: v.Id.ToString()); },
            Inside:                                                         "L   L   L   L   L   L   L   L   L   L   L  403 403",
            Outside:                                                        "-   -   -   -   -   H   H   H   H   H   H   -   -"),
        // Statistics officers of the unit or above submit; a unit outside the caller's scope is a forbidden write.
        new("PUT", StatisticsRoutes.ReportedValues, unit => Task.FromResult(new AccessRequest(StatisticsRoutes.ReportedValues, Json(NewValue(unit)))),
            Inside:                                                         "403 200 403 403 403 403 200 403 200 403 403 403 403",
            Outside:                                                        "-   -   -   -   -  403 403 403 403 403 403  -   -"),
        // Only province.leader holds the leader role in the realm; leaders elsewhere are in ReportedValueTests.
        new("POST", StatisticsRoutes.ReportedValueApprove, async unit => new(ApiRoute.Fill(string.Empty, StatisticsRoutes.ReportedValueApprove, (await SubmitAtAsync(unit)).Id)),
            Inside:                                                         "200 403 403 403 403 403 403 403 403 403 403 403 403",
            Outside:                                                        "-   -   -   -   -  403 403 403 403 403 403  -   -"),
        new("POST", StatisticsRoutes.ReportedValueUnlock, async unit => new(ApiRoute.Fill(string.Empty, StatisticsRoutes.ReportedValueUnlock, await ApprovedAtAsync(unit))),
            Inside:                                                         "200 403 403 403 403 403 403 403 403 403 403 403 403",
            Outside:                                                        "-   -   -   -   -  403 403 403 403 403 403  -   -"),
        new("GET", StatisticsRoutes.ReportedValueHistory, async unit => new(ApiRoute.Fill(string.Empty, StatisticsRoutes.ReportedValueHistory, (await ValueAtAsync(unit)).Id)),
            Inside:                                                         "200 200 200 200 200 200 200 200 200 200 200 403 403",
            Outside:                                                        "-   -   -   -   -  404 404 404 404 404 404  -   -"),
        // Targets: a unit's target is set from above it (a province officer also for whole levels), read by everyone in scope.
        new("PUT", StatisticsRoutes.Targets, unit => Task.FromResult(new AccessRequest(StatisticsRoutes.Targets, Json(TargetFor(ChildOf(unit))))),
            Inside:                                                         "403 200 403 403 403 403 200 403 403 403 403 403 403",
            Outside:                                                        "-   -   -   -   -  403 403 403 403 403 403  -   -"),
        new("GET", StatisticsRoutes.Targets, async unit => new($"{StatisticsRoutes.Targets}?unit={unit}", Marker: (await TargetAtAsync(unit)).ToString()),
            Inside:                                                         "L   L   L   L   L   L   L   L   L   L   L  403 403",
            Outside:                                                        "-   -   -   -   -  404 404 404 404 404 404  -   -"),
        // Each case deletes a target seeded for it (a deleted one is set again under a new id).
        new("DELETE", StatisticsRoutes.Target, async unit => new(ApiRoute.Fill(string.Empty, StatisticsRoutes.Target, await SetTargetAsync(unit))),
            Inside:                                                         "403 200 403 403 403 403 403 403 403 403 403 403 403",
            Outside:                                                        "-   -   -   -   -  403 404 403 404 403 403  -   -"),
    ];

    /// <summary>A VssID count of the unit for a day no other request uses (periods of one indicator at one unit may not overlap).</summary>
    private static SubmitReportedValueRequest NewValue(string unit)
    {
        var day = new DateOnly(2040, 1, 1).AddDays(Interlocked.Increment(ref _serial));
        return new SubmitReportedValueRequest("vssid_accounts", unit, day, day, 10, null);
    }

    /// <summary>A new value of the unit submitted by the province's statistics officer.</summary>
    private async Task<ReportedValueDto> SubmitAtAsync(string unit) =>
        await (await fixture.ClientForAsync("province.officer")).SubmitReportedValueAsync(NewValue(unit), TestContext.Current.CancellationToken);

    /// <summary>A value of the unit, submitted once and reused by the rows that only read it.</summary>
    private Task<ReportedValueDto> ValueAtAsync(string unit) => _values.GetAsync(unit, () => SubmitAtAsync(unit));

    /// <summary>A new value of the unit approved by the province leader.</summary>
    private async Task<Guid> ApprovedAtAsync(string unit)
    {
        var value = await SubmitAtAsync(unit);
        await (await fixture.ClientForAsync("province.leader")).ApproveReportedValueAsync(value.Id, TestContext.Current.CancellationToken);
        return value.Id;
    }

    private static SetTargetRequest TargetFor(string unit, int year = 2024) =>
        new("received", unit, null, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), 100m, TargetDirections.AtLeast, "1166/QĐ-UBND");

    /// <summary>A target of the unit set by a statistics officer of the unit above it (a forged token of the realm's shape); those deleted are of 2023.</summary>
    private async Task<Guid> SetTargetAsync(string unit, int year = 2023)
    {
        var parent = ParentOf(unit);
        var officer = new StatisticsClient(fixture.HttpClientWithToken(await fixture.Identity.ForgeAsync(parent, [LevelRoleOf(parent), "statistics-officer"])));
        return (await officer.SetTargetAsync(TargetFor(unit, year), TestContext.Current.CancellationToken)).Id;
    }

    private Task<Guid> TargetAtAsync(string unit) => _targets.GetAsync(unit, () => SetTargetAsync(unit, 2024));

    private static Task<AccessRequest> ReportQuery(string route, string unit) => Task.FromResult(new AccessRequest($"{route}?unit={unit}&{Period}"));

    private static string NewProcedureLine(string code) => $"{code},Đăng ký thường trú,xa,Cư trú,toan_trinh,2023-01-01,3,0";

    /// <summary>A dossier of a commune of the unit (the import's own unit is the caller's).</summary>
    private static string NewDossierLine(string unit) =>
        $"MX-{Interlocked.Increment(ref _serial)},9.001,{ChildOf(unit)},truc_tuyen,2024-01-10,2024-01-20,,dang_xu_ly,0,0,0,0,0,0";

    private static MultipartFormDataContent CatalogueForm() => Form(StatisticsFixture.ProcedureHeader, NewProcedureLine("9.001"), "thu-tuc.csv");

    private static MultipartFormDataContent DossierForm(string unit)
    {
        var form = Form(StatisticsFixture.DossierHeader, NewDossierLine(unit), "ho-so.csv");
        form.Add(new StringContent(DossierSources.Igate), StatisticsRoutes.ImportSource);
        return form;
    }

    private static MultipartFormDataContent Form(string header, string line, string fileName)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes($"{header}\n{line}\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { file, StatisticsRoutes.ImportFile, fileName } };
    }

    /// <summary>The code of a procedure of the catalogue, imported once.</summary>
    private Task<string> ProcedureAsync() => _procedure.GetAsync("catalogue", async () =>
    {
        var code = Unique("MX.");
        await fixture.ImportProceduresAsync(NewProcedureLine(code));
        return code;
    });

    /// <summary>A dossier import of the unit, uploaded by a statistics officer there (a forged token of the realm's shape).</summary>
    private Task<Guid> ImportAtAsync(string unit) => _imports.GetAsync(unit, async () =>
    {
        var officer = new StatisticsClient(fixture.HttpClientWithToken(await fixture.Identity.ForgeAsync(unit, [LevelRoleOf(unit), "statistics-officer"])));
        using var file = StatisticsFixture.Csv(StatisticsFixture.DossierHeader, [NewDossierLine(unit)]);
        return (await officer.ImportDossiersAsync(file, "ho-so.csv", DossierSources.Igate, TestContext.Current.CancellationToken)).Id;
    });
}
