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

/// <summary>
/// A finding on an imported line: its line number, the field (the file's column), a Vietnamese message, its severity
/// (<see cref="ValidationSeverities"/>: an <c>error</c> refused the line, a <c>warning</c> kept it) and, for dossier
/// imports, the code of the validation rule (<c>GET /validation-rules</c>). Catalogue lines are only ever refused.
/// </summary>
public sealed record ImportErrorDto(long Line, string Field, string Message, string Severity = ValidationSeverities.Error, string? Rule = null);

/// <summary>What a catalogue import saved (upserted by code and effective date) and which lines it rejected.</summary>
public sealed record ProcedureImportResponse(int Inserted, int Updated, int Unchanged, int Rejected, IReadOnlyList<ImportErrorDto> Errors);
