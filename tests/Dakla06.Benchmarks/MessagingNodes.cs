using System.Collections.Concurrent;
using System.Diagnostics;
using Dakla06.Contracts.Directives;
using Dakla06.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Dakla06.Benchmarks;

/// <summary>
/// When each event was committed and when it was consumed (<see cref="Stopwatch"/> ticks), and how often it was delivered.
/// Shared by every node of the benchmark process, so times of a producer and a consumer are on one clock.
/// </summary>
internal sealed class EventTracker
{
    private readonly ConcurrentDictionary<Guid, long> _committed = new();
    private readonly ConcurrentDictionary<Guid, long> _consumed = new();
    private readonly ConcurrentDictionary<Guid, int> _deliveries = new();
    private readonly Lock _waitLock = new();
    private (int Count, TaskCompletionSource Done)? _wait;
    private int _consumedCount;
    private int _committedCount;

    public void Committed(Guid id)
    {
        _committed[id] = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _committedCount);
    }

    public int CommittedCount => Volatile.Read(ref _committedCount);

    public int ConsumedCount => Volatile.Read(ref _consumedCount);

    /// <summary>A consumer finished with the event (its transaction committed, or the inbox found it already handled).</summary>
    public void Consumed(Guid id)
    {
        var now = Stopwatch.GetTimestamp();
        _deliveries.AddOrUpdate(id, 1, (_, n) => n + 1);
        if (_consumed.TryAdd(id, now))
        {
            var count = Interlocked.Increment(ref _consumedCount);
            lock (_waitLock)
            {
                if (_wait is { } wait && count >= wait.Count)
                {
                    wait.Done.TrySetResult();
                }
            }
        }
    }

    /// <summary>Waits until <paramref name="count"/> distinct events were consumed since the start; false on timeout.</summary>
    public async Task<bool> WaitForConsumedAsync(int count, TimeSpan timeout)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waitLock)
        {
            _wait = (count, done);
            if (Volatile.Read(ref _consumedCount) >= count)
            {
                return true;
            }
        }

        return await Task.WhenAny(done.Task, Task.Delay(timeout)) == done.Task;
    }

    /// <summary>When the last of <paramref name="ids"/> was consumed (ticks), or null when one was not.</summary>
    public long? LastConsumed(IEnumerable<Guid> ids)
    {
        long last = 0;
        foreach (var id in ids)
        {
            if (!_consumed.TryGetValue(id, out var at))
            {
                return null;
            }

            last = Math.Max(last, at);
        }

        return last;
    }

    /// <summary>Milliseconds from commit to consumed of each of <paramref name="ids"/> that was consumed.</summary>
    public List<double> CommitToConsumedMs(IEnumerable<Guid> ids) =>
        ids.Where(id => _committed.ContainsKey(id) && _consumed.ContainsKey(id))
            .Select(id => Stopwatch.GetElapsedTime(_committed[id], _consumed[id]).TotalMilliseconds)
            .ToList();

    /// <summary>Deliveries that reached a consumer, of each id (raw MassTransit has no inbox: this is its exactly-once count).</summary>
    public int Deliveries(Guid id) => _deliveries.GetValueOrDefault(id);

    /// <summary>Deliveries beyond the first, over all events (redeliveries the inbox turned away).</summary>
    public int Redeliveries => _deliveries.Values.Sum(n => n - 1);
}

