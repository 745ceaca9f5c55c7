namespace Dakla06.Contracts;

/// <summary>
/// What every integration event carries. Events are immutable records in a namespace named after the
/// producing service; MassTransit matches them by namespace + type name, so never copy them elsewhere.
/// </summary>
public interface IIntegrationEvent
{
    Guid EventId { get; }

    DateTimeOffset OccurredAt { get; }

    /// <summary>GSO code of the administrative unit the event is about.</summary>
    string UnitCode { get; }
}
