using Dakla06.IntegrationTests.Support;
using Dakla06.ServiceDefaults.Http;

namespace Dakla06.IntegrationTests.Cleansing;

/// <summary>Every paged list of data cleansing answers 400 naming <c>page</c>/<c>pageSize</c> when they are out of range, never 500.</summary>
public sealed class PagingTests(CleansingFixture fixture) : IClassFixture<CleansingFixture>
{
    public static TheoryData<string> PagedLists =>
        ["/api/cleansing/batches", "/api/cleansing/audit", "/api/cleansing/duplicates"];

    [Theory]
    [MemberData(nameof(PagedLists))]
    public async Task Out_of_range_paging_is_a_400_naming_the_parameter(string path)
    {
        var client = await SignedIn.ClientAsync(fixture.Api, fixture.Identity, "province.leader");
        await PagingChecks.AssertRefusesOutOfRangeAsync(client, path);
        await PagingChecks.AssertLastAllowedPageIsEmptyAsync(client, path, PageRequest.MaxPage);
    }

    [Fact]
    public async Task Out_of_range_paging_of_a_batchs_records_is_a_400_naming_the_parameter()
    {
        var client = await SignedIn.ClientAsync(fixture.Api, fixture.Identity, "province.cleanser");
        await PagingChecks.AssertRefusesOutOfRangeAsync(client, $"/api/cleansing/batches/{Guid.NewGuid()}/records");
    }
}
