namespace Dakla06.Inspections.Domain;

/// <summary>Inspection targets: an information system or an endpoint device.</summary>
public static class TargetTypes
{
    public const string System = "system";
    public const string Device = "device";

    public static IReadOnlyList<string> All { get; } = [System, Device];

    public static bool IsValid(string? value) => value is System or Device;
}

/// <summary>Kinds of information system (Decree 85/2016 classification is the security level, not the kind).</summary>
public static class SystemKinds
{
    public static IReadOnlyList<string> All { get; } = ["integration-platform", "one-stop-dossier", "data-centre", "application", "other"];

    public static bool IsValid(string? value) => value is not null && All.Contains(value);
}

/// <summary>An inspection's states: <c>planned → in_progress → completed</c>.</summary>
public static class InspectionStatuses
{
    public const string Planned = "planned";
    public const string InProgress = "in_progress";
    public const string Completed = "completed";

    public static IReadOnlyList<string> All { get; } = [Planned, InProgress, Completed];

    public static bool IsValid(string? value) => value is Planned or InProgress or Completed;

    public static string Vietnamese(string status) => status switch
    {
        Planned => "Kế hoạch",
        InProgress => "Đang kiểm tra",
        Completed => "Đã hoàn thành",
        _ => status,
    };
}

/// <summary>The result of one checklist item.</summary>
public static class ItemResults
{
    public const string Pass = "pass";
    public const string Fail = "fail";
    public const string NotApplicable = "not_applicable";

    public static IReadOnlyList<string> All { get; } = [Pass, Fail, NotApplicable];

    public static bool IsValid(string? value) => value is Pass or Fail or NotApplicable;
}

/// <summary>Severities of findings, most severe first.</summary>
public static class Severities
{
    public const string Critical = "critical";
    public const string High = "high";
    public const string Medium = "medium";
    public const string Low = "low";

    public static IReadOnlyList<string> All { get; } = [Critical, High, Medium, Low];

    public static bool IsValid(string? value) => value is Critical or High or Medium or Low;

    /// <summary>Severities that keep a system from being cleared while unresolved.</summary>
    public static bool BlocksReadiness(string severity) => severity is Critical or High;
}
