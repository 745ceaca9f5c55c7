using Dakla06.Contracts.AdminUnits;

namespace Dakla06.Statistics.Data;

/// <summary>
/// The unit codes of a subtree, for reads of <c>dossier_counts</c>: its primary key starts with the unit code, so
/// <c>unit_code = ANY(@units)</c> reads only the subtree's rows through it (a commune's year: a few ms instead of a scan
/// of every row; the path conditions stay, they carry the caller's scope). 0006 dropped the GiST index on the path,
/// which the planner never chose for these reads.
/// </summary>
public static class Subtree
{
    /// <summary>The codes of the unit at <paramref name="unitPath"/> (its last label) and of every unit below it.</summary>
    public static string[] Codes(string unitPath) =>
        [.. AdminUnitDirectory.Default.SubtreeOf(unitPath[(unitPath.LastIndexOf('.') + 1)..]).Select(u => u.Code)];
}
