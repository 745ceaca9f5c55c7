using Dakla06.Contracts.AdminUnits;
using Dakla06.ServiceDefaults.Http;

namespace Dakla06.Directives.Domain;

/// <summary>The four ways to name the units a task goes to; exactly one must be given.</summary>
public sealed record TaskTarget(IReadOnlyList<string>? Units, bool? AllDistricts, string? AllCommunesOf, bool? AllCommunesInScope);

/// <summary>The units a target resolved to, and those of them the assigner may not assign to.</summary>
public sealed record TargetResolution(IReadOnlyList<AdminUnit> Units, IReadOnlyList<AdminUnit> Forbidden);

/// <summary>
/// Fan-out: turns a <see cref="TaskTarget"/> into units. Every unit must lie strictly below the assigner's unit
/// (a unit does not assign tasks to itself or upwards); the ones that do not are returned as forbidden (403).
/// </summary>
public static class TaskTargets
{
    public static TargetResolution Resolve(TaskTarget target, AdminUnit assigner, AdminUnitDirectory directory, ValidationErrors errors)
    {
        var given = (target.Units is { Count: > 0 } ? 1 : 0)
            + (target.AllDistricts == true ? 1 : 0)
            + (string.IsNullOrWhiteSpace(target.AllCommunesOf) ? 0 : 1)
            + (target.AllCommunesInScope == true ? 1 : 0);
        if (given != 1)
        {
            errors.Add("target", "Chọn đúng một cách giao: units (danh sách đơn vị), allDistricts, allCommunesOf hoặc allCommunesInScope.");
            return new TargetResolution([], []);
        }

        List<AdminUnit> units;
        if (target.Units is { Count: > 0 } codes)
        {
            units = [];
            foreach (var code in codes.Select(c => c?.Trim() ?? string.Empty).Distinct(StringComparer.Ordinal))
            {
                if (directory.Find(code) is { } unit)
                {
                    units.Add(unit);
                }
                else
                {
                    errors.Add("units", $"Không có đơn vị hành chính mã {code} trong tỉnh.");
                }
            }
        }
        else if (target.AllDistricts == true)
        {
            units = directory.ChildrenOf(directory.Root.Code).Where(u => u.Level == AdminLevel.District).ToList();
        }
        else if (!string.IsNullOrWhiteSpace(target.AllCommunesOf))
        {
            var district = directory.Find(target.AllCommunesOf);
            if (district is not { Level: AdminLevel.District })
            {
                errors.Add("allCommunesOf", $"Mã {target.AllCommunesOf} không phải là một huyện, thị xã hoặc thành phố của tỉnh.");
                return new TargetResolution([], []);
            }

            units = directory.ChildrenOf(district.Code).Where(u => u.Level == AdminLevel.Commune).ToList();
        }
        else
        {
            units = directory.SubtreeOf(assigner.Code).Where(u => u.Level == AdminLevel.Commune).ToList();
        }

        var forbidden = units.Where(u => !IsStrictlyBelow(assigner, u)).ToList();
        return new TargetResolution(units.OrderBy(u => u.Path, StringComparer.Ordinal).ToList(), forbidden);
    }

    public static bool IsStrictlyBelow(AdminUnit assigner, AdminUnit unit) => unit.Path != assigner.Path && assigner.Contains(unit);
}
