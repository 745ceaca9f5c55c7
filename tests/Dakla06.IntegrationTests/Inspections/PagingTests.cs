using Dakla06.Contracts.Http.Inspections;
using Dakla06.IntegrationTests.Support;
using Dakla06.ServiceDefaults.Http;

namespace Dakla06.IntegrationTests.Inspections;

/// <summary>Every paged list of security inspections answers 400 naming <c>page</c>/<c>pageSize</c> when they are out of range, never 500.</summary>
public sealed class PagingTests(InspectionsFixture fixture) : IClassFixture<InspectionsFixture>
{
    public static TheoryData<string> PagedLists =>
        [InspectionsRoutes.Systems, InspectionsRoutes.Inspections, InspectionsRoutes.Findings, InspectionsRoutes.Devices];

    [Theory]
    [MemberData(nameof(PagedLists))]
    public async Task Out_of_range_paging_is_a_400_naming_the_parameter(string route)
    {
        var client = await SignedIn.ClientAsync(fixture.Api, fixture.Identity, "province.inspector");
        await PagingChecks.AssertRefusesOutOfRangeAsync(client, InspectionsRoutes.Path(route));
        await PagingChecks.AssertLastAllowedPageIsEmptyAsync(client, InspectionsRoutes.Path(route), PageRequest.MaxPage);
    }
}
