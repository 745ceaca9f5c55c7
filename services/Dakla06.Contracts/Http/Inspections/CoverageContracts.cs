namespace Dakla06.Contracts.Http.Inspections;

/// <summary>
/// One unit's coverage (its whole subtree). <c>coveragePercent</c> = targets (systems + devices) inspected in the last
/// 12 months ÷ registered, 0–100 with one decimal, 0 when nothing is registered.
/// </summary>
public sealed record CoverageRowDto(
    string UnitCode,
    string UnitName,
    long Systems,
    long SystemsInspected,
    long Devices,
    long DevicesInspected,
    double CoveragePercent,
    long OpenCritical,
    long OpenHigh,
    long OpenMedium,
    long OpenLow,
    long Overdue);

/// <summary>The coverage table: a row per direct child unit of <c>unitCode</c> (none for a commune) and the unit's total.</summary>
public sealed record CoverageDto(string UnitCode, string UnitName, IReadOnlyList<CoverageRowDto> Rows, CoverageRowDto Total);