/// <summary>
/// One replica of a service as the benchmark runs it: a generic host with the ServiceDefaults database (migrations) and
/// messaging registration — the real <see cref="Outbox"/>, <see cref="OutboxRelay"/> and, for a consumer node,
/// <see cref="BenchEffectConsumer"/> on <see cref="InboxConsumer{TMessage}"/> — on its own database and vhost.
/// </summary>
internal sealed class MessagingNode : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly NpgsqlDataSource _dataSource;
    private readonly Outbox _outbox;
    private readonly EventTracker _tracker;

    private MessagingNode(IHost host, EventTracker tracker)
    {
        _host = host;
        _dataSource = host.Services.GetRequiredService<NpgsqlDataSource>();
        _outbox = host.Services.GetRequiredService<Outbox>();
        _tracker = tracker;
    }

    /// <summary>Starts a node of the service <paramref name="serviceName"/>; with <paramref name="consumes"/> it consumes DirectiveIssued.</summary>
    public static async Task<MessagingNode> StartAsync(string database, string messaging, string serviceName, bool consumes, EventTracker tracker)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:benchdb"] = database;
        builder.Configuration["ConnectionStrings:messaging"] = messaging;
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(tracker);
        builder.AddServiceDatabase("benchdb", typeof(MessagingNode).Assembly);
        builder.AddServiceMessaging(serviceName, consumes
            ? bus =>
            {
                bus.AddConsumer<BenchEffectConsumer>();
                bus.AddConsumeObserver<ConsumedObserver>();
            }
            : null);
        var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        return new MessagingNode(host, tracker);
    }

    /// <summary>The business write as a service does it: its row and the event's outbox row in one transaction, then commit.</summary>
    public async Task WriteAsync(DirectiveIssued message)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand("INSERT INTO bench_documents (id, unit_code, subject) VALUES (@id, @unit, @subject)", connection, transaction))
        {
            insert.Parameters.AddWithValue("id", message.DocumentId);
            insert.Parameters.AddWithValue("unit", message.UnitCode);
            insert.Parameters.AddWithValue("subject", message.Subject);
            await insert.ExecuteNonQueryAsync();
        }

        await _outbox.AddAsync(message, transaction);
        await _outbox.CommitAsync(transaction);
        _tracker.Committed(message.EventId);
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = _dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>How many effect rows each event has in this (consumer) node's database.</summary>
    public async Task<Dictionary<Guid, long>> EffectsByEventAsync()
    {
        var effects = new Dictionary<Guid, long>();
        await using var command = _dataSource.CreateCommand("SELECT event_id, count(*) FROM bench_effects GROUP BY event_id");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            effects[reader.GetGuid(0)] = reader.GetInt64(1);
        }

        return effects;
    }

    public static DirectiveIssued NewEvent() => new(
        Guid.CreateVersion7(), DateTimeOffset.UtcNow, "643", Guid.NewGuid(), "plan", "1/KH-UBND", new DateOnly(2026, 1, 1), "Kế hoạch", "bmt.officer");

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}

/// <summary>The consumer of the project's path: an effect row next to its inbox row, in one transaction.</summary>
internal sealed class BenchEffectConsumer(NpgsqlDataSource dataSource, Outbox outbox) : InboxConsumer<DirectiveIssued>(dataSource, outbox)
{
    protected override async Task HandleAsync(ConsumeContext<DirectiveIssued> context, NpgsqlTransaction transaction)
    {
        await using var insert = new NpgsqlCommand("INSERT INTO bench_effects (event_id, document_id) VALUES (@event, @document)", transaction.Connection, transaction);
        insert.Parameters.AddWithValue("event", context.Message.EventId);
        insert.Parameters.AddWithValue("document", context.Message.DocumentId);
        await insert.ExecuteNonQueryAsync(context.CancellationToken);
    }
}

/// <summary>Records when a consumer finished with an event: after <see cref="InboxConsumer{TMessage}"/> committed.</summary>
internal sealed class ConsumedObserver(EventTracker tracker) : IConsumeObserver
{
    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (context.Message is DirectiveIssued issued)
        {
            tracker.Consumed(issued.EventId);
        }

        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}

/// <summary>
/// Plain MassTransit over RabbitMQ with its defaults — no outbox, no inbox, no retry middleware: the yardstick. One bus
/// publishes and consumes.
/// </summary>
internal sealed class RawBusNode : IAsyncDisposable
{
    private readonly IHost _host;

    private RawBusNode(IHost host) => _host = host;

    public IBus Bus => _host.Services.GetRequiredService<IBus>();

    public static async Task<RawBusNode> StartAsync(string messaging, EventTracker tracker)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(tracker);
        builder.Services.AddMassTransit(bus =>
        {
            bus.AddConsumer<RawConsumer>();
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(messaging));
                rabbit.ConfigureEndpoints(context);
            });
        });
        var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        return new RawBusNode(host);
    }

    public Task PublishAsync(DirectiveIssued message) => Bus.Publish(message, context => context.MessageId = message.EventId);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}

internal sealed class RawConsumer(EventTracker tracker) : IConsumer<DirectiveIssued>
{
    public Task Consume(ConsumeContext<DirectiveIssued> context)
    {
        tracker.Consumed(context.Message.EventId);
        return Task.CompletedTask;
    }
}
