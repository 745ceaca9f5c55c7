using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Http.Inspections;
using Dakla06.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

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

    /// <summary>The 403 of a write into a unit outside the caller's scope (a unit that does not exist is a 400 instead).</summary>
    internal static ProblemHttpResult UnitOutsideScope(Caller caller, AdminUnit unit) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "Đơn vị ngoài phạm vi",
            detail: $"{unit.Name} ({unit.Code}) ngoài phạm vi của {caller.Unit.Name}: bạn chỉ làm việc với {caller.Unit.Name} hoặc đơn vị trực thuộc.");
}
