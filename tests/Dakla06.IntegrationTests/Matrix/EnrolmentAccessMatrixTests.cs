using System.Net.Http.Headers;
using System.Text;
using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Enrolment;
using Dakla06.Contracts.Http.Statistics;
using Dakla06.IntegrationTests.Enrolment;
using static Dakla06.IntegrationTests.Matrix.MatrixSeeds;

namespace Dakla06.IntegrationTests.Matrix;

/// <summary>
/// Identity enrolment's access matrix: cases in plain HTTP, objects seeded through the typed client. Only enrolment officers
/// import (province.enrolment and tanloi.officer in the realm), always for their own unit and the units below (the form
/// names none; lines of other units are rejected line by line by the job). An object at a unit is an import of that unit,
/// uploaded by an enrolment officer there (a forged token of the realm's shape where the realm has none); the funnel and
/// stage times name the unit in their query. Reasons and visits name a commune of the unit; targets are set from the unit above.
/// </summary>
public sealed class EnrolmentAccessMatrixTests(EnrolmentFixture fixture) : AccessMatrixTests, IClassFixture<EnrolmentFixture>
{
    private static int _serial;
    private readonly SeedCache<Guid> _imports = new();
    private readonly SeedCache<Guid> _targets = new();

    protected override string Service => "enrolment";

    protected override string Root => EnrolmentRoutes.Root;

    protected override async Task<HttpClient> ClientAsync(string? username) =>
        username is null ? fixture.HttpClientWithToken(null) : await fixture.HttpClientForAsync(username);

