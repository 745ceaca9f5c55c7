using Dakla06.Testing;

namespace Dakla06.Benchmarks;

/// <summary>
/// What a service benchmark runs against: PostgreSQL and RabbitMQ from <see cref="TestServers"/> (a fresh database and
/// vhost), the development identity provider and the REAL service (its Release build, Production environment) as
/// separate processes configured by environment variables, logs in a temporary directory. Disposed in reverse order.
/// </summary>
internal sealed class ServiceRun : IAsyncDisposable
{
    private ServiceRun(TestDatabase database, RabbitMqVirtualHost vhost, DirectoryInfo work)
    {
        Database = database;
        VirtualHost = vhost;
        Work = work;
    }

    public TestDatabase Database { get; }

    public RabbitMqVirtualHost VirtualHost { get; }

    public DirectoryInfo Work { get; }

    public ServiceProcess Identity { get; private set; } = null!;

    public ServiceProcess Service { get; private set; } = null!;

    /// <summary>
    /// Starts everything for the service <paramref name="name"/> (database and vhost prefix <c>bench{name}</c>);
    /// <paramref name="environment"/> gets the run (database, vhost, identity provider, work directory) and returns the
    /// service's own configuration.
    /// </summary>
    public static async Task<ServiceRun> StartAsync(string repo, string name, string project, string dll, Func<ServiceRun, IReadOnlyDictionary<string, string>> environment)
    {
        Console.WriteLine("Starting PostgreSQL and RabbitMQ (Dakla06.Testing TestServers) ...");
        var servers = await TestServers.GetAsync();
        var database = await servers.CreateDatabaseAsync($"bench{name}");
        var vhost = await servers.CreateVirtualHostAsync($"bench{name}");
        var run = new ServiceRun(database, vhost, Directory.CreateTempSubdirectory($"dakla06-bench-{name}-"));
        Console.WriteLine($"PostgreSQL from {servers.PostgresSource}, RabbitMQ from {servers.RabbitMqSource}; logs in {run.Work.FullName}");
        try
        {
            run.Identity = ServiceProcess.StartIdentity(repo, run.Work.FullName);
            await run.Identity.WaitHealthyAsync(TimeSpan.FromSeconds(60));
            run.Service = ServiceProcess.Start(name, ServiceProcess.ReleaseDll(repo, project, dll), environment(run), run.Work.FullName);
            await run.Service.WaitHealthyAsync(TimeSpan.FromSeconds(120));
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }

        Console.WriteLine($"{name} service pid {run.Service.Id} at {run.Service.BaseUri}, identity provider pid {run.Identity.Id} at {run.Identity.BaseUri}");
        return run;
    }

    /// <summary>The issuer the service validates tokens against.</summary>
    public string Authority => TokenSource.Authority(Identity.BaseUri);

    /// <summary>An HTTP client of the service without a timeout (imports of large files take minutes).</summary>
    public HttpClient ServiceHttp() => new() { BaseAddress = Service.BaseUri, Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>Tokens of a demo user of the realm file.</summary>
    public TokenSource Tokens(string username) => new(Identity.BaseUri, username, TokenSource.DemoPassword);

    /// <summary>Removes the logs unless <c>--keep-logs</c> was given.</summary>
    public void CleanUp(string[] args)
    {
        if (!Options.Flag(args, "--keep-logs"))
        {
            Work.Delete(recursive: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Service is not null)
        {
            await Service.DisposeAsync();
        }

        if (Identity is not null)
        {
            await Identity.DisposeAsync();
        }

        await VirtualHost.DisposeAsync();
        await Database.DisposeAsync();
    }
}
