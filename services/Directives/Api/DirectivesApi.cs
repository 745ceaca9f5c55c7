using Dakla06.Contracts.Http.Directives;

namespace Dakla06.Directives.Api;

public static class DirectivesApi
{
    /// <summary>All endpoints of the directive-tracking service, under <c>/api/directives</c>; every one needs a signed-in caller.</summary>
    public static RouteGroupBuilder MapDirectivesApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(DirectivesRoutes.Root).RequireAuthorization();
        group.MapDocumentsApi();
        group.MapTasksApi();
        group.MapSummaryApi();
        group.MapWorkingGroupsApi();
        return group;
    }
}
