namespace Dakla06.Contracts.Enrolment;

// Events of the identity-enrolment service. UnitCode is the commune of the application. Only codes, days and counts
// travel on the bus, never ID numbers, names or birth dates. Shortfalls against targets are the generic
// Dakla06.Contracts.Statistics.IndicatorShortfallDetected / Cleared pair with SourceService "enrolment".

/// <summary>
/// Application <c>ApplicationCode</c> has waited <c>DaysWaited</c> days in <c>Stage</c> (<c>application_to_card</c> or
/// <c>card_to_handover</c>) since <c>Since</c>, past the stage's <c>ThresholdDays</c>; published once per application and stage.
/// </summary>
public sealed record EnrolmentStuck(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string UnitCode,
    string ApplicationCode,
    string Stage,
    DateOnly Since,
    int DaysWaited,
    int ThresholdDays) : IIntegrationEvent;
