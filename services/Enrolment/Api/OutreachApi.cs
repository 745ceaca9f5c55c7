using Dakla06.Contracts.Http.Enrolment;
using Dakla06.ServiceDefaults.Security;
using Dakla06.ServiceDefaults.Targets;

namespace Dakla06.Enrolment.Api;

/// <summary>
/// Stuck applications, the missing lists with reasons and visits, and targets (<see cref="EnrolmentRoutes.Stuck"/>,
/// <see cref="EnrolmentRoutes.Missing"/>, <see cref="EnrolmentRoutes.Targets"/> and their sub-routes).
/// </summary>
public static class OutreachApi
{
    public static RouteGroupBuilder MapOutreachApi(this RouteGroupBuilder group) => group
        .MapStuckApi()
        .MapMissingListApi()
        .MapMissingApi()
        .MapTargetsApi(Roles.EnrolmentOfficer, EnrolmentRoutes.Targets, EnrolmentRoutes.Target);
}
