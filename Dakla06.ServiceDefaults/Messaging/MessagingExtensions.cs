using Dakla06.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

public static class MessagingExtensions
{
    /// <summary>The Aspire resource (and connection string) name of the RabbitMQ broker.</summary>
    public const string ConnectionName = "messaging";

    /// <summary>Messages a receive endpoint handles at once unless <c>Dakla06:Messaging:PrefetchCount</c> says otherwise.</summary>
    public const int DefaultPrefetchCount = 32;

    /// <summary>
    /// MassTransit over RabbitMQ (connection string <c>messaging</c>), with retries and back-off on every receive
    /// endpoint before a message goes to its <c>_error</c> queue. <paramref name="serviceName"/> prefixes queue names
    /// so two services' consumers never share a queue. When <paramref name="withOutbox"/> is true, the service writes
    /// events through <see cref="Outbox"/> and a relay publishes them (register the database first).
    /// </summary>
    public static TBuilder AddServiceMessaging<TBuilder>(
        this TBuilder builder,
        string serviceName,
        Action<IBusRegistrationConfigurator>? configureConsumers = null,
        bool withOutbox = true)
        where TBuilder : IHostApplicationBuilder
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"Connection string '{ConnectionName}' (environment ConnectionStrings__{ConnectionName}) is missing: set it to the RabbitMQ amqp:// URI.");
        }

        // Messages each receive endpoint takes from RabbitMQ and handles at once. MassTransit's default (16 on this team's
        // 2-core machines, seen in the broker's consumer list) suits CPU-bound consumers; ours wait on PostgreSQL (inbox
        // row, writes, commit) most of the time, and with 16 in flight the inbox consumer was the stage the event path
        // queued in front of (./dakla06 bench messaging: the broker→consumer backlog grew, the outbox's less).
        var prefetch = builder.Configuration.GetValue("Dakla06:Messaging:PrefetchCount", DefaultPrefetchCount);

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false));
            bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
            {
                endpoint.PrefetchCount = prefetch;
                // Retries span about four minutes (0.2 s doubling to 60 s, ten times): a consumer fails mostly because its
                // database is down or saturated, and a message that gives up goes to the _error queue, where nothing
                // consumes it — under overload five retries within ~20 s lost events (./dakla06 bench messaging, 2 + 2).
                // The supervised local PostgreSQL and a crashed service come back well within that (README, "When
                // something crashes").
                endpoint.UseMessageRetry(retry => retry.Exponential(10, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(500)));
            });
            configureConsumers?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(connectionString));
                rabbit.ConfigureEndpoints(context);
            });
        });

        if (withOutbox)
        {
            builder.Services.AddSingleton<OutboxSignal>();
            builder.Services.AddSingleton<Outbox>();
            builder.Services.AddOptions<OutboxRelayOptions>().BindConfiguration("Dakla06:Outbox");
            builder.Services.AddHostedService<OutboxRelay>();
        }

        return builder;
    }
}
