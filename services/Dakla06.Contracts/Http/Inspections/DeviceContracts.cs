namespace Dakla06.Contracts.Http.Inspections;

/// <summary>
/// An endpoint device as the API returns it. <c>lastResult</c> is <c>pass</c> or <c>fail</c> (a critical checklist item
/// failed) for its latest completed inspection; both <c>last…</c> fields are null when it was never inspected.
/// </summary>
public sealed record DeviceDto(
    Guid Id,
    string AssetTag,
    string UnitCode,
    string UnitName,
    string Purpose,
    string Description,
    DateOnly? LastInspectedOn,
    string? LastResult);

/// <summary>Body of <c>POST /devices</c>; everything optional so that validation names what is missing.</summary>
public sealed record CreateDeviceRequest(string? AssetTag, string? UnitCode, string? Purpose, string? Description);

/// <summary>Why an imported line was rejected: its line number, the field (camelCase) and a Vietnamese message.</summary>
public sealed record DeviceImportErrorDto(int Line, string Field, string Message);

/// <summary>What an import saved and which lines it rejected (line number, field, reason).</summary>
public sealed record DeviceImportResponse(int Inserted, int Updated, int Rejected, IReadOnlyList<DeviceImportErrorDto> Errors);
