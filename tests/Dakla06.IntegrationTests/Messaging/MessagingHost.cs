using System.Collections.Concurrent;
using Dakla06.Contracts.Directives;
using Dakla06.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Dakla06.IntegrationTests.Messaging;

/// <summary>A minimal service built from the same defaults as the real ones: its database, migrations, outbox relay and consumers.</summary>
public sealed class MessagingHost : IAsyncDisposable
{
    private readonly IHost _host;

    private MessagingHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public static async Task<MessagingHost> StartAsync(
        string database, string messaging, string serviceName, Action<IBusRegistrationConfigurator>? consumers = null, int batchSize = 200)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:testdb"] = database;
        builder.Configuration["ConnectionStrings:messaging"] = messaging;
        builder.Configuration["DAKLA06_DISABLE_OTLP"] = "true";
        builder.Configuration["Dakla06:Outbox:BatchSize"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddServiceDatabase("testdb", typeof(MessagingHost).Assembly);
        builder.AddServiceMessaging(serviceName, consumers);
        var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
        return new MessagingHost(host);
    }

    /// <summary>Writes events through the outbox exactly as a service does: in a transaction, then commit.</summary>
    public async Task WriteEventsAsync(IEnumerable<DirectiveIssued> events)
    {
        var dataSource = Services.GetRequiredService<NpgsqlDataSource>();
        var outbox = Services.GetRequiredService<Outbox>();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var message in events)
        {
            await outbox.AddAsync(message, transaction);
        }

        await outbox.CommitAsync(transaction);
    }

    public async Task<long> ScalarAsync(string sql, object? documentId = null)
    {
        var dataSource = Services.GetRequiredService<NpgsqlDataSource>();
        await using var command = dataSource.CreateCommand(sql);
        if (documentId is not null)
        {
            command.Parameters.AddWithValue("id", documentId);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static DirectiveIssued NewEvent(string subject = "Kế hoạch") => new(
        Guid.CreateVersion7(), DateTimeOffset.UtcNow, "643", Guid.NewGuid(), "plan", "1/KH-UBND", new DateOnly(2026, 1, 1), subject, "bmt.officer");

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}

/// <summary>Records every delivery it sees, by document, without any inbox (to count raw deliveries).</summary>
public sealed class RecordingConsumer : IConsumer<DirectiveIssued>
{
    public static ConcurrentDictionary<Guid, int> Deliveries { get; } = new();

    public Task Consume(ConsumeContext<DirectiveIssued> context)
    {
        Deliveries.AddOrUpdate(context.Message.DocumentId, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}

/// <summary>Writes an effect row through the inbox; fails its first attempt for events whose subject says so.</summary>
public sealed class EffectConsumer(NpgsqlDataSource dataSource, Outbox outbox) : InboxConsumer<DirectiveIssued>(dataSource, outbox)
{
    public const string FailOnce = "fail-once";

    public static ConcurrentDictionary<Guid, int> Attempts { get; } = new();

    protected override async Task HandleAsync(ConsumeContext<DirectiveIssued> context, NpgsqlTransaction transaction)
    {
        await using (var insert = new NpgsqlCommand("INSERT INTO effects (document_id) VALUES (@id)", transaction.Connection, transaction))
        {
            insert.Parameters.AddWithValue("id", context.Message.DocumentId);
            await insert.ExecuteNonQueryAsync(context.CancellationToken);
        }

        var attempt = Attempts.AddOrUpdate(context.Message.DocumentId, 1, (_, n) => n + 1);
        if (context.Message.Subject == FailOnce && attempt == 1)
        {
            // After the insert, so the test proves the rollback too.
            throw new InvalidOperationException("Simulated failure on the first attempt.");
        }
    }
}

/// <summary>
/// Counts deliveries of DirectiveIssued that a consumer finished with (committed, skipped by the inbox, or failed), so
/// a test reads their effect only after every copy's transaction is over.
/// </summary>
public sealed class FinishedDeliveryCounter : IConsumeObserver
{
    public static ConcurrentDictionary<Guid, int> Deliveries { get; } = new();

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class => Count(context);

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Count(context);

    private static Task Count<T>(ConsumeContext<T> context) where T : class
    {
        if (context.Message is DirectiveIssued issued)
        {
            Deliveries.AddOrUpdate(issued.DocumentId, 1, (_, n) => n + 1);
        }

        return Task.CompletedTask;
    }
}
