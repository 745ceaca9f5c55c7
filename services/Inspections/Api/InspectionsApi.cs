using Dakla06.Contracts.Http.Inspections;

namespace Dakla06.Inspections.Api;

public static class InspectionsApi
{
    /// <summary>All endpoints of the security-inspection service, under <c>/api/inspections</c>; every one needs a signed-in caller.</summary>
    public static RouteGroupBuilder MapInspectionsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(InspectionsRoutes.Root).RequireAuthorization();
        group.MapSystemsApi();
        group.MapReferenceApi();
        group.MapInspectionEndpoints();
        group.MapFindingsApi();
        group.MapDevicesApi();
        group.MapCoverageApi();
        return group;
    }
}
