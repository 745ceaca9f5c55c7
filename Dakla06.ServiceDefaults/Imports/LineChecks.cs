using System.Globalization;

namespace Dakla06.ServiceDefaults.Imports;

/// <summary>
/// The problems of one line of an import file while it is read; the line is stored only when it has none. The value
/// readers record a Vietnamese reason naming the column and return what they could read.
/// </summary>
public sealed class LineChecks(long line)
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"];

    private readonly List<ImportLineError> _errors = [];

    public long Line { get; } = line;

    public bool Rejects => _errors.Count > 0;

    public IReadOnlyList<ImportLineError> Errors => _errors;

    public void Add(string field, string message) => _errors.Add(new ImportLineError(Line, field, message));

    /// <summary>The value, or an error when it is empty.</summary>
    public string Required(string field, string value, string label)
    {
        if (value.Length == 0)
        {
            Add(field, $"{label} là bắt buộc.");
        }

        return value;
    }

    /// <summary>The value, or an error when it is not one of <paramref name="allowed"/>.</summary>
    public string OneOf(string field, string value, IReadOnlyList<string> allowed, string label)
    {
        if (!allowed.Contains(value))
        {
            var choices = string.Join(", ", allowed);
            Add(field, value.Length == 0 ? $"{label} là bắt buộc ({choices})." : $"{label} \"{Shortened(value)}\" không hợp lệ; phải là một trong: {choices}.");
        }

        return value;
    }

    /// <summary>A date written <c>yyyy-MM-dd</c> or <c>dd/MM/yyyy</c>; null (and an error unless optional) when empty or unreadable.</summary>
    public DateOnly? Date(string field, string value, string label, bool required = true)
    {
        if (value.Length == 0)
        {
            if (required)
            {
                Add(field, $"{label} là bắt buộc.");
            }

            return null;
        }

        if (DateOnly.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        // The value is not echoed: it may be a birth date (personal data in an error list read by every official in scope).
        Add(field, $"{label} không phải ngày dạng yyyy-MM-dd hoặc dd/MM/yyyy.");
        return null;
    }

    /// <summary>A flag written <c>0</c> or <c>1</c>.</summary>
    public bool Flag(string field, string value, string label)
    {
        if (value is not ("0" or "1"))
        {
            Add(field, $"{label} phải là 0 hoặc 1.");
        }

        return value == "1";
    }

    /// <summary>A value echoed in a reason, cut so that a huge cell does not make a huge error row.</summary>
    public static string Shortened(string value) => value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 40), "…");
}
