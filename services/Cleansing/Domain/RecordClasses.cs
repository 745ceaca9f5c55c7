using Dakla06.People;

namespace Dakla06.Cleansing.Domain;

/// <summary>The wire names of the record classes, in precedence order (the first that applies wins).</summary>
public static class RecordClasses
{
    public const string Unreadable = "unreadable";
    public const string MissingId = "missing_id";
    public const string MalformedId = "malformed_id";
    public const string DuplicateInBatch = "duplicate_in_batch";
    public const string NotFound = "not_found";
    public const string Deceased = "deceased";
    public const string InfoMismatch = "info_mismatch";
    public const string Matched = "matched";

    public static readonly IReadOnlyList<string> All =
        [Unreadable, MissingId, MalformedId, DuplicateInBatch, NotFound, Deceased, InfoMismatch, Matched];

    public static bool IsKnown(string? value) => value is not null && All.Contains(value);
}

/// <summary>The wire names of the fields an <c>info_mismatch</c> names.</summary>
public static class RecordFields
{
    public const string FullName = "full_name";
    public const string DateOfBirth = "date_of_birth";
    public const string Gender = "gender";
}
