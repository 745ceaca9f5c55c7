using Dakla06.Contracts.Http.Enrolment;
using Dakla06.Contracts.Http.Statistics;

namespace Dakla06.Enrolment.Domain;

/// <summary>The cumulative counts of a unit's subtree as of a day, as the count tables sum them, with the population to reach.</summary>
public sealed class FunnelSums
{
    public string Key { get; init; } = string.Empty;

    public long Applications { get; init; }

    public long ApplicationsUnder14 { get; init; }

    public long ApplicationsEid2 { get; init; }

    public long PersonsFirst { get; init; }

    public long CardsReceived { get; init; }

    public long CardsHanded { get; init; }

    public long Eid1 { get; init; }

    public long Eid2WithCard { get; init; }

    public long Eid2HasCard { get; init; }

    public long EidActivated { get; init; }

    public long Eid2Activated { get; init; }

    public long Population14Plus { get; set; }

    public static FunnelSums Zero(string key) => new() { Key = key };

    /// <summary>These counts plus <paramref name="other"/>'s (a running total of months).</summary>
    public FunnelSums Plus(FunnelSums other, string key) => new()
    {
        Key = key,
        Applications = Applications + other.Applications,
        ApplicationsUnder14 = ApplicationsUnder14 + other.ApplicationsUnder14,
        ApplicationsEid2 = ApplicationsEid2 + other.ApplicationsEid2,
        PersonsFirst = PersonsFirst + other.PersonsFirst,
        CardsReceived = CardsReceived + other.CardsReceived,
        CardsHanded = CardsHanded + other.CardsHanded,
        Eid1 = Eid1 + other.Eid1,
        Eid2WithCard = Eid2WithCard + other.Eid2WithCard,
        Eid2HasCard = Eid2HasCard + other.Eid2HasCard,
        EidActivated = EidActivated + other.EidActivated,
        Eid2Activated = Eid2Activated + other.Eid2Activated,
        Population14Plus = other.Population14Plus,
    };
}

/// <summary>The funnel's figures (issue #12's table) from a unit's cumulative counts.</summary>
public static class Funnel
{
    private const string Applications = "hồ sơ";
    private const string Cards = "thẻ";
    private const string Accounts = "tài khoản";
    private const string Persons = "người";
    private const string Percent = "%";

    public static IReadOnlyList<IndicatorDto> Compute(FunnelSums s)
    {
        var eid2 = s.Eid2WithCard + s.Eid2HasCard;
        return
        [
            Count(FunnelCodes.Applications, "Hồ sơ đã thu nhận", s.Applications, Applications),
            Count(FunnelCodes.ApplicationsUnder14, "Trong đó: người dưới 14 tuổi", s.ApplicationsUnder14, Applications),
            Count(FunnelCodes.ApplicationsWithEid2, "Trong đó: kèm đăng ký định danh mức 2", s.ApplicationsEid2, Applications),
            Count(FunnelCodes.CardsReceived, "Thẻ đã nhận từ C06", s.CardsReceived, Cards),
            Count(FunnelCodes.CardsHandedOver, "Thẻ đã trả công dân", s.CardsHanded, Cards),
            Count(FunnelCodes.AwaitingCard, "Hồ sơ chờ thẻ", s.Applications - s.CardsReceived, Applications),
            Count(FunnelCodes.AwaitingHandover, "Thẻ chờ trả", s.CardsReceived - s.CardsHanded, Cards),
            Count(FunnelCodes.EidLevel1, "Tài khoản định danh mức 1", s.Eid1, Accounts),
            Count(FunnelCodes.EidLevel2, "Tài khoản định danh mức 2", eid2, Accounts),
            Count(FunnelCodes.EidLevel2WithCard, "Mức 2: đăng ký kèm hồ sơ căn cước", s.Eid2WithCard, Accounts),
            Count(FunnelCodes.EidLevel2HasCard, "Mức 2: đã có thẻ căn cước", s.Eid2HasCard, Accounts),
            Count(FunnelCodes.EidActivated, "Tài khoản đã kích hoạt", s.EidActivated, Accounts),
            Count(FunnelCodes.EidLevel2Activated, "Tài khoản mức 2 đã kích hoạt", s.Eid2Activated, Accounts),
            Share(FunnelCodes.EidLevel2ActivatedShare, "Tỷ lệ kích hoạt tài khoản mức 2", s.Eid2Activated, eid2),
            Count(FunnelCodes.Population14Plus, "Dân số từ 14 tuổi", s.Population14Plus, Persons),
            Count(FunnelCodes.PersonsWithApplication, "Số người đã thu nhận hồ sơ", s.PersonsFirst, Persons),
            Share(FunnelCodes.CoverageShare, "Tỷ lệ bao phủ (người đã thu nhận / dân số từ 14 tuổi)", s.PersonsFirst, s.Population14Plus),
            Share(FunnelCodes.EidLevel2Share, "Tỷ lệ định danh mức 2 / dân số từ 14 tuổi", eid2, s.Population14Plus),
        ];
    }

    private static IndicatorDto Count(string code, string name, long value, string unit) => new(code, name, value, null, value, unit);

    /// <summary>In percent with two decimals; null when the denominator is 0 (a share of nothing is not 0%).</summary>
    private static IndicatorDto Share(string code, string name, long numerator, long denominator) =>
        new(code, name, numerator, denominator, denominator == 0 ? null : Math.Round(100m * numerator / denominator, 2, MidpointRounding.AwayFromZero), Percent);
}
