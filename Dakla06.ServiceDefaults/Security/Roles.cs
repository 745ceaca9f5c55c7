using Dakla06.Contracts.AdminUnits;

namespace Dakla06.ServiceDefaults.Security;

/// <summary>Realm roles of the <c>dakla06</c> Keycloak realm.</summary>
public static class Roles
{
    public const string ProvinceUser = "province-user";
    public const string DistrictUser = "district-user";
    public const string CommuneUser = "commune-user";
    public const string Leader = "leader";
    public const string DirectiveOfficer = "directive-officer";
    public const string StatisticsOfficer = "statistics-officer";
    public const string EnrolmentOfficer = "enrolment-officer";
    public const string CleansingOfficer = "cleansing-officer";
    public const string SecurityInspector = "security-inspector";
    public const string PiiReader = "pii-reader";

    public static IReadOnlyList<string> LevelRoles { get; } = [ProvinceUser, DistrictUser, CommuneUser];

    public static string LevelRoleFor(AdminLevel level) => level switch
    {
        AdminLevel.Province => ProvinceUser,
        AdminLevel.District => DistrictUser,
        AdminLevel.Commune => CommuneUser,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };
}