    protected override IReadOnlyList<AccessRow> Rows() =>
    [
        //                                                                   pl  po  pi  pc  pe  bi  bo  ho  tl  tn  al  mm  uu
        new("POST", EnrolmentRoutes.ApplicationsImport, unit => Upload(EnrolmentRoutes.ApplicationsImport, EnrolmentImportKinds.Applications, unit),
            Inside:                                                         "403 403 403 403 202 403 403 403 202 403 403 403 403",
            Outside:                                                        "-   -   -   -   -   -   -   -   -   -   -   -   -"),
        new("POST", EnrolmentRoutes.CardsImport, unit => Upload(EnrolmentRoutes.CardsImport, EnrolmentImportKinds.Cards, unit),
            Inside:                                                         "403 403 403 403 202 403 403 403 202 403 403 403 403",
            Outside:                                                        "-   -   -   -   -   -   -   -   -   -   -   -   -"),
        new("POST", EnrolmentRoutes.EidImport, unit => Upload(EnrolmentRoutes.EidImport, EnrolmentImportKinds.Eid, unit),
            Inside:                                                         "403 403 403 403 202 403 403 403 202 403 403 403 403",
            Outside:                                                        "-   -   -   -   -   -   -   -   -   -   -   -   -"),
        new("GET", EnrolmentRoutes.Imports, async unit => { var id = await ImportAtAsync(unit); return new($"{EnrolmentRoutes.Imports}?pageSize=200", Marker: id.ToString()); },
            Inside:                                                         "L   L   L   L   L   L   L   L   L   L   L  403 403",
            Outside:                                                        "-   -   -   -   -   H   H   H   H   H   H   -   -"),
        new("GET", EnrolmentRoutes.Import, async unit => new(ApiRoute.Fill(string.Empty, EnrolmentRoutes.Import, await ImportAtAsync(unit))),
            Inside:                                                         "200 200 200 200 200 200 200 200 200 200 200 403 403",
            Outside:                                                        "-   -   -   -   -  404 404 404 404 404 404  -   -"),
        new("GET", EnrolmentRoutes.ImportErrors, async unit => new(ApiRoute.Fill(string.Empty, EnrolmentRoutes.ImportErrors, await ImportAtAsync(unit))),
            Inside:                                                         "200 200 200 200 200 200 200 200 200 200 200 403 403",
            Outside:                                                        "-   -   -   -   -  404 404 404 404 404 404  -   -"),
        new("GET", EnrolmentRoutes.Funnel, unit => Task.FromResult(new AccessRequest($"{EnrolmentRoutes.Funnel}?unit={unit}&asOf=2025-06-30&by=child")),
            Inside:                                                         "200 200 200 200 200 200 200 200 200 200 200 403 403",
            Outside:                                                        "-   -   -   -   -  404 404 404 404 404 404  -   -"),
        new("GET", EnrolmentRoutes.StageTimes, unit => Task.FromResult(new AccessRequest($"{EnrolmentRoutes.StageTimes}?unit={unit}")),
            Inside:                                                         "200 200 200 200 200 200 200 200 200 200 200 403 403",
            Outside:                                                        "-   -   -   -   -  404 404 404 404 404 404  -   -"),
        // Stuck lists and counts: everybody in scope reads them (masked unless pii-reader).
        new("GET", EnrolmentRoutes.Stuck, unit => Task.FromResult(new AccessRequest($"{EnrolmentRoutes.Stuck}?unit={unit}")),
            Inside:                                                         "200 200 200 200 200 200 200 200 200 200 200 403 403",
            Outside:                                                        "-   -   -   -   -  404 404 404 404 404 404  -   -"),
        new("GET", EnrolmentRoutes.StuckSummary, unit => Task.FromResult(new AccessRequest($"{EnrolmentRoutes.StuckSummary}?unit={unit}")),
            Inside:                                                         "200 200 200 200 200 200 200 200 200 200 200 403 403",
            Outside:                                                        "-   -   -   -   -  404 404 404 404 404 404  -   -"),
        // The missing list of a commune of the unit (the level-2 kind: the registry kind calls cleansing, see MissingListTests).
        new("GET", EnrolmentRoutes.Missing, unit => Task.FromResult(new AccessRequest($"{EnrolmentRoutes.Missing}?unit={ChildOf(unit)}&kind={MissingKinds.Eid2NotActivated}")),
            Inside:                                                         "200 200 200 200 200 200 200 200 200 200 200 403 403",
            Outside:                                                        "-   -   -   -   -  404 404 404 404 404 404  -   -"),
        // Reasons and visits are written by enrolment officers for a commune in their scope, read by everybody in scope.
        new("PUT", EnrolmentRoutes.MissingReason, unit => Task.FromResult(new AccessRequest(PersonRoute(EnrolmentRoutes.MissingReason),
                Json(new SetMissingReasonRequest(ChildOf(unit), MissingReasons.WorkingAway, null)))),
            Inside:                                                         "403 403 403 403 200 403 403 403 200 403 403 403 403",
            Outside:                                                        "-   -   -   -   -  403 403 403 403 403 403  -   -"),
        new("GET", EnrolmentRoutes.MissingVisits, unit => Task.FromResult(new AccessRequest($"{PersonRoute(EnrolmentRoutes.MissingVisits)}?communeCode={ChildOf(unit)}")),
            Inside:                                                         "200 200 200 200 200 200 200 200 200 200 200 403 403",
            Outside:                                                        "-   -   -   -   -  404 404 404 404 404 404  -   -"),
        new("POST", EnrolmentRoutes.MissingVisits, unit => Task.FromResult(new AccessRequest(PersonRoute(EnrolmentRoutes.MissingVisits),
                Json(new PlanVisitRequest(ChildOf(unit), Tomorrow, null)))),
            Inside:                                                         "403 403 403 403 201 403 403 403 201 403 403 403 403",
            Outside:                                                        "-   -   -   -   -  403 403 403 403 403 403  -   -"),
        // Each case records a visit planned for it (a visit is recorded once).
        new("PUT", EnrolmentRoutes.MissingVisit, async unit => new(ApiRoute.Fill(string.Empty, EnrolmentRoutes.MissingVisit, await PlanVisitAtAsync(unit)),
                Json(new RecordVisitRequest(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)), VisitOutcomes.NotMet, null))),
            Inside:                                                         "403 403 403 403 200 403 403 403 200 403 403 403 403",
            Outside:                                                        "-   -   -   -   -  403 403 403 404 403 403  -   -"),
        // Targets: a unit's target is set from above it by an enrolment officer (the province also for whole levels), read by everyone in scope.
        new("PUT", EnrolmentRoutes.Targets, unit => Task.FromResult(new AccessRequest(EnrolmentRoutes.Targets, Json(TargetFor(ChildOf(unit))))),
            Inside:                                                         "403 403 403 403 200 403 403 403 403 403 403 403 403",
            Outside:                                                        "-   -   -   -   -  403 403 403 403 403 403  -   -"),
        new("GET", EnrolmentRoutes.Targets, async unit => new($"{EnrolmentRoutes.Targets}?unit={unit}", Marker: (await TargetAtAsync(unit)).ToString()),
            Inside:                                                         "L   L   L   L   L   L   L   L   L   L   L  403 403",
            Outside:                                                        "-   -   -   -   -  404 404 404 404 404 404  -   -"),
        // Each case deletes a target seeded for it.
        new("DELETE", EnrolmentRoutes.Target, async unit => new(ApiRoute.Fill(string.Empty, EnrolmentRoutes.Target, await SetTargetAsync(unit, 2023))),
            Inside:                                                         "403 403 403 403 200 403 403 403 403 403 403 403 403",
            Outside:                                                        "-   -   -   -   -  403 403 403 404 403 403  -   -"),
    ];

    /// <summary>One line of <paramref name="kind"/> for a commune of the unit.</summary>
    private static string LineOf(string kind, string unit)
    {
        var serial = Interlocked.Increment(ref _serial);
        return kind switch
        {
            EnrolmentImportKinds.Applications => EnrolmentFixture.Application($"MX-{serial}", EnrolmentFixture.IdNumber(900_000 + serial), ChildOf(unit), "2025-01-10"),
            EnrolmentImportKinds.Cards => EnrolmentFixture.CardEvent($"MX-{serial}", "nhan_tu_c06", "2025-01-20"),
            _ => EnrolmentFixture.EidAccount(EnrolmentFixture.IdNumber(900_000 + serial), ChildOf(unit), 2, "kem_cccd", "2025-01-10"),
        };
    }

    private static string HeaderOf(string kind) => kind switch
    {
        EnrolmentImportKinds.Applications => EnrolmentFixture.ApplicationHeader,
        EnrolmentImportKinds.Cards => EnrolmentFixture.CardHeader,
        _ => EnrolmentFixture.EidHeader,
    };

    private static Task<AccessRequest> Upload(string route, string kind, string unit)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes($"{HeaderOf(kind)}\n{LineOf(kind, unit)}\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return Task.FromResult(new AccessRequest(route, new MultipartFormDataContent { { file, EnrolmentRoutes.ImportFile, "tep.csv" } }));
    }

    /// <summary>An application import of the unit, uploaded by an enrolment officer there (a forged token of the realm's shape).</summary>
    private Task<Guid> ImportAtAsync(string unit) => _imports.GetAsync(unit, async () =>
    {
        var officer = new EnrolmentClient(fixture.HttpClientWithToken(await fixture.Identity.ForgeAsync(unit, [LevelRoleOf(unit), "enrolment-officer"])));
        using var file = EnrolmentFixture.Csv(EnrolmentFixture.ApplicationHeader, [LineOf(EnrolmentImportKinds.Applications, unit)]);
        return (await officer.ImportApplicationsAsync(file, "ho-so.csv", TestContext.Current.CancellationToken)).Id;
    });

    private static readonly DateOnly Tomorrow = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).AddDays(1);

    private static string PersonRoute(string template) => ApiRoute.Fill(string.Empty, template, $"mx-{Interlocked.Increment(ref _serial)}");

    /// <summary>A visit to a person of a commune of the unit, planned by an enrolment officer there (a forged token of the realm's shape).</summary>
    private async Task<Guid> PlanVisitAtAsync(string unit)
    {
        var commune = ChildOf(unit);
        var officer = new EnrolmentClient(fixture.HttpClientWithToken(await fixture.Identity.ForgeAsync(commune, [LevelRoleOf(commune), "enrolment-officer"])));
        return (await officer.PlanVisitAsync($"mx-{Interlocked.Increment(ref _serial)}", new PlanVisitRequest(commune, Tomorrow, null),
            TestContext.Current.CancellationToken)).Id;
    }

    private static SetTargetRequest TargetFor(string unit, int year = 2024) =>
        new(FunnelCodes.CoverageShare, unit, null, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), 100m, TargetDirections.AtLeast, "06/KH-UBND");

    /// <summary>A target of the unit set by an enrolment officer of the unit above it (a forged token of the realm's shape).</summary>
    private async Task<Guid> SetTargetAsync(string unit, int year)
    {
        var parent = ParentOf(unit);
        var officer = new EnrolmentClient(fixture.HttpClientWithToken(await fixture.Identity.ForgeAsync(parent, [LevelRoleOf(parent), "enrolment-officer"])));
        return (await officer.SetTargetAsync(TargetFor(unit, year), TestContext.Current.CancellationToken)).Id;
    }

    private Task<Guid> TargetAtAsync(string unit) => _targets.GetAsync(unit, () => SetTargetAsync(unit, 2024));
}
