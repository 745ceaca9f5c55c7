using System.Text.Json;

namespace Dakla06.Identity.Realm;

/// <summary>
/// The realm file, loaded once and checked the way a Keycloak import would be, so that a mistake in the
/// file fails here at start-up rather than only when the realm meets a real Keycloak.
/// </summary>
public sealed class RealmStore
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly Dictionary<string, RealmClient> _clients;
    private readonly Dictionary<string, RealmUser> _usersById;
    private readonly Dictionary<string, RealmUser> _usersByLogin;

    public RealmStore(RealmRepresentation representation)
    {
        Representation = representation;
        if (string.IsNullOrWhiteSpace(representation.Realm))
        {
            throw new InvalidDataException("The realm file has no \"realm\" name.");
        }

        if (!representation.Enabled)
        {
            throw new InvalidDataException($"Realm '{representation.Realm}' is disabled in the realm file.");
        }

        var roles = (representation.Roles?.Realm ?? []).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        _clients = new Dictionary<string, RealmClient>(StringComparer.Ordinal);
        foreach (var client in representation.Clients)
        {
            if (!_clients.TryAdd(client.ClientId, new RealmClient(client)))
            {
                throw new InvalidDataException($"Client '{client.ClientId}' appears twice in the realm file.");
            }
        }

        _usersById = new Dictionary<string, RealmUser>(StringComparer.Ordinal);
        _usersByLogin = new Dictionary<string, RealmUser>(StringComparer.Ordinal);
        foreach (var representationUser in representation.Users)
        {
            // Keycloak would invent a random id on import; a fixed one keeps "sub" stable across both providers.
            if (string.IsNullOrWhiteSpace(representationUser.Id))
            {
                throw new InvalidDataException($"User '{representationUser.Username}' has no fixed \"id\" in the realm file.");
            }

            var unknownRole = representationUser.RealmRoles.FirstOrDefault(r => !roles.Contains(r));
            if (unknownRole is not null)
            {
                throw new InvalidDataException($"User '{representationUser.Username}' has realm role '{unknownRole}', which the realm does not define.");
            }

            var user = new RealmUser(representationUser);
            if (!_usersById.TryAdd(user.Id, user) || !_usersByLogin.TryAdd(user.Username, user))
            {
                throw new InvalidDataException($"User '{user.Username}' (id {user.Id}) appears twice in the realm file.");
            }

            if (representationUser.Email is { Length: > 0 } email)
            {
                _usersByLogin.TryAdd(email.ToLowerInvariant(), user);
            }
        }

        Users = [.. _usersById.Values];
    }

    public RealmRepresentation Representation { get; }

    public string Name => Representation.Realm;

    public string DisplayName => Representation.DisplayName ?? Representation.Realm;

    public TimeSpan AccessTokenLifetime => TimeSpan.FromSeconds(Representation.AccessTokenLifespan);

    public TimeSpan AuthorizationCodeLifetime => TimeSpan.FromSeconds(Representation.AccessCodeLifespan);

    public TimeSpan SessionIdleTimeout => TimeSpan.FromSeconds(Representation.SsoSessionIdleTimeout);

    public TimeSpan SessionMaxLifespan => TimeSpan.FromSeconds(Representation.SsoSessionMaxLifespan);

    public IReadOnlyList<RealmUser> Users { get; }

    public static RealmStore Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Realm file not found: {path}. Set Identity:RealmFile to a Keycloak realm export.", path);
        }

        using var stream = File.OpenRead(path);
        var representation = JsonSerializer.Deserialize<RealmRepresentation>(stream, JsonOptions)
            ?? throw new InvalidDataException($"Realm file {path} is empty.");
        return new RealmStore(representation);
    }

    public RealmClient? FindClient(string? clientId) =>
        clientId is not null && _clients.TryGetValue(clientId, out var client) && client.Enabled ? client : null;

    public RealmUser? FindUserById(string? id) =>
        id is not null && _usersById.TryGetValue(id, out var user) ? user : null;

    /// <summary>Keycloak matches usernames case-insensitively and, with loginWithEmailAllowed, e-mail addresses too.</summary>
    public RealmUser? FindUserByLogin(string? login) =>
        login is not null && _usersByLogin.TryGetValue(login.Trim().ToLowerInvariant(), out var user) ? user : null;
}
