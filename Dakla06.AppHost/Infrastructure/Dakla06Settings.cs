using System.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace Dakla06.AppHost.Infrastructure;

/// <summary>How the system runs: containers (PostgreSQL, RabbitMQ and Keycloak images) or local executables.</summary>
public enum RunMode
{
    Containers,
    Local,
}

/// <summary>The <c>Dakla06:*</c> settings of the AppHost.</summary>
public sealed record Dakla06Settings(RunMode Mode, string RepositoryRoot, string DataDirectory, IConfiguration Configuration)
{
    /// <summary>Ports are fixed so bookmarks, .http files and scripts keep working (README lists them).</summary>
    public static class Ports
    {
        public const int Web = 5080;

        /// <summary>With several web replicas, replica n listens at this + n (5181, 5182 …) behind the entry point at <see cref="Web"/>.</summary>
        public const int WebReplicas = 5180;
        public const int Identity = 5090;
        public const int Postgres = 55432;
        public const int RabbitMq = 55672;
        public const int RabbitMqManagement = 15672;
    }

    public static Dakla06Settings From(IDistributedApplicationBuilder builder)
    {
        var root = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
        var configuredData = builder.Configuration["Dakla06:DataDir"];
        var data = string.IsNullOrWhiteSpace(configuredData) ? Path.Combine(root, ".data") : Path.GetFullPath(configuredData);
        var mode = builder.Configuration["Dakla06:Mode"]?.Trim().ToLowerInvariant() switch
        {
            "local" => RunMode.Local,
            "containers" or "container" => RunMode.Containers,
            null or "" or "auto" => ContainerRuntimeAnswers() ? RunMode.Containers : RunMode.Local,
            var other => throw new InvalidOperationException($"Dakla06:Mode must be local, containers or auto, not '{other}'."),
        };
        return new Dakla06Settings(mode, root, data, builder.Configuration);
    }

    /// <summary>
    /// Replica count of one service (<c>Dakla06:Replicas:Directives</c>), else of every service
    /// (<c>Dakla06:Replicas:All</c>), at least 1.
    /// </summary>
    public int Replicas(string service) =>
        Math.Max(1, Configuration.GetValue<int?>($"Dakla06:Replicas:{service}") ?? Configuration.GetValue<int?>("Dakla06:Replicas:All") ?? 1);

    /// <summary>True when Docker or Podman has a daemon that answers (the clients alone do not count).</summary>
    private static bool ContainerRuntimeAnswers() =>
        Answers("docker", "info --format {{.ServerVersion}}") || Answers("podman", "info --format {{.Version.Version}}");

    private static bool Answers(string command, string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(command, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return false;
            }

            if (!process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // not installed
        }
    }
}
