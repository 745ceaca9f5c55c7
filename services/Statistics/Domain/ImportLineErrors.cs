using Dakla06.Contracts.Http.Statistics;

namespace Dakla06.Statistics.Domain;

/// <summary>
/// A finding on a line of an import file: its line, the column (as the file names it), a Vietnamese message, the rule
/// (dossier imports; null for the catalogue) and its severity (<see cref="ValidationSeverities"/>).
/// </summary>
public sealed record ImportLineError(long Line, string Field, string Message, string? Rule = null, string Severity = ValidationSeverities.Error)
{
    public bool IsError => Severity == ValidationSeverities.Error;
}

/// <summary>
/// The findings of one line while it is checked; the line is stored only when none of them is an error. With
/// <paramref name="rules"/> (a dossier import) each finding carries its rule and the severity the rules give it, and a
/// disabled rule records nothing; without (the catalogue) every finding is an error.
/// </summary>
public sealed class LineProblems(long line, ValidationRules? rules = null)
{
    private readonly List<ImportLineError> _findings = [];

    public long Line { get; } = line;

    /// <summary>Whether the line is refused: one of its findings is an error.</summary>
    public bool Rejects => _findings.Exists(f => f.IsError);

    public IReadOnlyList<ImportLineError> Findings => _findings;

    /// <summary>A value missing or not in its format.</summary>
    public void Add(string field, string message) => Add(field, message, ValidationRules.InvalidValue);

    public void Add(string field, string message, string rule)
    {
        if (rules is null)
        {
            _findings.Add(new ImportLineError(Line, field, message));
        }
        else if (rules.IsEnabled(rule))
        {
            _findings.Add(new ImportLineError(Line, field, message, rule, rules.SeverityOf(rule)));
        }
    }

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
