using Dakla06.Contracts.Http.Directives;
using Dakla06.IntegrationTests.Support;
using Dakla06.ServiceDefaults.Http;

namespace Dakla06.IntegrationTests.Directives;

/// <summary>Every paged list of directive tracking answers 400 naming <c>page</c>/<c>pageSize</c> when they are out of range, never 500.</summary>
public sealed class PagingTests(DirectivesFixture fixture) : IClassFixture<DirectivesFixture>
{
    public static TheoryData<string> PagedLists =>
        [DirectivesRoutes.Documents, DirectivesRoutes.Tasks, DirectivesRoutes.WorkingGroups];

    [Theory]
    [MemberData(nameof(PagedLists))]
    public async Task Out_of_range_paging_is_a_400_naming_the_parameter(string route)
    {
        var client = await SignedIn.ClientAsync(fixture.Api, fixture.Identity, "province.officer");
        await PagingChecks.AssertRefusesOutOfRangeAsync(client, DirectivesRoutes.Path(route));
        await PagingChecks.AssertLastAllowedPageIsEmptyAsync(client, DirectivesRoutes.Path(route), PageRequest.MaxPage);
    }
}
