using Dakla06.Contracts.Http.Directives;

namespace Dakla06.Web.Directives;

/// <summary>What the task list's filter panel holds, as the user set it (dates as the pickers give them).</summary>
public sealed record TaskFilter(
    string Status = "",
    string AssigneeUnit = "",
    DateTime? DueAfter = null,
    DateTime? DueBefore = null,
    string? Text = null,
    bool OverdueOnly = false)
{
    public bool DateRangeInvalid => DueAfter is { } after && DueBefore is { } before && before < after;

    /// <summary>The API's query for one tab of the list (<paramref name="mine"/>: assigned, assignedByMe or all).</summary>
    public TaskQuery ToQuery(string? mine) => new(
        Status: Blank(Status),
        AssigneeUnit: Blank(AssigneeUnit),
        Overdue: OverdueOnly ? true : null,
        DueAfter: ToDate(DueAfter),
        DueBefore: ToDate(DueBefore),
        Q: Blank(Text),
        Mine: mine);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static DateOnly? ToDate(DateTime? date) => date is { } value ? DateOnly.FromDateTime(value) : null;
}
