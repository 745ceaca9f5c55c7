using Dakla06.Contracts.Http.Enrolment;

namespace Dakla06.Enrolment.Domain;

/// <summary>
/// How long an application may wait in each stage before it is stuck (<c>Enrolment:Stuck:ApplicationToCardDays</c>,
/// default 20; <c>Enrolment:Stuck:CardToHandoverDays</c>, default 10). It is stuck once it has waited MORE than the
/// stage's days: received on day D with 20 days, it is stuck from D + 21.
/// </summary>
public sealed record StuckThresholds(int ApplicationToCardDays, int CardToHandoverDays)
{
    public const string Section = "Enrolment:Stuck";

    public static StuckThresholds From(IConfiguration configuration) => new(
        configuration.GetValue($"{Section}:ApplicationToCardDays", 20),
        configuration.GetValue($"{Section}:CardToHandoverDays", 10));

    public IReadOnlyList<StuckThresholdDto> ToDtos() =>
    [
        new(EnrolmentStages.ApplicationToCard, ApplicationToCardDays),
        new(EnrolmentStages.CardToHandover, CardToHandoverDays),
    ];

    /// <summary>On <paramref name="today"/>, an application received before this day and still without its card is stuck.</summary>
    public DateOnly CardLine(DateOnly today) => today.AddDays(-ApplicationToCardDays);

    /// <summary>On <paramref name="today"/>, a card received before this day and not handed over is stuck.</summary>
    public DateOnly HandoverLine(DateOnly today) => today.AddDays(-CardToHandoverDays);
}
