using Dakla06.Contracts.AdminUnits;
using Dakla06.ServiceDefaults.Http;

namespace Dakla06.Inspections.Domain;

/// <summary>A validated endpoint device to register (one by one or from an import file).</summary>
public sealed record NewDevice(string AssetTag, AdminUnit Unit, string Purpose, string Description)
{
    public const int MaxAssetTagLength = 50;
    public const int MaxPurposeLength = 300;
    public const int MaxDescriptionLength = 2000;

    /// <summary>
    /// Checks every field and reports each problem under its camelCase name; null when anything is wrong. The asset tag
    /// is trimmed and upper-cased: it is the device's key (imports upsert by it), so "ca-643-lt-001" and
    /// "CA-643-LT-001" must be the same device. Whether the unit is in the caller's scope is the caller's check.
    /// </summary>
    public static NewDevice? TryCreate(string? assetTag, string? unitCode, string? purpose, string? description, ValidationErrors errors)
    {
        var tag = NormalizeAssetTag(assetTag);
        if (tag.Length == 0)
        {
            errors.Add("assetTag", "Mã tài sản là bắt buộc.");
        }
        else if (tag.Length > MaxAssetTagLength)
        {
            errors.Add("assetTag", $"Mã tài sản tối đa {MaxAssetTagLength} ký tự.");
        }
        else if (!tag.All(IsAssetTagChar))
        {
            errors.Add("assetTag", "Mã tài sản chỉ gồm chữ cái không dấu, chữ số và các ký tự - _ . /");
        }

        var unit = AdminUnitDirectory.Default.Find(unitCode);
        if (unit is null)
        {
            errors.Add("unitCode", string.IsNullOrWhiteSpace(unitCode)
                ? "Mã đơn vị là bắt buộc."
                : $"Không có đơn vị hành chính mã {unitCode.Trim()} trong tỉnh.");
        }

        var trimmedPurpose = purpose?.Trim() ?? string.Empty;
        if (trimmedPurpose.Length == 0)
        {
            errors.Add("purpose", "Mục đích sử dụng là bắt buộc.");
        }
        else if (trimmedPurpose.Length > MaxPurposeLength)
        {
            errors.Add("purpose", $"Mục đích sử dụng tối đa {MaxPurposeLength} ký tự.");
        }

        var trimmedDescription = description?.Trim() ?? string.Empty;
        if (trimmedDescription.Length > MaxDescriptionLength)
        {
            errors.Add("description", $"Mô tả tối đa {MaxDescriptionLength} ký tự.");
        }

        return errors.IsEmpty ? new NewDevice(tag, unit!, trimmedPurpose, trimmedDescription) : null;
    }

    public static string NormalizeAssetTag(string? assetTag) => assetTag?.Trim().ToUpperInvariant() ?? string.Empty;

    private static bool IsAssetTagChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/';
}
