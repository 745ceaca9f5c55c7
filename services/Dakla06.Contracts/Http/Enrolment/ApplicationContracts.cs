namespace Dakla06.Contracts.Http.Enrolment;

/// <summary>
/// One citizen-ID application with its card's progress. The applicant's ID number, name and birth date are masked
/// (<c>066******123</c>, <c>N***** V** A*</c>, <c>**/**/1990</c>) unless the caller is a <c>pii-reader</c>, whose read is
/// audit-logged. <c>dateOfBirth</c> is <c>dd/MM/yyyy</c> text so that it can carry the mask.
/// </summary>
public sealed record ApplicationDto(
    string Code,
    string IdNumber,
    string FullName,
    string DateOfBirth,
    string Gender,
    string CommuneCode,
    string CommuneName,
    DateOnly ReceivedOn,
    string Channel,
    string Kind,
    bool WithEidLevel2,
    DateOnly? CardReceivedOn,
    DateOnly? CardHandedOverOn,
    bool Masked);
