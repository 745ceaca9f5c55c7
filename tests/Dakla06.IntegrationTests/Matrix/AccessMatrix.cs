using System.Net;
using System.Text.Json;

namespace Dakla06.IntegrationTests.Matrix;

/// <summary>
/// A demo user of the realm as a column of the access matrix: where an object "inside" their scope is seeded, and
/// where one "outside" it is (none for the province, which sees everything, and for the users the APIs refuse).
/// </summary>
public sealed record MatrixUser(string Name, string InsideUnit, string? OutsideUnit);

/// <summary>What a request of a case looks like: its path (under the service root), body, and the id a list must show or hide.</summary>
public sealed record AccessRequest(string Path, HttpContent? Body = null, string? Marker = null);

/// <summary>
/// One operation of the matrix: how to build its request on an object seeded at a unit, and what every user
/// (<see cref="AccessMatrix.Users"/>, in that order) gets on an object inside and outside their scope.
/// Tokens: a status code (<c>200</c>, <c>403</c>, <c>404</c>…), <c>L</c> a 200 list that shows the object, <c>H</c> a 200
/// list that hides it, <c>-</c> no such case. Anonymous callers get 401 on every operation.
/// </summary>
public sealed record AccessRow(string Method, string Route, Func<string, Task<AccessRequest>> Request, string Inside, string Outside)
{
    public string Key => $"{Method} {OpenApiOperations.Normalise(Route)}";
}

public static class AccessMatrix
{
    /// <summary>The matrix's columns: every demo user of the realm file (the realm test checks there is no other).</summary>
    public static readonly IReadOnlyList<MatrixUser> Users =
    [
        new("province.leader", "643", null),
        new("province.officer", "643", null),
        new("province.inspector", "643", null),
        new("province.cleanser", "643", null),
        new("province.enrolment", "643", null),
        new("bmt.inspector", "643", "644"),
        new("bmt.officer", "643", "644"),
        new("buonho.officer", "644", "643"),
        new("tanloi.officer", "24136", "24118"),
        new("tanlap.officer", "24118", "24136"),
        new("anlac.officer", "24305", "24136"),
        new("mismatch.officer", "24136", null),
        new("unknownunit.officer", "643", null),
    ];

    /// <summary>A 200 of a list whose body contains (<c>L</c>) or lacks (<c>H</c>) the marker.</summary>
    public static string Verdict(string expected, HttpStatusCode status, string body, string? marker)
    {
        var code = ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return expected switch
        {
            "L" when status == HttpStatusCode.OK && marker is not null && body.Contains(marker, StringComparison.OrdinalIgnoreCase) => "L",
            "L" when status == HttpStatusCode.OK => "200 without the object",
            "H" when status == HttpStatusCode.OK && (marker is null || !body.Contains(marker, StringComparison.OrdinalIgnoreCase)) => "H",
            "H" when status == HttpStatusCode.OK => "200 showing the object",
            _ => code,
        };
    }

    public static string[] Tokens(string row) => row.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Prints a line to the test's output and to the console (the run's log), e.g. the count of cases.</summary>
    public static void Report(string line)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        Console.WriteLine(line);
    }

    public static string Excerpt(string body) => body.Length <= 300 ? body : body[..300] + "…";

    /// <summary>The usernames of the realm file's users.</summary>
    public static IReadOnlyList<string> RealmUsers()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "keycloak", "dakla06-realm.json");
        using var realm = JsonDocument.Parse(File.ReadAllText(file));
        return [.. realm.RootElement.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("username").GetString()!)];
    }
}

/// <summary>
/// The access matrix of one service: every operation of its OpenAPI document has a row, and every demo user gets on
/// every operation, inside and outside their scope, what the row says. A service adds its matrix by deriving from this
/// class with its fixture, its rows and the objects they need.
/// </summary>
public abstract class AccessMatrixTests
{
    /// <summary>The service's short name in reports.</summary>
    protected abstract string Service { get; }

    /// <summary>The root of the service's routes, e.g. <c>/api/directives</c>.</summary>
    protected abstract string Root { get; }

