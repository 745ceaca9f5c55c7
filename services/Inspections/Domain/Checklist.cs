namespace Dakla06.Inspections.Domain;

/// <summary>One item of a checklist template.</summary>
public sealed record ChecklistItem(int No, string Text, bool Critical, int Weight);

/// <summary>A recorded result of one item.</summary>
public sealed record ItemResult(int ItemNo, string Result, string? Note);

/// <summary>A finding that completing an inspection raises by itself for a failed critical item.</summary>
public sealed record AutoFinding(int ItemNo, string Title);

/// <summary>Pure rules on a checklist and an inspection's results.</summary>
public static class ChecklistRules
{
    public const int MaxTitleLength = 300;

    /// <summary>Weighted percentage of applicable items that passed (0–100, one decimal); null when nothing is applicable.</summary>
    public static decimal? Score(IReadOnlyList<ChecklistItem> items, IReadOnlyList<ItemResult> results)
    {
        var byNo = results.ToDictionary(r => r.ItemNo, r => r.Result);
        var applicable = items.Where(i => byNo.TryGetValue(i.No, out var r) && r is ItemResults.Pass or ItemResults.Fail).ToList();
        var total = applicable.Sum(i => i.Weight);
        if (total == 0)
        {
            return null;
        }

        var passed = applicable.Where(i => byNo[i.No] == ItemResults.Pass).Sum(i => i.Weight);
        return Math.Round(100m * passed / total, 1, MidpointRounding.AwayFromZero);
    }

    /// <summary>The items without a result (completing needs a result for every item).</summary>
    public static IReadOnlyList<int> Missing(IReadOnlyList<ChecklistItem> items, IReadOnlyList<ItemResult> results)
    {
        var recorded = results.Select(r => r.ItemNo).ToHashSet();
        return items.Where(i => !recorded.Contains(i.No)).Select(i => i.No).ToList();
    }

    public static bool HasFailedCriticalItem(IReadOnlyList<ChecklistItem> items, IReadOnlyList<ItemResult> results) =>
        AutoFindings(items, results).Count > 0;

    /// <summary>One critical finding per failed critical item, titled "Không đạt: {item text}".</summary>
    public static IReadOnlyList<AutoFinding> AutoFindings(IReadOnlyList<ChecklistItem> items, IReadOnlyList<ItemResult> results)
    {
        var failed = results.Where(r => r.Result == ItemResults.Fail).Select(r => r.ItemNo).ToHashSet();
        return items.Where(i => i.Critical && failed.Contains(i.No))
            .OrderBy(i => i.No)
            .Select(i => new AutoFinding(i.No, Truncate($"Không đạt: {i.Text}", MaxTitleLength)))
            .ToList();
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
