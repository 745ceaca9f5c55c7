using Dakla06.Contracts.AdminUnits;
using Dakla06.People;
using Dakla06.ServiceDefaults.Imports;
using Dakla06.ServiceDefaults.Security;

namespace Dakla06.Enrolment.Domain;

/// <summary>The checks the three enrolment files share: a commune of the importer's scope, a structurally valid ID number.</summary>
public sealed class EnrolmentRules(UnitScope scope, int currentYear)
{
    /// <summary>From this day a card may be issued on request to a person under 14 (2023 Law on Identification, in force 1 July 2024).</summary>
    public static readonly DateOnly Under14CardsFrom = new(2024, 7, 1);

    public const int MinimumAge = 14;

    /// <summary>The commune of <paramref name="code"/> when it is a commune of the province inside the importer's scope.</summary>
    public AdminUnit? Commune(string field, string code, LineChecks checks)
    {
        if (code.Length == 0)
        {
            checks.Add(field, "Mã xã là bắt buộc.");
            return null;
        }

        var unit = AdminUnitDirectory.Default.Find(code);
        if (unit is null || unit.Level != AdminLevel.Commune)
        {
            checks.Add(field, $"Không có xã, phường, thị trấn mã {LineChecks.Shortened(code)} trong tỉnh.");
            return null;
        }

        if (!scope.Unit.Contains(unit))
        {
            checks.Add(field, $"{unit.Name} ({unit.Code}) ngoài phạm vi quản lý của bạn.");
            return null;
        }

        return unit;
    }

    /// <summary>The ID number's structure (12 digits, a place code, a century digit not in the future); the number itself is never echoed.</summary>
    public IdNumberCheck IdNumber(string field, string value, LineChecks checks)
    {
        var check = IdNumbers.Check(value, currentYear);
        if (check.Status == IdNumberStatus.Missing)
        {
            checks.Add(field, "Số định danh là bắt buộc.");
        }
        else if (!check.IsWellFormed)
        {
            checks.Add(field, $"{check.Reason}.");
        }

        return check;
    }

    /// <summary>Whole years from <paramref name="birth"/> to <paramref name="day"/>.</summary>
    public static int AgeOn(DateOnly birth, DateOnly day) =>
        day.Year - birth.Year - (day.Month < birth.Month || (day.Month == birth.Month && day.Day < birth.Day) ? 1 : 0);
}
