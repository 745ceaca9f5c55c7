using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dakla06.ServiceDefaults.Hosting;

/// <summary>
/// Data-protection keys in a folder that every replica of an app reads (<c>DataProtection:KeysDirectory</c>, set by the
/// AppHost), so a sign-in cookie, an OIDC correlation cookie or a form token written by one replica is read by the
/// others: a browser moved to another replica stays signed in. Without the setting the framework's defaults apply.
/// </summary>
public static class SharedDataProtection
{
    public const string KeysDirectoryKey = "DataProtection:KeysDirectory";

    public static TBuilder AddSharedDataProtection<TBuilder>(this TBuilder builder, string applicationName)
        where TBuilder : IHostApplicationBuilder
    {
        if (builder.Configuration[KeysDirectoryKey] is not { Length: > 0 } directory)
        {
            return builder;
        }

        builder.Services.AddDataProtection().SetApplicationName(applicationName).PersistKeysToFileSystem(new DirectoryInfo(directory));
        builder.Services.AddTransient<IStartupFilter>(_ => new FirstKeyBeforeRequests(directory));
        return builder;
    }

    /// <summary>
    /// Replicas starting together on an empty folder would each create a key of their own and, until they next read the
    /// folder (a day later), reject each other's cookies. Before the first request, under an exclusive lock of the
    /// folder, the first replica creates the key and the others find it.
    /// </summary>
    private sealed class FirstKeyBeforeRequests(string directory) : IStartupFilter
    {
        private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            EnsureActiveKey(app.ApplicationServices.GetRequiredService<IKeyManager>());
            next(app);
        };

        private void EnsureActiveKey(IKeyManager keys)
        {
            Directory.CreateDirectory(directory);
            using var folderLock = Lock(Path.Combine(directory, ".lock"));
            var now = DateTimeOffset.UtcNow;
            if (!keys.GetAllKeys().Any(key => !key.IsRevoked && key.ActivationDate <= now && key.ExpirationDate > now))
            {
                keys.CreateNewKey(now, now.AddDays(90));
            }
        }

        private static FileStream Lock(string path)
        {
            var deadline = DateTime.UtcNow + LockTimeout;
            while (true)
            {
                try
                {
                    // FileShare.None is an exclusive advisory lock (flock) on Unix: one process at a time.
                    return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                }
                catch (IOException) when (DateTime.UtcNow < deadline)
                {
                    Thread.Sleep(50);
                }
            }
        }
    }
}
