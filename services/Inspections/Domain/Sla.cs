namespace Dakla06.Inspections.Domain;

/// <summary>
/// Remediation deadlines per severity in days (<c>Inspections:Sla:{Critical,High,Medium,Low}</c>); a finding without an
/// explicit deadline is due on the Vietnam date it was raised plus its severity's days.
/// </summary>
public sealed class SlaOptions
{
    public const string Section = "Inspections:Sla";

    public int Critical { get; set; } = 7;

    public int High { get; set; } = 30;

    public int Medium { get; set; } = 60;

    public int Low { get; set; } = 90;

    public int DaysFor(string severity) => severity switch
    {
        Severities.Critical => Critical,
        Severities.High => High,
        Severities.Medium => Medium,
        Severities.Low => Low,
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "Unknown severity."),
    };

    /// <summary>The deadline of a finding of <paramref name="severity"/> raised on <paramref name="raisedOn"/> (Vietnam date).</summary>
    public DateOnly Deadline(string severity, DateOnly raisedOn) => raisedOn.AddDays(DaysFor(severity));

    /// <summary>Names each setting that is not a positive number of days (checked at start-up).</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var (name, days) in new[] { ("Critical", Critical), ("High", High), ("Medium", Medium), ("Low", Low) })
        {
            if (days < 1)
            {
                yield return $"{Section}:{name} must be at least 1 day (is {days}).";
            }
        }
    }
}
