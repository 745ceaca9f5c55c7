using Dakla06.Contracts.AdminUnits;

namespace Dakla06.ServiceDefaults.Security;

/// <summary>
/// The part of the province a caller may work on: their unit and everything below it. Every query filters with
/// <see cref="SqlCondition"/> and binds <see cref="Path"/> as <c>@scope</c>, so scoping happens in SQL.
/// </summary>
public sealed class UnitScope(AdminUnit unit)
{
    /// <summary>The Dapper parameter name the SQL fragments use.</summary>
    public const string Parameter = "scope";

    public AdminUnit Unit { get; } = unit;

    /// <summary>The caller's unit as an ltree path, e.g. <c>66.643</c>.</summary>
    public string Path => Unit.Path;

    /// <summary>True when the unit is the caller's unit or below it.</summary>
    public bool IsInScope(string? unitCode) =>
        AdminUnitDirectory.Default.Find(unitCode) is { } other && Unit.Contains(other);

    /// <summary>True when the unit is in scope or is one of the caller's ancestors (e.g. the province for a commune).</summary>
    public bool IsInScopeOrAbove(string? unitCode) =>
        AdminUnitDirectory.Default.Find(unitCode) is { } other && (Unit.Contains(other) || other.Contains(Unit));

    /// <summary><c>{column} &lt;@ @scope::ltree</c>: the row's unit is the caller's or below it (GiST-indexable).</summary>
    public static string SqlCondition(string column = "unit_path") => $"{column} <@ @{Parameter}::ltree";

    /// <summary>The row's unit is in scope or above the caller (documents from higher levels are visible).</summary>
    public static string SqlConditionInScopeOrAbove(string column = "unit_path") =>
        $"({column} <@ @{Parameter}::ltree OR {column} @> @{Parameter}::ltree)";
}
