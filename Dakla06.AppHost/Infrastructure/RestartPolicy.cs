using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dakla06.AppHost.Infrastructure;

/// <summary>
/// What systemd's <c>Restart=on-failure</c> and Docker's restart policies give: every resource the AppHost runs
/// (services, web, identity provider, the local PostgreSQL and RabbitMQ wrappers, containers; a resource added later
/// included, without a line of its own) is started again when it exits by itself, after a back-off that doubles
/// (1 s, 2 s, 4 s … at most 30 s), at most <see cref="RestartSettings.MaxRestarts"/> times within
/// <see cref="RestartSettings.Window"/>; past that it stays down and says so. Not restarted: a resource the operator
/// stopped (the dashboard's Stop, which passes through <c>Stopping</c>) and everything while the AppHost shuts down.
/// Each restart is written to the resource's own log and counted in its details (<see cref="RestartsProperty"/>).
/// </summary>
public sealed partial class RestartPolicy(
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    ResourceLoggerService resourceLogs,
    IHostApplicationLifetime lifetime,
    RestartSettings settings,
    ILogger<RestartPolicy> logger) : BackgroundService
{
    /// <summary>The property, in the dashboard's resource details, counting the restarts of this run.</summary>
    public const string RestartsProperty = "dakla06.restarts";

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Instance> _instances = new(StringComparer.Ordinal);

    public static void AddTo(IDistributedApplicationBuilder builder)
    {
        builder.Services.AddSingleton(RestartSettings.From(builder.Configuration));
        builder.Services.AddHostedService<RestartPolicy>();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var change in notifications.WatchAsync(stoppingToken))
            {
                var instance = _instances.GetOrAdd(change.ResourceId, _ => new Instance());
                var previous = instance.State;
                var state = change.Snapshot.State?.Text;
                instance.State = state;
                if (state is null || state == previous)
                {
                    continue;
                }

                if (state == KnownResourceStates.Stopping || state == TerminatedByOrchestrator)
                {
                    // The Stop command (dashboard, tests) or DCP itself: on purpose.
                    instance.StoppedOnPurpose = true;
                }
                else if (!IsStopped(state))
                {
                    instance.StoppedOnPurpose = false; // a new run (started again by the operator or by this policy)
                }
                else if (previous is not null && !IsStopped(previous) && !instance.StoppedOnPurpose
                         && !lifetime.ApplicationStopping.IsCancellationRequested)
                {
                    _ = RestartAsync(change, instance, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RestartAsync(ResourceEvent exited, Instance instance, CancellationToken stoppingToken)
    {
        var id = exited.ResourceId;
        var log = resourceLogs.GetLogger(id);
        var exitCode = exited.Snapshot.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "unknown";
        var now = DateTimeOffset.UtcNow;
        int attempt;
        lock (instance)
        {
            instance.Restarts.RemoveAll(at => now - at > settings.Window);
            attempt = instance.Restarts.Count + 1;
            if (attempt > settings.MaxRestarts)
            {
                LogGaveUp(log, id, exitCode, settings.MaxRestarts, settings.Window.TotalMinutes);
                LogGaveUp(logger, id, exitCode, settings.MaxRestarts, settings.Window.TotalMinutes);
                return;
            }

            instance.Restarts.Add(now);
            instance.Total++;
        }

        var backoff = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, attempt - 1)));
        LogRestarting(log, id, exited.Snapshot.State?.Text, exitCode, backoff.TotalSeconds, attempt, settings.MaxRestarts);
        LogRestarting(logger, id, exited.Snapshot.State?.Text, exitCode, backoff.TotalSeconds, attempt, settings.MaxRestarts);
        try
        {
            await Task.Delay(backoff, stoppingToken);
            // The operator may have started (or the AppHost begun to stop) it meanwhile.
            if (lifetime.ApplicationStopping.IsCancellationRequested || instance.StoppedOnPurpose || !IsStopped(instance.State))
            {
                return;
            }

            await notifications.PublishUpdateAsync(exited.Resource, id, snapshot => snapshot with
            {
                Properties = [.. snapshot.Properties.Where(p => p.Name != RestartsProperty), new ResourcePropertySnapshot(RestartsProperty, instance.Total)],
            });
            var result = await commands.ExecuteCommandAsync(id, KnownResourceCommands.StartCommand, stoppingToken);
            if (!result.Success)
            {
                LogStartFailed(log, id, result.Message);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            LogStartError(logger, e, id);
        }
    }

    /// <summary>DCP's state of an executable it killed itself (Stop command, scale-down); not a KnownResourceStates constant.</summary>
    private const string TerminatedByOrchestrator = "Terminated";

    private static bool IsStopped(string? state) =>
        state is not null && (KnownResourceStates.TerminalStates.Contains(state) || state == TerminatedByOrchestrator);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Resource} stopped by itself ({State}, exit code {ExitCode}): restarting it in {Seconds} s (restart {Attempt} of at most {Max})")]
    private static partial void LogRestarting(ILogger logger, string resource, string? state, string exitCode, double seconds, int attempt, int max);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Resource} stopped by itself again (exit code {ExitCode}) after {Max} restarts within {Minutes} min: left stopped; start it from the dashboard once the cause is fixed")]
    private static partial void LogGaveUp(ILogger logger, string resource, string exitCode, int max, double minutes);

    [LoggerMessage(Level = LogLevel.Error, Message = "Restarting {Resource} failed: {Message}")]
    private static partial void LogStartFailed(ILogger logger, string resource, string? message);

    [LoggerMessage(Level = LogLevel.Error, Message = "Restarting {Resource} failed")]
    private static partial void LogStartError(ILogger logger, Exception exception, string resource);

    /// <summary>One running instance (a replica has its own): its last state and its restarts.</summary>
    private sealed class Instance
    {
        public volatile string? State;
        public volatile bool StoppedOnPurpose;
        public int Total;
        public List<DateTimeOffset> Restarts { get; } = [];
    }
}

/// <summary><c>Dakla06:Restart:MaxRestarts</c> (default 5) within <c>Dakla06:Restart:WindowMinutes</c> (default 10).</summary>
public sealed record RestartSettings(int MaxRestarts, TimeSpan Window)
{
    public static RestartSettings From(IConfiguration configuration) => new(
        Math.Max(0, configuration.GetValue<int?>("Dakla06:Restart:MaxRestarts") ?? 5),
        TimeSpan.FromMinutes(Math.Max(1, configuration.GetValue<double?>("Dakla06:Restart:WindowMinutes") ?? 10)));
}
