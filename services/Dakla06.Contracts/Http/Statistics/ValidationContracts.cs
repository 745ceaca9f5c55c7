namespace Dakla06.Contracts.Http.Statistics;

/// <summary>What a finding of an import does to its line: an error refuses it, a warning keeps it and flags it for review.</summary>
public static class ValidationSeverities
{
    public const string Error = "error";
    public const string Warning = "warning";

    public static IReadOnlyList<string> All { get; } = [Error, Warning];
}

/// <summary>
/// A rule the dossier import applies: its code (named by each finding), a Vietnamese description that says why it has
/// its severity, whether it is applied, and whether an administrator may change it (rules on a line's format and on the
/// importer's scope may not).
/// </summary>
public sealed record ValidationRuleDto(string Code, string Description, string Severity, bool Enabled, bool Adjustable);

/// <summary>
/// A month in which a unit received unusually many dossiers: its count, the mean and sample standard deviation of the
/// unit's other months with dossiers in the asked period, and the z-score <c>(received − mean) / stddev</c>.
/// <c>month</c> is the first day of the month.
/// </summary>
public sealed record OutlierDto(string UnitCode, string UnitName, DateOnly Month, long Received, decimal Mean, decimal StdDev, decimal Z);

/// <summary>The outliers of a unit's subtree over [from, to], highest z first; each unit is compared with its own months only.</summary>
public sealed record OutliersResponse(string UnitCode, string UnitName, DateOnly From, DateOnly To, IReadOnlyList<OutlierDto> Outliers);
