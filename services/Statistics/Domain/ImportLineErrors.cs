namespace Dakla06.Statistics.Domain;

/// <summary>Why a line of an import file was rejected: its line, the column (as the file names it) and a Vietnamese message.</summary>
public sealed record ImportLineError(long Line, string Field, string Message);

/// <summary>The problems of one line while it is checked; the line is stored only when there are none.</summary>
public sealed class LineProblems(long line)
{
    private readonly List<ImportLineError> _errors = [];

    public long Line { get; } = line;

    public bool Any => _errors.Count > 0;

    public IReadOnlyList<ImportLineError> Errors => _errors;

    public void Add(string field, string message) => _errors.Add(new ImportLineError(Line, field, message));

    /// <summary>The value of a required column, or an error when it is empty.</summary>
    public string Required(string field, string value, string label)
    {
        if (value.Length == 0)
        {
            Add(field, $"{label} là bắt buộc.");
        }

        return value;
    }

    /// <summary>A value that must be one of <paramref name="allowed"/>.</summary>
    public string OneOf(string field, string value, IReadOnlyList<string> allowed, string label)
    {
        if (!allowed.Contains(value))
        {
            Add(field, value.Length == 0
                ? $"{label} là bắt buộc ({Vocabulary.OneOf(allowed)})."
                : $"{label} \"{value}\" không hợp lệ; phải là một trong: {Vocabulary.OneOf(allowed)}.");
        }

        return value;
    }

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

        if (Vocabulary.TryParseDate(value, out var date))
        {
            return date;
        }

        Add(field, $"{label} \"{value}\" không phải ngày dạng yyyy-MM-dd hoặc dd/MM/yyyy.");
        return null;
    }

    public bool Flag(string field, string value, string label)
    {
        if (!Vocabulary.TryParseFlag(value, out var flag))
        {
            Add(field, $"{label} phải là 0 hoặc 1.");
        }

        return flag;
    }
}
