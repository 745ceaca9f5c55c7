using Dakla06.Contracts.Http.Cleansing;

namespace Dakla06.Cleansing.Api;

public static class CleansingApi
{
    /// <summary>All endpoints of the data-cleansing service, under <c>/api/cleansing</c>; every one needs a signed-in caller.</summary>
    public static RouteGroupBuilder MapCleansingApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(CleansingRoutes.Root).RequireAuthorization();
        group.MapBatchesApi();
        group.MapAuditApi();
        group.MapRegistryApi();
        group.MapPopulationApi();
        group.MapResolveApi();
        group.MapCampaignsApi();
        group.MapDuplicatesApi();
        group.MapRegistryQualityApi();
        group.MapWorklistsApi();
        group.MapQualityAssignmentsApi();
        return group;
    }
}
