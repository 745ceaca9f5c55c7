namespace Dakla06.People;

/// <summary>One citizen of the reference registry, as the validation engine sees it.</summary>
public readonly record struct RegistryPerson(
    string IdNumber,
    string FullName,
    DateOnly DateOfBirth,
    Gender Gender,
    string CommuneCode,
    string HouseholdId,
    bool IsHouseholdHead,
    string? OldIdNumber,
    bool Deceased);
