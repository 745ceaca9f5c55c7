namespace Dakla06.Contracts.Http.Enrolment;

// A funnel figure is the statistics contract's IndicatorDto (count or share, with the target that applies) and a
// breakdown part its IndicatorGroupDto: one shape for every indicator, so targets and shortfalls are the same code.

/// <summary>Query of <c>GET /funnel</c>: a unit's subtree (the caller's unit when absent) as of a day (today when absent), optionally <c>by</c> child or month.</summary>
public sealed record FunnelQuery(string? Unit, DateOnly? AsOf, string? By = null);

/// <summary>The breakdowns of the funnel: each child unit (children without data included with zeros), or each month up to <c>asOf</c>.</summary>
public static class FunnelBreakdowns
{
    public const string Child = "child";
    public const string Month = "month";

    public static IReadOnlyList<string> All { get; } = [Child, Month];
}

/// <summary>The codes of the funnel's figures (issue #12), in the order the answer lists them; all as of <c>asOf</c>.</summary>
public static class FunnelCodes
{
    /// <summary>Applications received on or before <c>asOf</c>, every kind.</summary>
    public const string Applications = "applications";

    /// <summary>
    /// Of those, the applications of persons under 14 on the day received (accepted only as a first card, <c>cap_moi</c>,
    /// received from 1 July 2024 under the 2023 Law on Identification); they do not count in <see cref="PersonsWithApplication"/>.
    /// </summary>
    public const string ApplicationsUnder14 = "applications_under_14";

    /// <summary>Of those, the ones that registered a level-2 e-ID with the card (<c>dinh_danh_muc_2 = 1</c>).</summary>
    public const string ApplicationsWithEid2 = "applications_with_eid2";

    public const string CardsReceived = "cards_received";
    public const string CardsHandedOver = "cards_handed_over";

    /// <summary>Applications without a received card.</summary>
    public const string AwaitingCard = "awaiting_card";

    /// <summary>Cards received and not handed over.</summary>
    public const string AwaitingHandover = "awaiting_handover";

    public const string EidLevel1 = "eid_level1";
    public const string EidLevel2 = "eid_level2";

    /// <summary>Level-2 accounts registered with a card application (<c>kenh = kem_cccd</c>).</summary>
    public const string EidLevel2WithCard = "eid_level2_kem_cccd";

    /// <summary>Level-2 accounts registered for someone who already held a card (<c>kenh = da_co_cccd</c>).</summary>
    public const string EidLevel2HasCard = "eid_level2_da_co_cccd";

    /// <summary>Accounts of either level with <c>ngay_kich_hoat ≤ asOf</c>.</summary>
    public const string EidActivated = "eid_activated";

    /// <summary>Level-2 accounts activated, and their share of the level-2 accounts registered (a target's indicator).</summary>
    public const string EidLevel2Activated = "eid_level2_activated";

    public const string EidLevel2ActivatedShare = "eid_level2_activated_share";

    /// <summary>Living persons aged 14 and over, from the population registry (cleansing's per-commune counts).</summary>
    public const string Population14Plus = "population_14_plus";

    /// <summary>Distinct persons (ID numbers) with at least one application received at 14 or over, counted at the commune of their first.</summary>
    public const string PersonsWithApplication = "persons_with_application";

    /// <summary><see cref="PersonsWithApplication"/> over <see cref="Population14Plus"/>, in percent.</summary>
    public const string CoverageShare = "coverage_share";

    /// <summary>Level-2 accounts over <see cref="Population14Plus"/>, in percent.</summary>
    public const string EidLevel2Share = "eid_level2_share";

    public static IReadOnlyList<string> All { get; } =
    [
        Applications, ApplicationsUnder14, ApplicationsWithEid2, CardsReceived, CardsHandedOver, AwaitingCard, AwaitingHandover,
        EidLevel1, EidLevel2, EidLevel2WithCard, EidLevel2HasCard, EidActivated, EidLevel2Activated, EidLevel2ActivatedShare,
        Population14Plus, PersonsWithApplication, CoverageShare, EidLevel2Share,
    ];
}

/// <summary>
/// The funnel of a unit's subtree as of a day, and the breakdown when one was asked for (group key: a child's unit code
/// or a month <c>yyyy-MM</c>, each month's figures as of its last day, or <c>asOf</c> for its month).
/// <c>populationAsOf</c> is when the population counts were last received (null: none yet, so the shares are null).
/// </summary>
public sealed record FunnelResponse(
    string UnitCode,
    string UnitName,
    DateOnly AsOf,
    string? By,
    IReadOnlyList<Statistics.IndicatorDto> Indicators,
    IReadOnlyList<Statistics.IndicatorGroupDto> Groups,
    DateTimeOffset? PopulationAsOf);

/// <summary>
/// Query of <c>GET /stage-times</c>: every card of a unit's subtree (the caller's unit when absent) that completed a
/// stage, and each child's. Not by date: the times are kept as a histogram per unit × stage × days waited.
/// </summary>
public sealed record StageTimesQuery(string? Unit);

/// <summary>The stages a card goes through whose time is measured.</summary>
public static class EnrolmentStages
{
    /// <summary>From the application's receipt to the card received from C06.</summary>
    public const string ApplicationToCard = "application_to_card";

    /// <summary>From the card received to its handover to the citizen.</summary>
    public const string CardToHandover = "card_to_handover";

    public static IReadOnlyList<string> All { get; } = [ApplicationToCard, CardToHandover];
}

/// <summary>
/// The time spent in one stage by the cards that completed it: how many, the median and the 90th percentile in whole
/// days (the smallest day count reached by half, nine tenths of them); null when none completed it.
/// </summary>
public sealed record StageTimeDto(string Stage, string Name, long Count, int? MedianDays, int? P90Days);

/// <summary>The stage times of one unit's subtree.</summary>
public sealed record UnitStageTimesDto(string UnitCode, string UnitName, IReadOnlyList<StageTimeDto> Stages);

/// <summary>The stage times of a unit's subtree and of each of its children (with zero counts when they have none).</summary>
public sealed record StageTimesResponse(UnitStageTimesDto Unit, IReadOnlyList<UnitStageTimesDto> Children);
