using Dakla06.People;

namespace Dakla06.Cleansing.Domain;

/// <summary>
/// A registry person suggested for a record that did not match: <see cref="Score"/> 0–100, a Vietnamese
/// <see cref="Reason"/> ("Trùng họ tên (bỏ dấu), ngày sinh đảo ngày/tháng, cùng xã"), and <see cref="Confident"/>
/// when it is the only candidate scoring at least <see cref="Suggestion.ConfidentScore"/>.
/// </summary>
public sealed record Suggestion(
    string IdNumber,
    string FullName,
    DateOnly DateOfBirth,
    Gender Gender,
    string CommuneCode,
    int Score,
    string Reason,
    bool Confident,
    bool Deceased = false)
{
    public const int ConfidentScore = 85;
    public const int MaxSuggestions = 3;
}

/// <summary>
/// The verdict on one record: exactly one <see cref="Class"/> (<see cref="RecordClasses"/>), the disagreeing fields
/// for <c>info_mismatch</c> (<see cref="RecordFields"/>), the registry person's ID number when the record's ID was
/// found, up to three suggestions, and for unreadable/malformed records the Vietnamese reason.
/// </summary>
public sealed record RecordResult(
    string Class,
    IReadOnlyList<string> MismatchedFields,
    string? MatchedIdNumber,
    IReadOnlyList<Suggestion> Suggestions,
    string? Reason = null)
{
    public Suggestion? BestSuggestion => Suggestions.Count > 0 ? Suggestions[0] : null;

    public bool IsMatched => Class == RecordClasses.Matched;
}
