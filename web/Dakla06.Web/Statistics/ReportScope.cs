using System.Globalization;
using Dakla06.Contracts.Http.Statistics;

namespace Dakla06.Web.Statistics;

/// <summary>
/// The unit and period a statistics page shows, kept in its address (<c>?unit=643&amp;from=2026-01-01&amp;to=2026-12-07</c>)
/// so that a click through to a child unit, a bookmark or the back button shows the same figures.
/// </summary>
public sealed record ReportScope(string? Unit, DateOnly From, DateOnly To)
{
    private const string DateFormat = "yyyy-MM-dd";

    /// <summary>The scope a page's query asks for; what is missing or unreadable is this year up to today (and the caller's unit).</summary>
    public static ReportScope Parse(string? unit, string? from, string? to, DateOnly today)
    {
        var start = ParseDate(from) ?? new DateOnly(today.Year, 1, 1);
        var end = ParseDate(to) ?? today;
        return end < start ? new ReportScope(unit, new DateOnly(today.Year, 1, 1), today) : new ReportScope(unit, start, end);
    }

    /// <summary>The address of <paramref name="page"/> (relative to the base href) showing this scope.</summary>
    public string Href(string page)
    {
        var query = $"from={Format(From)}&to={Format(To)}";
        return Unit is null ? $"{page}?{query}" : $"{page}?unit={Uri.EscapeDataString(Unit)}&{query}";
    }

    public IndicatorQuery Indicators(string? by = null) => new(Unit, From, To, by);

    public PeriodQuery Period() => new(Unit, From, To);

    public static string Format(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
