using Dakla06.EndToEndTests;
using Microsoft.Playwright;

namespace Dakla06.ScaleOutTests;

/// <summary>
/// Issue 14 part 1 in a real browser: two users on different web replicas both see a document a third user creates,
/// as it is created (each replica consumes the event on its own queue); one replica is killed and its user, on their
/// next page load, is served by the other replica and is still signed in.
/// </summary>
public sealed class WebReplicaTests(ScaleOutSystem system) : BrowserTest(system)
{
    [Fact]
    public async Task Users_of_two_replicas_see_a_new_document_live_and_a_killed_replicas_user_stays_signed_in()
    {
        var creator = await Fixture.DirectivesClientForAsync("bmt.officer");
        // Something to list, so that "no document matches" below can only come from the filter.
        await AppHostFixture.CreateDocumentAsync(creator, $"{Random.Shared.Next(100_000, 999_999)}/KH-UBND", "643", "Kế hoạch có sẵn trong danh sách");
        var number = $"{Random.Shared.Next(100_000, 999_999)}/KH-UBND";

        var leader = await SignInAsync("province.leader", "/van-ban", replica: "web-1");
        var officer = await SignInAsync("province.officer", "/van-ban", replica: "web-2");
        foreach (var page in new[] { leader, officer })
        {
            // The filter is applied by the live circuit only: once nothing matches, the circuit listens for new documents.
            await FillUntilAsync(page.GetByLabel("Tìm kiếm"), number, page.GetByText("Không có văn bản nào phù hợp."));
        }

        await AppHostFixture.CreateDocumentAsync(creator, number, "643", "Kế hoạch triển khai trên hai bản sao của web");
        foreach (var page in new[] { leader, officer })
        {
            await Assertions.Expect(page.Locator("tr", new() { HasText = number })).ToBeVisibleAsync();
        }

        Assert.Equal("web-1", await ReplicaOfAsync(leader));
        Assert.Equal("web-2", await ReplicaOfAsync(officer));

        AppHostFixture.Kill(await Fixture.RunningProcessIdAsync("web-2"));
        await officer.ReloadAsync();

        // Still on the web app's page (not the identity provider's sign-in page), served by the other replica.
        Assert.Equal(new Uri(Fixture.WebUrl, "/van-ban"), new Uri(officer.Url));
        await Assertions.Expect(officer.GetByRole(AriaRole.Heading, new() { Name = "Văn bản chỉ đạo" })).ToBeVisibleAsync();
        Assert.Equal("web-1", await ReplicaOfAsync(officer));
        Assert.Equal("web-1", await ReplicaOfAsync(leader));
    }

    private static async Task<string?> ReplicaOfAsync(IPage page) =>
        (await page.Context.CookiesAsync()).SingleOrDefault(cookie => cookie.Name == ReplicaCookie)?.Value;
}