    /// <summary>A client of the service as <paramref name="username"/>; anonymous when null.</summary>
    protected abstract Task<HttpClient> ClientAsync(string? username);

    /// <summary>The matrix's rows, one per operation; their requests seed what they need.</summary>
    protected abstract IReadOnlyList<AccessRow> Rows();

    [Fact]
    public async Task Every_operation_of_the_OpenAPI_document_has_one_row()
    {
        var document = await OpenApiOperations.ReadAsync(await ClientAsync(null));
        var rows = Rows().Select(r => $"{r.Method} {OpenApiOperations.Normalise(Root + r.Route)}").ToList();
        var missing = document.Operations.Select(o => o.Key).Except(rows).ToList();
        var unknown = rows.Except(document.Operations.Select(o => o.Key)).ToList();
        var twice = rows.GroupBy(r => r).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        AccessMatrix.Report($"{Service}: {document.Operations.Count} operations in /openapi/v1.json, {rows.Count} matrix rows");
        Assert.True(missing.Count == 0 && unknown.Count == 0 && twice.Count == 0,
            $"Operations without a matrix row: [{string.Join(", ", missing)}]; rows without an operation: [{string.Join(", ", unknown)}]; rows twice: [{string.Join(", ", twice)}]");
    }

    [Fact]
    public async Task Every_demo_user_gets_what_the_matrix_says()
    {
        var cancel = TestContext.Current.CancellationToken;
        var clients = new Dictionary<string, HttpClient>();
        foreach (var user in AccessMatrix.Users)
        {
            clients[user.Name] = await ClientAsync(user.Name);
        }

        var anonymous = await ClientAsync(null);
        var mismatches = new List<string>();
        var cases = 0;
        foreach (var row in Rows())
        {
            var inside = AccessMatrix.Tokens(row.Inside);
            var outside = AccessMatrix.Tokens(row.Outside);
            Assert.True(inside.Length == AccessMatrix.Users.Count && outside.Length == AccessMatrix.Users.Count,
                $"{row.Key}: {AccessMatrix.Users.Count} tokens per scope expected, got {inside.Length} and {outside.Length}");

            for (var i = 0; i < AccessMatrix.Users.Count; i++)
            {
                var user = AccessMatrix.Users[i];
                foreach (var (place, expected, unit) in new[] { ("inside", inside[i], user.InsideUnit), ("outside", outside[i], user.OutsideUnit) })
                {
                    if (expected == "-")
                    {
                        continue;
                    }

                    Assert.True(unit is not null, $"{row.Key}: {user.Name} has no object {place} their scope, the row must say '-'");
                    var actual = await SendAsync(clients[user.Name], row, unit, expected, cancel);
                    cases++;
                    if (actual.Verdict != expected)
                    {
                        mismatches.Add(
                            $"{row.Key} as {user.Name} on an object {place} ({unit}): expected {expected}, got {actual.Verdict} {AccessMatrix.Excerpt(actual.Body)}");
                    }
                }
            }

            var unauthenticated = await SendAsync(anonymous, row, "643", "401", cancel);
            cases++;
            if (unauthenticated.Verdict != "401")
            {
                mismatches.Add($"{row.Key} anonymous: expected 401, got {unauthenticated.Verdict}");
            }
        }

        AccessMatrix.Report($"Access matrix {Service}: {cases} cases (operation × user × scope, and anonymous) checked, {mismatches.Count} mismatches");
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} answers differ from the matrix:\n{string.Join("\n", mismatches)}");
    }

    private async Task<(string Verdict, string Body)> SendAsync(HttpClient client, AccessRow row, string unit, string expected, CancellationToken cancel)
    {
        var request = await row.Request(unit);
        using var message = new HttpRequestMessage(new HttpMethod(row.Method), Root + request.Path) { Content = request.Body };
        using var response = await client.SendAsync(message, cancel);
        var body = MatrixSeeds.Searchable(await response.Content.ReadAsByteArrayAsync(cancel));
        return (AccessMatrix.Verdict(expected, response.StatusCode, body, request.Marker), body);
    }
}
