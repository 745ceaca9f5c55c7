namespace Dakla06.Contracts.Http.Cleansing;

/// <summary>One person of a duplicate pair; ID number, name and date of birth masked unless the caller is a pii-reader.</summary>
public sealed record DuplicatePersonDto(string IdNumber, string? FullName, string? DateOfBirth, string? Gender, string? CommuneCode, string? CommuneName, string? HouseholdId);

/// <summary>Two registry persons that are likely one, with the score, why, and the review's decision (<see cref="DuplicateDecisions"/>, or <c>pending</c>).</summary>
public sealed record DuplicatePairDto(
    Guid Id,
    DuplicatePersonDto First,
    DuplicatePersonDto Second,
    int Score,
    string Reason,
    string Status,
    string? ReviewedBy,
    DateTimeOffset? ReviewedAt,
    DateTimeOffset FoundAt,
    bool Masked);

/// <summary>What a scan of the registry found: persons scanned, pairs in total and pairs new since the last scan.</summary>
public sealed record DuplicateScanDto(long Persons, int Pairs, int NewPairs);

/// <summary>Body of <c>POST /duplicates/{id}/review</c>: one of <see cref="DuplicateDecisions"/>.</summary>
public sealed record ReviewDuplicateRequest(string? Decision);

/// <summary>Filter of <c>GET /duplicates</c>: <c>pending</c> or a decision.</summary>
public sealed record DuplicateQuery(string? Status = null);

/// <summary>The wire names of a review's decision (also the pair's status once reviewed).</summary>
public static class DuplicateDecisions
{
    public const string SamePerson = "same-person";
    public const string DifferentPeople = "different-people";
}
