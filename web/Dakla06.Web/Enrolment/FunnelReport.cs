using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Enrolment;
using Dakla06.Contracts.Http.Statistics;
using Dakla06.Web.Shared;

namespace Dakla06.Web.Enrolment;

/// <summary>The funnel of a unit as of a day and the time its cards spent in each stage: what the funnel page shows.</summary>
public sealed record FunnelReport(FunnelResponse Funnel, StageTimesResponse StageTimes)
{
    /// <summary>Both answers for the scope, asked at the same time.</summary>
    public static async Task<FunnelReport> LoadAsync(EnrolmentClient api, EnrolmentScope scope)
    {
        var funnel = api.GetFunnelAsync(scope.Funnel());
        var stageTimes = api.GetStageTimesAsync(scope.StageTimes());
        return new FunnelReport(await funnel, await stageTimes);
    }

    /// <summary>Every figure with its target, in an Excel file named after the unit and day.</summary>
    public Task<ApiFile> ExportAsync() =>
        IndicatorSheets.IndicatorsAsync($"dinh-danh-{Funnel.UnitCode}-{Funnel.AsOf:yyyy-MM-dd}.xlsx", Funnel.Indicators);

    public IndicatorDto? Find(string code) => Funnel.Indicators.FirstOrDefault(i => i.Code == code);
}
