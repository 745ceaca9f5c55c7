using Dakla06.Contracts.Http.Statistics;
using Dakla06.ServiceDefaults.Security;
using Dakla06.ServiceDefaults.Targets;

namespace Dakla06.Statistics.Api;

public static class StatisticsApi
{
    /// <summary>Maps every endpoint group under <see cref="StatisticsRoutes.Root"/> (authenticated users with a known unit).</summary>
    public static RouteGroupBuilder MapStatisticsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(StatisticsRoutes.Root).RequireAuthorization();
        group.MapProceduresApi();
        group.MapImportsApi();
        group.MapValidationApi();
        group.MapIndicatorsApi();
        group.MapSummaryApi();
        group.MapReportedValuesApi();
        group.MapTargetsApi(Roles.StatisticsOfficer, StatisticsRoutes.Targets, StatisticsRoutes.Target);
        return group;
    }
}
