using System.Security.Cryptography;
using System.Text;

namespace Dakla06.Identity.Realm;

/// <summary>A user of the realm file, with what the token issuer needs precomputed.</summary>
public sealed class RealmUser
{
    private readonly byte[]? _password;

    internal RealmUser(UserRepresentation representation)
    {
        Representation = representation;
        Id = representation.Id!;
        Username = representation.Username.ToLowerInvariant();

        // Keycloak builds "name" as "firstName lastName"; the realm stores Vietnamese names with the family and
        // middle names in firstName so that this reads in Vietnamese order.
        FullName = string.Join(' ', new[] { representation.FirstName, representation.LastName }
            .Where(part => !string.IsNullOrWhiteSpace(part)));

        var password = representation.Credentials
            .LastOrDefault(c => string.Equals(c.Type, "password", StringComparison.OrdinalIgnoreCase) && c.Value is not null);
        _password = password?.Value is { } value ? Encoding.UTF8.GetBytes(value) : null;
        HasTemporaryPassword = password?.Temporary ?? false;
    }

    public UserRepresentation Representation { get; }

    /// <summary>The stable <c>sub</c>.</summary>
    public string Id { get; }

    public string Username { get; }

    public string FullName { get; }

    public bool Enabled => Representation.Enabled;

    public bool HasTemporaryPassword { get; }

    public IReadOnlyList<string> RealmRoles => Representation.RealmRoles;

    public string? AdminUnit => Attribute("admin_unit");

    public string? Attribute(string name) =>
        Representation.Attributes.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    public bool PasswordMatches(string? candidate)
    {
        if (_password is null || candidate is null)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(_password, Encoding.UTF8.GetBytes(candidate));
    }
}
