namespace Dakla06.ServiceDefaults.Targets;

/// <summary>An indicator a target may be set on: its code, its Vietnamese name, and whether it is a share (percent, at most 100).</summary>
public sealed record TargetIndicator(string Code, string Name, bool IsShare);

/// <summary>The indicators of a service on which targets may be set (statistics' service indicators, enrolment's funnel figures).</summary>
public sealed class TargetIndicatorCatalogue(IEnumerable<TargetIndicator> indicators)
{
    private readonly Dictionary<string, TargetIndicator> _byCode = indicators.ToDictionary(i => i.Code, StringComparer.Ordinal);

    public IReadOnlyCollection<string> Codes => _byCode.Keys;

    /// <summary>The indicator with the code, or null when there is none.</summary>
    public TargetIndicator? Describe(string? code) => code is not null && _byCode.TryGetValue(code, out var indicator) ? indicator : null;

    /// <summary>The indicator's name (the code itself for one no longer offered).</summary>
    public string NameOf(string code) => Describe(code)?.Name ?? code;
}
