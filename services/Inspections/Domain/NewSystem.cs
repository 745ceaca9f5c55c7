using Dakla06.Contracts.AdminUnits;
using Dakla06.ServiceDefaults.Http;

namespace Dakla06.Inspections.Domain;

/// <summary>A validated request to register an information system (whether its unit is in the caller's scope is the API's 403).</summary>
public sealed record NewSystem(string Name, string Kind, int SecurityLevel, AdminUnit OwnerUnit)
{
    public const int MaxNameLength = 300;

    /// <summary>Checks every field and reports each problem under its camelCase name; null when anything is wrong.</summary>
    public static NewSystem? TryCreate(string? name, string? ownerUnitCode, string? kind, int? securityLevel, ValidationErrors errors)
    {
        var trimmedName = Fields.Required(name, "name", "Tên hệ thống", MaxNameLength, errors);

        if (!SystemKinds.IsValid(kind?.Trim()))
        {
            errors.Add("kind", $"Loại hệ thống phải là một trong: {string.Join(", ", SystemKinds.All)}.");
        }

        if (securityLevel is not (>= 1 and <= 5))
        {
            errors.Add("securityLevel", "Cấp độ an toàn hệ thống thông tin là bắt buộc, từ 1 đến 5 (Nghị định 85/2016/NĐ-CP).");
        }

        var unit = Units.Known(ownerUnitCode, "ownerUnitCode", "Đơn vị chủ quản", errors);
        return errors.IsEmpty ? new NewSystem(trimmedName!, kind!.Trim(), securityLevel!.Value, unit!) : null;
    }
}

/// <summary>A validated manual finding (whether its responsible unit is in the caller's scope is the API's 403).</summary>
public sealed record NewFinding(string Title, string Description, string Severity, AdminUnit ResponsibleUnit, DateOnly? Deadline)
{
    public const int MaxDescriptionLength = 8000;

    public static NewFinding? TryCreate(
        string? title, string? description, string? severity, string? responsibleUnitCode, DateOnly? deadline,
        DateOnly today, ValidationErrors errors)
    {
        var trimmedTitle = Fields.Required(title, "title", "Tiêu đề phát hiện", ChecklistRules.MaxTitleLength, errors);
        var trimmedDescription = Fields.Required(description, "description", "Mô tả kỹ thuật", MaxDescriptionLength, errors);

        if (!Severities.IsValid(severity?.Trim()))
        {
            errors.Add("severity", $"Mức độ phải là một trong: {string.Join(", ", Severities.All)}.");
        }

        var unit = Units.Known(responsibleUnitCode, "responsibleUnitCode", "Đơn vị chịu trách nhiệm khắc phục", errors);

        if (deadline is { } due && due < today)
        {
            errors.Add("deadline", "Hạn khắc phục không được trước ngày hôm nay.");
        }

        return errors.IsEmpty ? new NewFinding(trimmedTitle!, trimmedDescription!, severity!.Trim(), unit!, deadline) : null;
    }
}

/// <summary>Shared field checks.</summary>
public static class Fields
{
    /// <summary>A required free-text field, trimmed; null (with the error added under <paramref name="field"/>) when empty or too long.</summary>
    public static string? Required(string? value, string field, string label, int maxLength, ValidationErrors errors)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            errors.Add(field, $"{label} là bắt buộc.");
            return null;
        }

        if (text.Length > maxLength)
        {
            errors.Add(field, $"{label} tối đa {maxLength} ký tự.");
            return null;
        }

        return text;
    }

    /// <summary>An optional free-text field, trimmed (null when blank); adds an error when too long.</summary>
    public static string? Optional(string? value, string field, string label, int maxLength, ValidationErrors errors)
    {
        var text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (text is { Length: var length } && length > maxLength)
        {
            errors.Add(field, $"{label} tối đa {maxLength} ký tự.");
        }

        return text;
    }
}

public static class Units
{
    /// <summary>
    /// A unit of the province; null (with the error under <paramref name="field"/>) when missing or unknown. A known unit
    /// outside the caller's scope is not bad input but a write outside the scope: the API answers 403.
    /// </summary>
    public static AdminUnit? Known(string? code, string field, string label, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            errors.Add(field, $"{label} là bắt buộc.");
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
