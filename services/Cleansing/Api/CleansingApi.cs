namespace Dakla06.Cleansing.Api;

public static class CleansingApi
{
    /// <summary>All endpoints of the data-cleansing service, under <c>/api/cleansing</c>; every one needs a signed-in caller.</summary>
    public static RouteGroupBuilder MapCleansingApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/cleansing").RequireAuthorization();
        group.MapBatchesApi();
        group.MapAuditApi();
        group.MapRegistryApi();
        group.MapResolveApi();
        group.MapCampaignsApi();
        group.MapDuplicatesApi();
        return group;
    }
}
