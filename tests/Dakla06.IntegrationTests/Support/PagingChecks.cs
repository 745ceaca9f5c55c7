using System.Net;
using System.Text.Json;

namespace Dakla06.IntegrationTests.Support;

/// <summary>What every paged list endpoint must answer to out-of-range <c>page</c>/<c>pageSize</c>: 400 ProblemDetails naming the parameter.</summary>
public static class PagingChecks
{
    /// <summary>Query strings that must be refused, with the parameter the answer must name.</summary>
    public static readonly (string Query, string Field)[] OutOfRange =
    [
        ("page=2147483647&pageSize=200", "page"), // (page - 1) × pageSize overflowed an int: 500 before
        ("page=1073741824&pageSize=2", "page"),
        ("page=99999999999&pageSize=20", "page"), // not an int at all
        ("page=0&pageSize=20", "page"),
        ("page=-1&pageSize=20", "page"),
        ("page=1&pageSize=0", "pageSize"),
        ("page=1&pageSize=201", "pageSize"),
        ("page=1&pageSize=2147483647", "pageSize"),
        ("page=abc", "page"),
    ];

    /// <summary>Asserts that <paramref name="path"/> refuses every <see cref="OutOfRange"/> query with 400 naming its field.</summary>
    public static async Task AssertRefusesOutOfRangeAsync(HttpClient client, string path)
    {
        var cancel = TestContext.Current.CancellationToken;
        foreach (var (query, field) in OutOfRange)
        {
            using var response = await client.GetAsync($"{path}?{query}", cancel);
            var body = await response.Content.ReadAsStringAsync(cancel);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"GET {path}?{query}: expected 400, got {(int)response.StatusCode} {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out _), $"GET {path}?{query}: the problem names {errors}, not {field}");
        }
    }

    /// <summary>The largest page the paging accepts answers 200 with an empty page, not 500.</summary>
    public static async Task AssertLastAllowedPageIsEmptyAsync(HttpClient client, string path, int maxPage)
    {
        var cancel = TestContext.Current.CancellationToken;
        using var response = await client.GetAsync($"{path}?page={maxPage}&pageSize=200", cancel);
        var body = await response.Content.ReadAsStringAsync(cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}?page={maxPage}: expected 200, got {(int)response.StatusCode} {body}");
        var root = JsonDocument.Parse(body).RootElement;
        Assert.Equal(maxPage, root.GetProperty("page").GetInt32());
        Assert.Equal(0, root.GetProperty("items").GetArrayLength());
    }
}
