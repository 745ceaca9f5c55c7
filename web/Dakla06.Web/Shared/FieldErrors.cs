using Dakla06.Contracts.Http;

namespace Dakla06.Web.Shared;

/// <summary>A form's messages keyed by camelCase field, as the API names them; the rest are general messages.</summary>
public sealed class FieldErrors
{
    private Dictionary<string, string[]> _errors = new(StringComparer.OrdinalIgnoreCase);

    public bool Any => _errors.Count > 0;

    public void Clear() => _errors.Clear();

    public void Clear(string field) => _errors.Remove(field);

    public void Set(string field, string message) => _errors[field] = [message];

    /// <summary>What a failed command answered: its field errors, or its message as a general one.</summary>
    public void Set(ServiceApiException exception) =>
        _errors = exception.FieldErrors.Count > 0
            ? new Dictionary<string, string[]>(exception.FieldErrors, StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase) { [ServiceApiException.GeneralErrorKey] = [exception.Message] };

    public void SetAll(IReadOnlyDictionary<string, string[]> errors) =>
        _errors = new Dictionary<string, string[]>(errors, StringComparer.OrdinalIgnoreCase);

    public bool Has(string field) => _errors.ContainsKey(field);

    public string? Text(string field) => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    /// <summary>Messages for fields the form does not show (or for none, like a refused transition).</summary>
    public IReadOnlyList<string> GeneralExcept(params string[] fields) =>
        _errors.Where(e => !fields.Contains(e.Key, StringComparer.OrdinalIgnoreCase)).SelectMany(e => e.Value).ToList();

    /// <summary>True when none of the messages belongs to one of <paramref name="fields"/> (the form cannot show them by its fields).</summary>
    public static bool IsGeneralOnly(ServiceApiException exception, params string[] fields) => IsGeneralOnly(exception.FieldErrors, fields);

    /// <summary>True when none of <paramref name="errors"/> belongs to one of <paramref name="fields"/>.</summary>
    public static bool IsGeneralOnly(IReadOnlyDictionary<string, string[]> errors, params string[] fields) =>
        errors.Keys.All(k => !fields.Contains(k, StringComparer.OrdinalIgnoreCase));
}
