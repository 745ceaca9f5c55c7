using Dakla06.Contracts.AdminUnits;
using Dakla06.ServiceDefaults.Http;

namespace Dakla06.Directives.Domain;

/// <summary>Task priorities: stored/API names and Vietnamese labels.</summary>
public static class TaskPriorities
{
    public static IReadOnlyDictionary<string, string> Vietnamese { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["low"] = "Thấp",
        ["normal"] = "Bình thường",
        ["high"] = "Cao",
        ["urgent"] = "Khẩn",
    };

    public static string? Find(string? priority) =>
        priority?.Trim().ToLowerInvariant() is { } p && Vietnamese.ContainsKey(p) ? p : null;
}

/// <summary>A validated request to assign a task to one or more units (one task per unit).</summary>
public sealed record NewTask(string Title, string Description, string ExpectedOutput, DateOnly DueOn, string Priority, IReadOnlyList<AdminUnit> Assignees)
{
    public const int MaxTitleLength = 500;
    public const int MaxDescriptionLength = 4000;
    public const int MaxExpectedOutputLength = 1000;

    /// <summary>Deadlines before this are refused; past deadlines are allowed so 2022 work can be recorded afterwards.</summary>
    public static readonly DateOnly EarliestDueOn = new(2000, 1, 1);

    /// <summary>
    /// Checks the fields (400 errors under their camelCase names) and the target (<see cref="TaskTargets"/>).
    /// Returns the task, or null with <paramref name="errors"/> filled or <paramref name="forbiddenUnits"/> set (403).
    /// </summary>
    public static NewTask? TryCreate(
        string? title, string? description, string? expectedOutput, DateOnly? dueOn, string? priority, TaskTarget target,
        AdminUnit assigner, AdminUnitDirectory units, ValidationErrors errors, out IReadOnlyList<AdminUnit> forbiddenUnits)
    {
        forbiddenUnits = [];
        var trimmedTitle = title?.Trim();
        if (string.IsNullOrEmpty(trimmedTitle))
        {
            errors.Add("title", "Tên nhiệm vụ là bắt buộc.");
        }
        else if (trimmedTitle.Length > MaxTitleLength)
        {
            errors.Add("title", $"Tên nhiệm vụ tối đa {MaxTitleLength} ký tự.");
        }

        var trimmedDescription = description?.Trim() ?? string.Empty;
        if (trimmedDescription.Length > MaxDescriptionLength)
        {
            errors.Add("description", $"Nội dung nhiệm vụ tối đa {MaxDescriptionLength} ký tự.");
        }

        var trimmedOutput = expectedOutput?.Trim() ?? string.Empty;
        if (trimmedOutput.Length > MaxExpectedOutputLength)
        {
            errors.Add("expectedOutput", $"Sản phẩm đầu ra tối đa {MaxExpectedOutputLength} ký tự.");
        }

        if (dueOn is null)
        {
            errors.Add("dueOn", "Hạn xử lý là bắt buộc (yyyy-MM-dd).");
        }
        else if (dueOn < EarliestDueOn)
        {
            errors.Add("dueOn", "Hạn xử lý không được trước 01/01/2000.");
        }

        var normalizedPriority = priority is null ? "normal" : TaskPriorities.Find(priority);
        if (normalizedPriority is null)
        {
            errors.Add("priority", $"Mức độ ưu tiên phải là một trong: {string.Join(", ", TaskPriorities.Vietnamese.Keys)}.");
        }

        var resolution = TaskTargets.Resolve(target, assigner, units, errors);
        if (!errors.IsEmpty)
        {
            return null;
        }

        if (resolution.Forbidden.Count > 0)
        {
            forbiddenUnits = resolution.Forbidden;
            return null;
        }

        return new NewTask(trimmedTitle!, trimmedDescription, trimmedOutput, dueOn!.Value, normalizedPriority!, resolution.Units);
    }
}
