using Dakla06.Contracts.AdminUnits;

namespace Dakla06.ServiceDefaults.Http;

/// <summary>The <c>unit</c> query parameters every service's lists and reports take.</summary>
public static class QueryUnits
{
    /// <summary>The ltree path of a <c>unit</c> filter (null when absent); an unknown unit is named under <paramref name="field"/>.</summary>
    public static string? Path(string? code, string field, ValidationErrors errors) => Find(code, field, errors)?.Path;

    /// <summary>The unit a query names (null when absent); an unknown unit is named under <paramref name="field"/>.</summary>
    public static AdminUnit? Find(string? code, string field, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var unit = AdminUnitDirectory.Default.Find(code.Trim());
        if (unit is null)
        {
            errors.Add(field, $"Không có đơn vị hành chính mã {code.Trim()} trong tỉnh.");
        }

        return unit;
    }
}
