using Dakla06.Contracts.AdminUnits;

namespace Dakla06.Web.Shared;

/// <summary>The name users read for a unit code (the code itself when no unit of the province has it).</summary>
public static class UnitNames
{
    public static string Of(string? code) => code is null ? string.Empty : AdminUnitDirectory.Default.NameOf(code);
}
