using System.Net.Http.Headers;
using System.Text;
using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Enrolment;
using Dakla06.IntegrationTests.Enrolment;
using static Dakla06.IntegrationTests.Matrix.MatrixSeeds;

namespace Dakla06.IntegrationTests.Matrix;

/// <summary>
/// Identity enrolment's access matrix: cases in plain HTTP, objects seeded through the typed client. Only enrolment officers
/// import (province.enrolment and tanloi.officer in the realm), always for their own unit and the units below (the form
/// names none; lines of other units are rejected line by line by the job). An object at a unit is an import of that unit,
/// uploaded by an enrolment officer there (a forged token of the realm's shape where the realm has none); the funnel and
/// stage times name the unit in their query.
/// </summary>
public sealed class EnrolmentAccessMatrixTests(EnrolmentFixture fixture) : AccessMatrixTests, IClassFixture<EnrolmentFixture>
{
    private static int _serial;
    private readonly SeedCache<Guid> _imports = new();

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
}
