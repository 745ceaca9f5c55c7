using Dakla06.Contracts.Http.Enrolment;

namespace Dakla06.Enrolment.Api;

public static class EnrolmentApi
{
    /// <summary>Maps every endpoint group under <see cref="EnrolmentRoutes.Root"/> (authenticated users with a known unit).</summary>
    public static RouteGroupBuilder MapEnrolmentApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(EnrolmentRoutes.Root).RequireAuthorization();
        group.MapImportsApi();
        group.MapFunnelApi();
        group.MapOutreachApi();
        return group;
    }
}
