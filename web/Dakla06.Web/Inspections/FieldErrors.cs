using Dakla06.Web.Directives;

namespace Dakla06.Web.Inspections;

/// <summary>A form's messages keyed by camelCase field, as the API names them; the rest are general messages.</summary>
public sealed class FieldErrors
{
    private Dictionary<string, string[]> _errors = new(StringComparer.OrdinalIgnoreCase);

    public bool Any => _errors.Count > 0;

    public void Clear() => _errors.Clear();

    public void Clear(string field) => _errors.Remove(field);

    public void Set(string field, string message) => _errors[field] = [message];

    public void SetAll(IReadOnlyDictionary<string, string[]> errors) =>
        _errors = new Dictionary<string, string[]>(errors, StringComparer.OrdinalIgnoreCase);

    public bool Has(string field) => _errors.ContainsKey(field);

    public string? Text(string field) => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    /// <summary>Messages for fields the form does not show (or for none, like a refused transition).</summary>
    public IReadOnlyList<string> GeneralExcept(params string[] fields) =>
        _errors.Where(e => !fields.Contains(e.Key, StringComparer.OrdinalIgnoreCase)).SelectMany(e => e.Value).ToList();

    public static bool IsGeneralOnly<T>(ApiResult<T> result, params string[] fields)
        where T : class => result.Errors.Keys.All(k => !fields.Contains(k, StringComparer.OrdinalIgnoreCase));
}
