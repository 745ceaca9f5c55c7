namespace Dakla06.Contracts.Http.Statistics;

/// <summary>Query of the catalogue summary and of the essential services: a unit's subtree over [from, to].</summary>
public sealed record PeriodQuery(string? Unit, DateOnly? From, DateOnly? To);

/// <summary>How many procedures of the catalogue (as of <c>to</c>) are carried out at one level of government at one online level.</summary>
public sealed record CatalogueCountDto(string AdministrativeLevel, string OnlineLevel, int Procedures);

/// <summary>
/// One online level: the procedures offered at it on some day of the period (one whose level changed counts under each),
/// those with dossiers received in the period in the unit's subtree (a dossier counts at the level its procedure had on
/// the day it was received, so these are a part of the former) and, of those, the ones
/// with online dossiers; shares in percent (two decimals), null when their denominator is 0.
/// </summary>
public sealed record OnlineLevelUseDto(
    string OnlineLevel, int Procedures, int WithDossiers, decimal? WithDossiersShare, int WithOnlineDossiers, decimal? WithOnlineDossiersShare);

public sealed record ProcedureSummaryResponse(
    string UnitCode, string UnitName, DateOnly From, DateOnly To, IReadOnlyList<CatalogueCountDto> Catalogue, IReadOnlyList<OnlineLevelUseDto> Levels);

/// <summary>
/// One of the 25 essential public services with what was counted for it in the period (dossiers of its procedures plus
/// approved reported values whose period lies within it) and what it counts (<c>hồ sơ</c> or <c>trường hợp</c>).
/// </summary>
public sealed record EssentialServiceDto(int Number, string Name, string Group, string Sector, long Count, string CountUnit, int Procedures);

public sealed record EssentialServicesResponse(string UnitCode, string UnitName, DateOnly From, DateOnly To, IReadOnlyList<EssentialServiceDto> Services);
