using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Directives;
using static Dakla06.IntegrationTests.Support.ApiAssert;

namespace Dakla06.IntegrationTests.Directives;

/// <summary>One document at each level, created through the API by the demo users; then who sees what.</summary>
public sealed class DocumentAccessFixture : DirectivesFixture
{
    /// <summary>Document number → issuing unit.</summary>
    public static readonly (string Number, string Unit, string Creator)[] Seed =
    [
        ("1/KH-UBND", "66", "province.officer"),
        ("2/KH-UBND", "643", "bmt.officer"),
        ("3/KH-UBND", "24136", "bmt.officer"),     // a district writes for one of its communes
        ("4/KH-UBND", "24136", "tanloi.officer"),
        ("5/KH-UBND", "24118", "tanlap.officer"),
        ("6/KH-UBND", "644", "buonho.officer"),
        ("7/KH-UBND", "24305", "anlac.officer"),
    ];

    public Dictionary<string, Guid> Ids { get; } = [];

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        foreach (var (number, unit, creator) in Seed)
        {
            Ids[number] = await CreateDocumentAsync(await ClientForAsync(creator), "plan", number, unit, $"Kế hoạch {number}");
        }
    }
}

public sealed class DocumentAccessTests(DocumentAccessFixture fixture) : IClassFixture<DocumentAccessFixture>
{
    private static readonly string[] All = DocumentAccessFixture.Seed.Select(s => s.Number).ToArray();

    public static TheoryData<string, string[]> Visibility => new()
    {
        { "province.leader", All },
        { "province.officer", All },
        { "province.inspector", All },
        { "province.cleanser", All },
        { "bmt.officer", ["1/KH-UBND", "2/KH-UBND", "3/KH-UBND", "4/KH-UBND", "5/KH-UBND"] },
        { "bmt.inspector", ["1/KH-UBND", "2/KH-UBND", "3/KH-UBND", "4/KH-UBND", "5/KH-UBND"] },
        { "buonho.officer", ["1/KH-UBND", "6/KH-UBND", "7/KH-UBND"] },
        { "tanloi.officer", ["1/KH-UBND", "2/KH-UBND", "3/KH-UBND", "4/KH-UBND"] },
        { "tanlap.officer", ["1/KH-UBND", "2/KH-UBND", "5/KH-UBND"] },
        { "anlac.officer", ["1/KH-UBND", "6/KH-UBND", "7/KH-UBND"] },
    };

    [Theory]
    [MemberData(nameof(Visibility))]
    public async Task Each_demo_user_lists_exactly_the_documents_of_their_unit_and_the_units_above_and_below(string username, string[] expected)
    {
        var client = await fixture.ClientForAsync(username);
        var page = await client.ListDocumentsAsync(new DocumentQuery(), 1, 100, TestContext.Current.CancellationToken);

        Assert.Equal(expected.Order().ToArray(), page.Items.Select(d => d.Number).Order().ToArray());
        Assert.Equal(expected.Length, page.Total);
    }

    [Theory]
    [MemberData(nameof(Visibility))]
    public async Task Each_demo_user_opens_visible_documents_and_gets_404_for_the_others(string username, string[] expected)
    {
        var client = await fixture.ClientForAsync(username);
        foreach (var (number, id) in fixture.Ids)
        {
            var document = await client.GetDocumentAsync(id, TestContext.Current.CancellationToken);
            Assert.True(expected.Contains(number) == (document is not null), $"{username} opening {number}: {(document is null ? "404" : "found")}");
            Assert.True(document is null || document.Id == id, $"{username} opening {number} got {document?.Number}");
        }
    }

    [Fact]
    public async Task Listing_is_paged_with_a_stable_total()
    {
        var client = await fixture.ClientForAsync("province.leader");
        var first = await client.ListDocumentsAsync(new DocumentQuery(), 1, 3, TestContext.Current.CancellationToken);
        var third = await client.ListDocumentsAsync(new DocumentQuery(), 3, 3, TestContext.Current.CancellationToken);

        Assert.Equal(3, first.Items.Count);
        Assert.Single(third.Items);
        Assert.Equal(7, first.Total);
        Assert.Equal(7, third.Total);
    }

    [Theory]
    [InlineData("province.leader", "66")]         // reads everything but lacks directive-officer
    [InlineData("tanloi.officer", "643")]         // may not write for the district above
    [InlineData("tanloi.officer", "24118")]       // nor for a sibling commune
    [InlineData("bmt.officer", "644")]            // nor a district for another district
    [InlineData("buonho.officer", "24136")]       // nor for another district's commune
    public async Task Writing_outside_scope_or_without_the_role_is_forbidden(string username, string unit)
    {
        var client = await fixture.ClientForAsync(username);
        await FailsAsync(ApiFailure.Forbidden, () => client.CreateDocumentAsync(
            new CreateDocumentRequest("plan", "99/KH-UBND", unit, new DateOnly(2026, 1, 5), "Không được phép", null), Guid.NewGuid().ToString(),
            TestContext.Current.CancellationToken));
    }
}
