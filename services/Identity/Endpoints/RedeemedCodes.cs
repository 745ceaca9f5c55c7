using System.Security.Cryptography;
using System.Text;
using Dakla06.Identity.Hosting;
using Microsoft.Extensions.Options;

namespace Dakla06.Identity.Endpoints;

/// <summary>
/// Without token storage OpenIddict cannot tell that a code was already exchanged; Keycloak refuses a second
/// exchange, so this remembers redeemed codes until they would have expired anyway. They are remembered as files in
/// <see cref="IdentitySettings.StateDirectory"/>, which the provider's replicas share (the AppHost gives them one):
/// creating a file is atomic, so a code exchanged at one replica is refused at every other.
/// </summary>
public sealed class RedeemedCodes : IDisposable
{
    private const string CodeSuffix = ".code";

    private readonly TimeProvider _clock;
    private readonly string _directory;
    private readonly string? _ownDirectory;

    public RedeemedCodes(TimeProvider clock, IOptions<IdentitySettings> settings, IHostEnvironment environment)
    {
        _clock = clock;
        var shared = settings.Value.StateDirectory;
        // Alone (tests, a single process) a folder of this process's own does the same.
        _ownDirectory = string.IsNullOrWhiteSpace(shared) ? Path.Combine(Path.GetTempPath(), $"dakla06-identity-{Guid.NewGuid():N}") : null;
        _directory = Path.Combine(_ownDirectory ?? Path.GetFullPath(shared!, environment.ContentRootPath), "redeemed-codes");
        Directory.CreateDirectory(_directory);
    }

    /// <summary>True the first time a code is presented, at any replica; false afterwards.</summary>
    public bool TryRedeem(string code, DateTimeOffset expiresAt)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        foreach (var file in new DirectoryInfo(_directory).EnumerateFiles("*" + CodeSuffix))
        {
            if (file.LastWriteTimeUtc < now)
            {
                file.Delete();
            }
        }

        // Written aside with its expiry as its time, then moved into place: the move fails when the code is there.
        var path = Path.Combine(_directory, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(code))) + CodeSuffix);
        var pending = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".pending");
        File.WriteAllBytes(pending, []);
        File.SetLastWriteTimeUtc(pending, expiresAt.UtcDateTime);
        try
        {
            File.Move(pending, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(pending);
            return false;
        }
    }

    public void Dispose()
    {
        if (_ownDirectory is not null && Directory.Exists(_ownDirectory))
        {
            Directory.Delete(_ownDirectory, recursive: true);
        }
    }
}
