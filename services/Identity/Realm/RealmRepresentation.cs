namespace Dakla06.Identity.Realm;

// The subset of Keycloak's realm export (RealmRepresentation and friends) that the development provider
// needs. Member names follow Keycloak's JSON; unknown members are ignored so the file stays a plain export
// that `kc.sh import` accepts unchanged.

public sealed class RealmRepresentation
{
    public string Realm { get; init; } = "";

    public bool Enabled { get; init; }

    public string? DisplayName { get; init; }

    // Keycloak's own defaults apply when the export omits a lifespan.
    public int AccessTokenLifespan { get; init; } = 300;

    public int AccessCodeLifespan { get; init; } = 60;

    public int SsoSessionIdleTimeout { get; init; } = 1800;

    public int SsoSessionMaxLifespan { get; init; } = 36000;

    public RolesRepresentation? Roles { get; init; }

    public IReadOnlyList<ClientRepresentation> Clients { get; init; } = [];

    public IReadOnlyList<UserRepresentation> Users { get; init; } = [];
}

public sealed class RolesRepresentation
{
    public IReadOnlyList<RoleRepresentation> Realm { get; init; } = [];
}

public sealed class RoleRepresentation
{
    public string Name { get; init; } = "";

    public string? Description { get; init; }
}

public sealed class ClientRepresentation
{
    public string ClientId { get; init; } = "";

    public string? Name { get; init; }

    public bool Enabled { get; init; } = true;

    public string Protocol { get; init; } = "openid-connect";

    public bool PublicClient { get; init; }

    public bool BearerOnly { get; init; }

    public string? Secret { get; init; }

    public bool StandardFlowEnabled { get; init; } = true;

    public bool DirectAccessGrantsEnabled { get; init; }

    public IReadOnlyList<string> RedirectUris { get; init; } = [];

    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<ProtocolMapperRepresentation> ProtocolMappers { get; init; } = [];
}

public sealed class ProtocolMapperRepresentation
{
    public string Name { get; init; } = "";

    public string Protocol { get; init; } = "openid-connect";

    public string ProtocolMapper { get; init; } = "";

    public IReadOnlyDictionary<string, string> Config { get; init; } = new Dictionary<string, string>();
}

public sealed class UserRepresentation
{
    public string? Id { get; init; }

    public string Username { get; init; } = "";

    // Keycloak imports a user without "enabled" as disabled.
    public bool Enabled { get; init; }

    public bool EmailVerified { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public string? Email { get; init; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Attributes { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>();

    public IReadOnlyList<CredentialRepresentation> Credentials { get; init; } = [];

    public IReadOnlyList<string> RealmRoles { get; init; } = [];
}

public sealed class CredentialRepresentation
{
    public string Type { get; init; } = "";

    public string? Value { get; init; }

    public bool Temporary { get; init; }
}
