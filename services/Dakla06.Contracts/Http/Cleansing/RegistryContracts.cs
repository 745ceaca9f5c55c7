namespace Dakla06.Contracts.Http.Cleansing;

/// <summary>The reference registry's size and version (bumped by every import that changed it); no personal data.</summary>
public sealed record RegistryDto(long PersonCount, long Version, DateTimeOffset UpdatedAt);

/// <summary>A line of an import file that was not loaded: its line number (header = 1) and why (Vietnamese).</summary>
public sealed record RegistryRejectedLineDto(int Line, string Reason);

/// <summary>
/// What an import did: persons inserted, updated (a field changed), unchanged (same values again) and rejected, with
/// the registry's version and size after it. <c>rejectedLines</c> lists the first rejected lines; <c>rejected</c>
/// counts them all.
/// </summary>
public sealed record RegistryImportResponse(
    int Inserted,
    int Updated,
    int Unchanged,
    int Rejected,
    IReadOnlyList<RegistryRejectedLineDto> RejectedLines,
    long Version,
    long PersonCount);
