namespace Dakla06.Contracts.AdminUnits;

/// <summary>The three administrative levels a Project 06 user can belong to.</summary>
public enum AdminLevel
{
    Province = 1,
    District = 2,
    Commune = 3,
}

/// <summary>One administrative unit with its GSO code and its materialised path (ltree label path, e.g. <c>66.643.24136</c>).</summary>
public sealed record AdminUnit(string Code, string Name, AdminLevel Level, string? ParentCode, string Path)
{
    /// <summary>True when <paramref name="other"/> is this unit or lies below it.</summary>
    public bool Contains(AdminUnit other) =>
        other.Path == Path || other.Path.StartsWith(Path + ".", StringComparison.Ordinal);
}
