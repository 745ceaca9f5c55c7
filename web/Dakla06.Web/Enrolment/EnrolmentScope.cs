using System.Globalization;
using Dakla06.Contracts.Http.Enrolment;

namespace Dakla06.Web.Enrolment;

/// <summary>
/// The unit and the day an enrolment page shows, kept in its address (<c>?unit=24136&amp;asOf=2026-12-07</c>) so that a
/// click through to a child unit, a bookmark or the back button shows the same figures.
/// </summary>
public sealed record EnrolmentScope(string? Unit, DateOnly AsOf)
{
    private const string DateFormat = "yyyy-MM-dd";

    /// <summary>The scope a page's query asks for; a missing, unreadable or future day is today (and a missing unit the caller's).</summary>
    public static EnrolmentScope Parse(string? unit, string? asOf, DateOnly today) =>
        DateOnly.TryParseExact(asOf, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day <= today
            ? new EnrolmentScope(unit, day)
            : new EnrolmentScope(unit, today);

    /// <summary>The address of <paramref name="page"/> (relative to the base href) showing this scope.</summary>
    public string Href(string page)
    {
        var query = $"asOf={AsOf.ToString(DateFormat, CultureInfo.InvariantCulture)}";
        return Unit is null ? $"{page}?{query}" : $"{page}?unit={Uri.EscapeDataString(Unit)}&{query}";
    }

    public FunnelQuery Funnel(string? by = null) => new(Unit, AsOf, by);

    /// <summary>Stage times are not by day (the service keeps them as a histogram of every completed stage): only the unit.</summary>
    public StageTimesQuery StageTimes() => new(Unit);
}
