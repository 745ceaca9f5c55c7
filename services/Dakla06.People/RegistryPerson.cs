namespace Dakla06.People;

/// <summary>
/// One citizen of the reference registry, as the validation engine sees it; <see cref="Details"/> carries the optional
/// registry fields when an import file or the demo registry has them (null: none given).
/// </summary>
public readonly record struct RegistryPerson(
    string IdNumber,
    string FullName,
    DateOnly DateOfBirth,
    Gender Gender,
    string CommuneCode,
    string HouseholdId,
    bool IsHouseholdHead,
    string? OldIdNumber,
    bool Deceased,
    RegistryDetails? Details = null);
