using System.Diagnostics;
using Dakla06.Contracts.Directives;
using Dakla06.Testing;
using Npgsql;

namespace Dakla06.Benchmarks;

/// <summary>
/// Issue 14 part 3, the event path against raw MassTransit, in one run on one broker (<see cref="TestServers"/>):
/// (a) plain MassTransit publish → consume of a small event with <c>--in-flight</c> (256) publishes outstanding, events/s;
/// (b) the project's path — a business row and its outbox row in one transaction → <c>OutboxRelay</c> → RabbitMQ →
/// <c>InboxConsumer</c> with its inbox row — events/s end to end with <c>--writers</c> (64) concurrent business
/// transactions, then commit → consumed latency at a steady <c>--rate</c> (1,000/s) for <c>--seconds</c> (20); and
/// every event id's effect counted (exactly once). (b) runs with 1 relay + 1 consumer, then 2 relay instances + 2 consumer
/// replicas (<see cref="MessagingNode"/>: generic hosts with the ServiceDefaults registration, one database per service,
/// one vhost per configuration). Prints a table with PASS/MISSED per target; exit code 0 (a measurement, not a test).
/// Usage: <c>./dakla06 bench messaging [-- --events N --in-flight N --writers N --rate N --seconds N]</c>.
/// </summary>
internal static class MessagingBenchmark
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(120);

    public static async Task<int> RunAsync(string[] args)
    {
        var events = Options.Int(args, "--events", 30_000);
        var inFlight = Options.Int(args, "--in-flight", 256);
        var writers = Options.Int(args, "--writers", 64);
        var rate = Options.Int(args, "--rate", 1_000);
        var seconds = Options.Int(args, "--seconds", 20);
        var total = Stopwatch.StartNew();
        var report = new BenchmarkReport("MISSED");
        Console.WriteLine($"Messaging benchmark: {events:N0} events per throughput run, {inFlight} in flight (raw), {writers} writers, {rate:N0}/s for {seconds} s, {Environment.ProcessorCount} cores, load average {BenchmarkReport.LoadAverage()}");
        Console.WriteLine("Starting PostgreSQL and RabbitMQ (Dakla06.Testing TestServers) ...");
        var servers = await TestServers.GetAsync();
        Console.WriteLine($"PostgreSQL from {servers.PostgresSource}, RabbitMQ from {servers.RabbitMqSource}");

        var raw = await RawAsync(servers, events, inFlight);
        report.Add("(a) raw MassTransit", $"{inFlight} in flight", $"{raw.PerSecond:N0} /s", null, null);
        report.Add("  each event consumed once", $"{events:N0} events", raw.Count.ToString(), "0 / 0", raw.Count.Exact);

        foreach (var replicas in new[] { 1, 2 })
        {
            var path = await ProjectPathAsync(servers, replicas, events, writers, rate, seconds);
            var shape = replicas == 1 ? "1 relay, 1 consumer" : $"{replicas} relays, {replicas} consumers";
            var share = path.PerSecond / raw.PerSecond;
            report.Add($"(b) outbox path, {shape}", $"{writers} writers", $"{path.PerSecond:N0} /s = {share:P0}", "≥ 50% of (a)", share >= 0.5);
            report.Add("  peak backlog outbox / queue", "throughput run", $"{path.BurstBacklog.PeakOutbox:N0} / {path.BurstBacklog.PeakQueue:N0}", null, null);
            report.Add($"  commit→consumed p50/p95/p99", $"{rate:N0}/s asked, {path.SteadyRate:N0}/s done", $"{path.P50:F0} / {path.P95:F0} / {path.P99:F0} ms", null, null);
            report.Add($"  p95 at a steady {rate:N0}/s", $"{path.SteadyCount:N0} events", $"{path.P95:F0} ms", "≤ 1,000 ms", path.P95 <= 1_000 && path.SteadyRate >= rate * 0.95);
            report.Add("  peak backlog outbox / queue", "steady run", $"{path.SteadyBacklog.PeakOutbox:N0} / {path.SteadyBacklog.PeakQueue:N0}", null, null);
            report.Add("  each event's effect once", $"{path.Count.Written:N0} events", path.Count.ToString(), "0 / 0", path.Count.Exact);
            if (path.Redeliveries > 0)
            {
                report.Add("  redeliveries the inbox turned away", string.Empty, path.Redeliveries.ToString(), null, null);
            }
        }

        if (_failedWrites > 0)
        {
            report.Add("writes that failed (not counted)", string.Empty, $"{_failedWrites:N0}", null, null);
        }

        Console.WriteLine();
        report.Print($"Messaging benchmark — {events:N0} events, {Environment.ProcessorCount} cores, total {total.Elapsed.TotalMinutes:F1} min, load average now {BenchmarkReport.LoadAverage()}");
        return 0;
    }

    /// <summary>(a): warm-up, then <paramref name="events"/> publishes with <paramref name="inFlight"/> outstanding; first publish → last consumed.</summary>
    private static async Task<(double PerSecond, ExactlyOnce Count)> RawAsync(TestServers servers, int events, int inFlight)
    {
        await using var vhost = await servers.CreateVirtualHostAsync("benchmsgraw");
        var tracker = new EventTracker();
        await using var node = await RawBusNode.StartAsync(vhost.ConnectionString, tracker);
        var warmUp = await ConcurrentlyAsync(1_000, inFlight, (_, message) => node.PublishAsync(message));
        await tracker.WaitForConsumedAsync(warmUp.Count, DrainTimeout);

        var start = Stopwatch.GetTimestamp();
        var ids = await ConcurrentlyAsync(events, inFlight, (_, message) => node.PublishAsync(message));
        var drained = await tracker.WaitForConsumedAsync(warmUp.Count + ids.Count, DrainTimeout);
        var perSecond = drained ? ids.Count / Stopwatch.GetElapsedTime(start, tracker.LastConsumed(ids)!.Value).TotalSeconds : 0;
        var all = warmUp.Concat(ids).ToList();
        var count = new ExactlyOnce(all.Count, all.Count(id => tracker.Deliveries(id) == 0), all.Count(id => tracker.Deliveries(id) > 1));
        Console.WriteLine($"(a) raw MassTransit: {ids.Count:N0} events in flight {inFlight} → {perSecond:N0}/s; {count}");
        return (perSecond, count);
    }

    /// <summary>(b) with <paramref name="replicas"/> producer replicas (each with its relay) and as many consumer replicas.</summary>
    private static async Task<PathResult> ProjectPathAsync(TestServers servers, int replicas, int events, int writers, int rate, int seconds)
    {
        await using var producerDb = await servers.CreateDatabaseAsync("benchmsgproducer");
        await using var consumerDb = await servers.CreateDatabaseAsync("benchmsgconsumer");
        await using var vhost = await servers.CreateVirtualHostAsync("benchmsgpath");
        var tracker = new EventTracker();
        var nodes = new List<MessagingNode>();
        try
        {
            // Consumers first: their queue must be bound before the first event is published.
            for (var i = 0; i < replicas; i++)
            {
                nodes.Add(await MessagingNode.StartAsync(consumerDb.ConnectionString, vhost.ConnectionString, "benchconsumer", consumes: true, tracker));
            }

            var consumers = nodes.ToList();
            for (var i = 0; i < replicas; i++)
            {
                nodes.Add(await MessagingNode.StartAsync(producerDb.ConnectionString, vhost.ConnectionString, "benchproducer", consumes: false, tracker));
            }

            var producers = nodes.Except(consumers).ToList();
            Task Write(int i, DirectiveIssued message) => producers[i % producers.Count].WriteAsync(message);

            var warmUp = await ConcurrentlyAsync(1_000, writers, Write);
            var expected = warmUp.Count;
            await tracker.WaitForConsumedAsync(expected, DrainTimeout);

            // Throughput: every writer commits one business row + event after another; first commit → last consumed.
            var start = Stopwatch.GetTimestamp();
            var burstBacklog = new BacklogSampler(tracker, producerDb.ConnectionString);
            var burst = await ConcurrentlyAsync(events, writers, Write);
            expected += burst.Count;
            var drained = await tracker.WaitForConsumedAsync(expected, DrainTimeout);
            await burstBacklog.DisposeAsync();
            var perSecond = drained ? burst.Count / Stopwatch.GetElapsedTime(start, tracker.LastConsumed(burst)!.Value).TotalSeconds : 0;
            Console.WriteLine($"(b) {replicas} relay(s) + {replicas} consumer(s): {burst.Count:N0} events with {writers} writers → {perSecond:N0}/s{(drained ? string.Empty : " (NOT all consumed)")}; {burstBacklog}");

            // Latency at a steady rate: events started on schedule whatever the previous ones are doing (open loop).
            var steadyBacklog = new BacklogSampler(tracker, producerDb.ConnectionString);
            var (steady, committedRate) = await SteadyAsync(rate, seconds, writers, Write);
            expected += steady.Count;
            await tracker.WaitForConsumedAsync(expected, DrainTimeout);
            await steadyBacklog.DisposeAsync();
            var latencies = tracker.CommitToConsumedMs(steady);
            var (p50, p95, p99) = latencies.Count == 0
                ? (double.NaN, double.NaN, double.NaN)
                : (Latency.Percentile(latencies, 0.50), Latency.Percentile(latencies, 0.95), Latency.Percentile(latencies, 0.99));
            Console.WriteLine($"    steady {rate}/s for {seconds} s: committed at {committedRate:N0}/s, commit→consumed p50 {p50:F1} ms, p95 {p95:F1} ms, p99 {p99:F1} ms; {steadyBacklog}");

            // Exactly once, counted where it matters: the effect rows in the consumer's database against every event written.
            var effects = await consumers[0].EffectsByEventAsync();
            var written = warmUp.Concat(burst).Concat(steady).ToList();
            var count = new ExactlyOnce(written.Count, written.Count(id => !effects.ContainsKey(id)),
                written.Count(id => effects.GetValueOrDefault(id) > 1) + effects.Keys.Except(written).Count());
            var outboxLeft = await producers[0].ScalarAsync<long>("SELECT count(*) FROM outbox_messages");
            Console.WriteLine($"    {count}; outbox rows left {outboxLeft}; redeliveries turned away by the inbox {tracker.Redeliveries}");
            return new PathResult(perSecond, committedRate, steady.Count, p50, p95, p99, count, tracker.Redeliveries, burstBacklog, steadyBacklog);
        }
        finally
        {
            foreach (var node in Enumerable.Reverse(nodes))
            {
                await node.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="count"/> writes of new events with at most <paramref name="concurrency"/> outstanding; returns
    /// the ids of those that succeeded (a failure is printed and its event left out: it was not committed).
    /// </summary>
    private static async Task<List<Guid>> ConcurrentlyAsync(int count, int concurrency, Func<int, DirectiveIssued, Task> write)
    {
        var next = -1;
        var done = new Guid[count];
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                var message = MessagingNode.NewEvent();
                if (await TryAsync(() => write(i, message)))
                {
                    done[i] = message.EventId;
                }
            }
        }));
        return done.Where(id => id != Guid.Empty).ToList();
    }

    /// <summary>
    /// Starts writes at <paramref name="rate"/> per second for <paramref name="seconds"/>, on schedule whatever the earlier
    /// ones are doing, but never more than <paramref name="maxOutstanding"/> at once (as a service's pool would not): a
    /// database that cannot keep up shows as a committed rate below the one asked. Returns the committed ids and that rate.
    /// </summary>
    private static async Task<(List<Guid> Ids, double CommittedRate)> SteadyAsync(int rate, int seconds, int maxOutstanding, Func<int, DirectiveIssued, Task> write)
    {
        var count = rate * seconds;
        var messages = Enumerable.Range(0, count).Select(_ => MessagingNode.NewEvent()).ToArray();
        var writes = new List<Task<bool>>(count);
        using var slots = new SemaphoreSlim(maxOutstanding);
        var start = Stopwatch.GetTimestamp();
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
        while (writes.Count < count)
        {
            var due = Math.Min(count, (int)(Stopwatch.GetElapsedTime(start).TotalSeconds * rate) + 1);
            while (writes.Count < due)
            {
                var i = writes.Count;
                await slots.WaitAsync();
                writes.Add(TryAsync(async () =>
                {
                    try
                    {
                        await write(i, messages[i]);
                    }
                    finally
                    {
                        slots.Release();
                    }
                }));
            }

            await tick.WaitForNextTickAsync();
        }

        var committed = await Task.WhenAll(writes);
        var elapsed = Stopwatch.GetElapsedTime(start);
        return (messages.Where((_, i) => committed[i]).Select(m => m.EventId).ToList(), count / elapsed.TotalSeconds);
    }

    private static int _failedWrites;

    /// <summary>Runs a write; a failure is counted (and the first one printed), its event left out: it was not committed.</summary>
    private static async Task<bool> TryAsync(Func<Task> write)
    {
        try
        {
            await write();
            return true;
        }
        catch (Exception e)
        {
            if (Interlocked.Increment(ref _failedWrites) == 1)
            {
                Console.WriteLine($"  a write failed (later failures are only counted): {e.GetBaseException().Message}");
            }

            return false;
        }
    }

    /// <summary>
    /// Where the events wait while a phase runs, sampled every 250 ms: committed but still in the outbox (the relay is
    /// behind) or published but not yet consumed (the consumers are behind). The largest of each is kept.
    /// </summary>
    private sealed class BacklogSampler : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _sampling;

        /// <summary>Samples on a connection of its own, so a producer's busy pool never stalls it.</summary>
        public BacklogSampler(EventTracker tracker, string producerDatabase) => _sampling = SampleAsync(tracker, producerDatabase);

        public long PeakOutbox { get; private set; }

        public long PeakQueue { get; private set; }

        public override string ToString() => $"peak backlog: outbox {PeakOutbox:N0}, broker→consumer {PeakQueue:N0}";

        private async Task SampleAsync(EventTracker tracker, string producerDatabase)
        {
            using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
            await using var connection = new NpgsqlConnection(producerDatabase);
            await connection.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT count(*) FROM outbox_messages", connection);
            try
            {
                while (await tick.WaitForNextTickAsync(_stop.Token))
                {
                    var committed = tracker.CommittedCount;
                    var inOutbox = (long)(await count.ExecuteScalarAsync())!;
                    PeakOutbox = Math.Max(PeakOutbox, inOutbox);
                    PeakQueue = Math.Max(PeakQueue, committed - inOutbox - tracker.ConsumedCount);
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _sampling;
            _stop.Dispose();
        }
    }

    private sealed record PathResult(
        double PerSecond, double SteadyRate, int SteadyCount, double P50, double P95, double P99, ExactlyOnce Count, int Redeliveries,
        BacklogSampler BurstBacklog, BacklogSampler SteadyBacklog);

    /// <summary>How many events were written, and how many of them were never consumed or had more than one effect.</summary>
    private sealed record ExactlyOnce(int Written, int Lost, int Doubled)
    {
        public bool Exact => Lost == 0 && Doubled == 0;

        public override string ToString() => $"lost {Lost} / doubled {Doubled}";
    }
}
