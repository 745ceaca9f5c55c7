using Dakla06.Contracts.Directives;
using Dakla06.IntegrationTests.Support;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Dakla06.IntegrationTests.Messaging;

public sealed class OutboxInboxTests : IAsyncLifetime
{
    private string _database = null!;
    private string _messaging = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestEnvironment.CreateDatabaseAsync("outbox");
        _messaging = await TestEnvironment.CreateVirtualHostAsync("outbox");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Consumer_that_fails_once_is_retried_and_its_effect_happens_once()
    {
        await using var service = await MessagingHost.StartAsync(_database, _messaging, "retry", bus => bus.AddConsumer<EffectConsumer>());
        var message = MessagingHost.NewEvent(EffectConsumer.FailOnce);

        await service.WriteEventsAsync([message]);

        await Eventually.ReturnsAsync(() => service.ScalarAsync("SELECT count(*) FROM effects WHERE document_id = @id", message.DocumentId), n => n > 0);
        Assert.Equal(2, EffectConsumer.Attempts[message.DocumentId]); // failed once, succeeded on retry
        Assert.Equal(1, await service.ScalarAsync("SELECT count(*) FROM effects WHERE document_id = @id", message.DocumentId));
        Assert.Equal(1, await service.ScalarAsync("SELECT count(*) FROM inbox_messages WHERE message_id = @id", message.EventId));
    }

    [Fact]
    public async Task Same_message_delivered_twice_has_one_effect()
    {
        await using var service = await MessagingHost.StartAsync(_database, _messaging, "dedup", bus =>
        {
            bus.AddConsumer<EffectConsumer>();
            bus.AddConsumeObserver<FinishedDeliveryCounter>();
        });
        var message = MessagingHost.NewEvent();
        var bus = service.Services.GetRequiredService<IBus>();

        // Both copies carry the same MessageId, as a re-publish after a relay crash would.
        await bus.Publish(message, context => context.MessageId = message.EventId);
        await bus.Publish(message, context => context.MessageId = message.EventId);

        // Both copies finished consuming (their transactions committed or rolled back): only now is the effect final.
        await Eventually.ReturnsAsync(() => Task.FromResult(FinishedDeliveryCounter.Deliveries.GetValueOrDefault(message.DocumentId)), n => n >= 2,
            because: "both copies are consumed to the end");
        Assert.Equal(1, await service.ScalarAsync("SELECT count(*) FROM effects WHERE document_id = @id", message.DocumentId));
        Assert.Equal(1, await service.ScalarAsync("SELECT count(*) FROM inbox_messages WHERE message_id = @id", message.EventId));
    }

    [Fact]
    public async Task Two_relay_instances_publish_each_event_exactly_once()
    {
        // Small batches so both relays take turns on the same table.
        await using var relayA = await MessagingHost.StartAsync(_database, _messaging, "relay", batchSize: 10);
        await using var relayB = await MessagingHost.StartAsync(_database, _messaging, "relay", batchSize: 10);
        await using var consumer = await MessagingHost.StartAsync(_database, _messaging, "relay-count", bus => bus.AddConsumer<RecordingConsumer>());

        var events = Enumerable.Range(0, 300).Select(_ => MessagingHost.NewEvent()).ToList();
        await relayA.WriteEventsAsync(events.Take(150));
        await relayB.WriteEventsAsync(events.Skip(150));

        await Eventually.ReturnsAsync(() => relayA.ScalarAsync("SELECT count(*) FROM outbox_messages"), n => n == 0, because: "both relays drain the outbox");
        await Eventually.ReturnsAsync(() => Task.FromResult(events.Count(e => RecordingConsumer.Deliveries.ContainsKey(e.DocumentId))), n => n == events.Count);

        // A sentinel published by each relay after the outbox is empty arrives after anything they sent before it.
        var sentinels = new[] { MessagingHost.NewEvent(), MessagingHost.NewEvent() };
        await relayA.WriteEventsAsync([sentinels[0]]);
        await relayB.WriteEventsAsync([sentinels[1]]);
        await Eventually.ReturnsAsync(() => Task.FromResult(sentinels.All(s => RecordingConsumer.Deliveries.ContainsKey(s.DocumentId))), done => done);

        Assert.All(events, e => Assert.Equal(1, RecordingConsumer.Deliveries[e.DocumentId]));
    }
}

/// <summary>Tests that stop the shared broker run alone, after the parallel ones.</summary>
[CollectionDefinition(DisableParallelization = true)]
public sealed class BrokerOutageCollection;

[Collection(typeof(BrokerOutageCollection))]
public sealed class BrokerOutageTests
{
    [Fact]
    public async Task Events_written_while_RabbitMQ_is_down_are_delivered_after_it_comes_back()
    {
        var database = await TestEnvironment.CreateDatabaseAsync("outage");
        var messaging = await TestEnvironment.CreateVirtualHostAsync("outage");
        await using var consumer = await MessagingHost.StartAsync(database, messaging, "outage-count", bus => bus.AddConsumer<RecordingConsumer>());
        await using var producer = await MessagingHost.StartAsync(database, messaging, "outage");
        var events = Enumerable.Range(0, 20).Select(_ => MessagingHost.NewEvent()).ToList();

        await TestEnvironment.StopBrokerAsync();
        try
        {
            await producer.WriteEventsAsync(events);
            // The relay tries, fails and keeps the rows: nothing is lost while the broker is away.
            await Eventually.ReturnsAsync(() => producer.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE attempts > 0"), n => n > 0);
            Assert.Equal(events.Count, await producer.ScalarAsync("SELECT count(*) FROM outbox_messages"));
        }
        finally
        {
            await TestEnvironment.StartBrokerAsync();
        }

        await Eventually.ReturnsAsync(
            () => Task.FromResult(events.Count(e => RecordingConsumer.Deliveries.ContainsKey(e.DocumentId))),
            n => n == events.Count, TimeSpan.FromSeconds(90), "every event written during the outage arrives");
        Assert.Equal(0, await producer.ScalarAsync("SELECT count(*) FROM outbox_messages"));
    }
}
