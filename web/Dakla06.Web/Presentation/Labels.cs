using Dakla06.Contracts.AdminUnits;
using Dakla06.ServiceDefaults.Security;

namespace Dakla06.Web.Presentation;

/// <summary>What users read for role names and administrative levels.</summary>
public static class Labels
{
    private static readonly Dictionary<string, string> RoleLabels = new(StringComparer.Ordinal)
    {
        [Roles.ProvinceUser] = "Cấp tỉnh",
        [Roles.DistrictUser] = "Cấp huyện",
        [Roles.CommuneUser] = "Cấp xã",
        [Roles.Leader] = "Lãnh đạo",
        [Roles.DirectiveOfficer] = "Cán bộ theo dõi chỉ đạo",
        [Roles.StatisticsOfficer] = "Cán bộ thống kê",
        [Roles.EnrolmentOfficer] = "Cán bộ định danh",
        [Roles.CleansingOfficer] = "Cán bộ làm sạch dữ liệu",
        [Roles.SecurityInspector] = "Cán bộ kiểm tra ANATTT",
        [Roles.PiiReader] = "Được xem dữ liệu cá nhân",
    };

    /// <summary>Known roles in a stable order (level first); roles of other applications are left out.</summary>
    public static IEnumerable<string> KnownRoles(IEnumerable<string> roles) =>
        RoleLabels.Keys.Where(roles.Contains);

    public static string Role(string role) => RoleLabels.GetValueOrDefault(role, role);

    public static string Level(AdminLevel level) => level switch
    {
        AdminLevel.Province => "Cấp tỉnh",
        AdminLevel.District => "Cấp huyện",
        AdminLevel.Commune => "Cấp xã",
        _ => level.ToString(),
    };

    /// <summary>The unit and its parents, e.g. "Tỉnh Đắk Lắk › Thành phố Buôn Ma Thuột › Phường Tân Lợi".</summary>
    public static string UnitPath(AdminUnit unit, AdminUnitDirectory units) =>
        string.Join(" › ", unit.Path.Split('.').Select(code => units.Find(code)?.Name ?? code));

    /// <summary>A unit's name without its level word, for narrow chart axes: "Thành phố Buôn Ma Thuột" → "Buôn Ma Thuột".</summary>
    public static string ShortUnitName(string name)
    {
        string[] prefixes = ["Thành phố ", "Thị xã ", "Huyện ", "Phường ", "Thị trấn ", "Xã "];
        return prefixes.FirstOrDefault(p => name.StartsWith(p, StringComparison.Ordinal)) is { } prefix ? name[prefix.Length..] : name;
    }
}
