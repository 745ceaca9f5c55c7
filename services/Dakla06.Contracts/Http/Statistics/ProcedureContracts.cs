namespace Dakla06.Contracts.Http.Statistics;

/// <summary>
/// One administrative procedure (TTHC) at one online level from <c>effectiveFrom</c> on. <c>administrativeLevel</c> is
/// <c>tinh|huyen|xa</c>; <c>onlineLevel</c> <c>1..4</c> (levels of 2022) or <c>toan_trinh|mot_phan|khong</c> (Decree
/// 42/2022, from 2023); <c>essentialService</c> the number 1–25 of the essential public services, or null.
/// </summary>
public sealed record ProcedureDto(
    string Code,
    string Name,
    string AdministrativeLevel,
    string Sector,
    string OnlineLevel,
    DateOnly EffectiveFrom,
    int? EssentialService,
    bool HasFee);

/// <summary>Filters of the procedure list; all optional. <c>q</c> searches code and name; <c>asOf</c> keeps the level in force that day.</summary>
public sealed record ProcedureQuery(string? Q = null, string? AdministrativeLevel = null, string? OnlineLevel = null, DateOnly? AsOf = null);

/// <summary>Why an imported line was rejected: its line number, the field (the file's column) and a Vietnamese message.</summary>
public sealed record ImportErrorDto(long Line, string Field, string Message);

/// <summary>What a catalogue import saved (upserted by code and effective date) and which lines it rejected.</summary>
public sealed record ProcedureImportResponse(int Inserted, int Updated, int Unchanged, int Rejected, IReadOnlyList<ImportErrorDto> Errors);
