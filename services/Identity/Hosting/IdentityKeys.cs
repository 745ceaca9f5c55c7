using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Dakla06.Identity.Hosting;

/// <summary>The RSA key that signs tokens, and the symmetric key that seals codes and refresh tokens.</summary>
public sealed class IdentityKeys
{
    public IdentityKeys(IOptions<IdentitySettings> settings, IHostEnvironment environment, ILogger<IdentityKeys> logger)
    {
        var rsa = RSA.Create();
        var value = settings.Value;
        if (!string.IsNullOrWhiteSpace(value.SigningKeyPem))
        {
            rsa.ImportFromPem(value.SigningKeyPem);
        }
        else if (!string.IsNullOrWhiteSpace(value.SigningKeyFile))
        {
            LoadOrCreate(rsa, Path.GetFullPath(value.SigningKeyFile, environment.ContentRootPath), logger);
        }
        else
        {
            rsa.KeySize = 2048;
            logger.LogWarning("No Identity:SigningKeyPem or Identity:SigningKeyFile: signing with an ephemeral key; tokens die with the process.");
        }

        // A kid derived from the public key (RFC 7638 thumbprint) stays the same for as long as the key does.
        var publicJwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)));
        SigningKey = new RsaSecurityKey(rsa) { KeyId = Base64UrlEncoder.Encode(publicJwk.ComputeJwkThumbprint()) };

        // Codes and refresh tokens are encrypted, not just signed. Deriving that key from the signing key means
        // one persisted file keeps both valid across restarts, without reusing the RSA key for encryption.
        var secret = rsa.ExportPkcs8PrivateKey();
        try
        {
            var derived = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, salt: [], info: Encoding.ASCII.GetBytes("dakla06-identity/token-encryption"));
            EncryptionKey = new SymmetricSecurityKey(derived) { KeyId = SigningKey.KeyId + "-enc" };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    public RsaSecurityKey SigningKey { get; }

    public SymmetricSecurityKey EncryptionKey { get; }

    private static void LoadOrCreate(RSA rsa, string path, ILogger logger)
    {
        if (File.Exists(path))
        {
            rsa.ImportFromPem(File.ReadAllText(path));
            return;
        }

        rsa.KeySize = 2048;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllText(temporary, rsa.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
            logger.LogInformation("Created a new signing key at {Path}.", path);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another instance created it first: use theirs so both sign with the same key.
            File.Delete(temporary);
            rsa.ImportFromPem(File.ReadAllText(path));
        }
    }
}
