using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Cleansing;
using Dakla06.ServiceDefaults.Messaging;
using Dapper;
using MassTransit;
using Npgsql;

namespace Dakla06.Enrolment.Messaging;

/// <summary>
/// RegistryPopulationCounted → the coverage denominators: each commune's living persons aged 14+, replaced by the newest
/// announcement (one that was published earlier than the stored one, arriving late, changes nothing). Only counts travel.
/// </summary>
public sealed class PopulationConsumer(NpgsqlDataSource dataSource, Outbox outbox)
    : InboxConsumer<RegistryPopulationCounted>(dataSource, outbox)
{
    protected override async Task HandleAsync(ConsumeContext<RegistryPopulationCounted> context, NpgsqlTransaction transaction)
    {
        var message = context.Message;
        var communes = message.Communes.Where(c => AdminUnitDirectory.Default.Find(c.CommuneCode)?.Level == AdminLevel.Commune).ToList();
        await transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            INSERT INTO population AS p (commune_code, unit_path, persons_14_plus, counted_on, registry_version, received_at)
            SELECT c.code, c.path::ltree, c.persons, @countedOn, @version, @occurredAt
            FROM unnest(@codes, @paths, @persons) AS c(code, path, persons)
            ON CONFLICT (commune_code) DO UPDATE SET persons_14_plus = excluded.persons_14_plus, counted_on = excluded.counted_on,
                registry_version = excluded.registry_version, received_at = excluded.received_at
            WHERE p.received_at <= excluded.received_at
            """,
            new
            {
                codes = communes.Select(c => c.CommuneCode).ToArray(),
                paths = communes.Select(c => AdminUnitDirectory.Default.Get(c.CommuneCode).Path).ToArray(),
                persons = communes.Select(c => (long)c.Persons).ToArray(),
                countedOn = message.CountedOn,
                version = message.RegistryVersion,
                occurredAt = message.OccurredAt,
            }, transaction, cancellationToken: context.CancellationToken));
    }
}
