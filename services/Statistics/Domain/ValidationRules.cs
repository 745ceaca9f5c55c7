using Dakla06.Contracts.Http.Statistics;

namespace Dakla06.Statistics.Domain;

/// <summary>A validation rule as stored in <c>validation_rules</c> (seeded by migration 0004).</summary>
public sealed record ValidationRule(string Code, string Description, string Severity, bool Enabled, bool Adjustable);

/// <summary>
/// The rules a dossier import applies, as stored when its job started: whether each is applied and with which severity.
/// A code the table does not know is applied as an error (a finding is never silently dropped).
/// </summary>
public sealed class ValidationRules(IEnumerable<ValidationRule> rules)
{
    // Rules on the format and the scope of a line: never adjustable (see the migration).
    public const string InvalidValue = "invalid_value";
    public const string UnitOutsideScope = "unit_outside_scope";
    public const string DossierOfOtherUnit = "dossier_of_other_unit";
    public const string DuplicateInFile = "duplicate_in_file";
    public const string StatusEndDateMismatch = "status_end_date_mismatch";

    // Data rules.
    public const string UnknownProcedure = "unknown_procedure";
    public const string DueBeforeReceived = "due_before_received";
    public const string FinishedBeforeReceived = "finished_before_received";
    public const string PaidOnlineWithoutFee = "paid_online_without_fee";
    public const string OnlineWithoutOnlineLevel = "online_without_online_level";
    public const string LevelMismatch = "level_mismatch";

    private readonly Dictionary<string, ValidationRule> _byCode = rules.ToDictionary(r => r.Code, StringComparer.Ordinal);

    public bool IsEnabled(string code) => !_byCode.TryGetValue(code, out var rule) || rule.Enabled;

    public string SeverityOf(string code) => _byCode.TryGetValue(code, out var rule) ? rule.Severity : ValidationSeverities.Error;
}
