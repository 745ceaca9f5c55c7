using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Http.Enrolment;
using Dakla06.Enrolment.Data;

namespace Dakla06.Enrolment.Domain;

/// <summary>The median and 90th percentile of a stage, read off its days-waited histogram.</summary>
public static class StageTimes
{
    private static readonly (short Number, string Code, string Name)[] Stages =
    [
        (1, EnrolmentStages.ApplicationToCard, "Từ thu nhận hồ sơ đến nhận thẻ từ C06"),
        (2, EnrolmentStages.CardToHandover, "Từ nhận thẻ đến trả thẻ cho công dân"),
    ];

    public static UnitStageTimesDto Of(AdminUnit unit, IEnumerable<StageDays> histogram)
    {
        var byStage = histogram.ToLookup(h => h.Stage);
        return new UnitStageTimesDto(unit.Code, unit.Name, [.. Stages.Select(s => Of(s.Code, s.Name, byStage[s.Number]))]);
    }

    /// <summary>
    /// The smallest day count that half (nine tenths) of the cards did not exceed — exact, since days are whole:
    /// <paramref name="histogram"/> is in day order.
    /// </summary>
    public static StageTimeDto Of(string stage, string name, IEnumerable<StageDays> histogram)
    {
        var bins = histogram.Where(b => b.Cards > 0).OrderBy(b => b.Days).ToList();
        var total = bins.Sum(b => b.Cards);
        return new StageTimeDto(stage, name, total, Percentile(bins, total, 1, 2), Percentile(bins, total, 9, 10));
    }

    private static int? Percentile(List<StageDays> bins, long total, long numerator, long denominator)
    {
        long seen = 0;
        foreach (var bin in bins)
        {
            seen += bin.Cards;
            if (seen * denominator >= total * numerator)
            {
                return bin.Days;
            }
        }

        return null;
    }
}
