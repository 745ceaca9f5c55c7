using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Statistics;

namespace Dakla06.Web.Shared;

/// <summary>
/// The target endpoints of a service whose indicators take targets (statistics' scorecard, enrolment's funnel): the same
/// records and rules in both, so one panel and one dialog set them. <c>OfficerRole</c> may set targets; <c>Indicators</c>
/// lists the service's indicators (codes, names, units) a target may be set on.
/// </summary>
public sealed record TargetsApi(
    string OfficerRole,
    Func<CancellationToken, Task<IReadOnlyList<IndicatorDto>>> Indicators,
    Func<TargetQuery, int, int, CancellationToken, Task<PagedResult<TargetDto>>> List,
    Func<SetTargetRequest, Task<TargetDto>> Set,
    Func<Guid, Task<TargetDto>> Delete);
