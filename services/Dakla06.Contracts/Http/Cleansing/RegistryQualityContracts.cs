namespace Dakla06.Contracts.Http.Cleansing;

/// <summary>
/// The categories of registry-quality items (wire codes) with their default Vietnamese names. Rule categories are
/// found by the rules over the registry; list categories arrive as imported lists and their set and names are the
/// service's configuration (<c>GET /registry-quality/catalogue</c> answers the configured ones).
/// </summary>
public static class QualityCategories
{
    public const string HouseholdNoHead = "household_no_head";
    public const string HouseholdManyHeads = "household_many_heads";
    public const string MissingFields = "missing_fields";
    public const string OldIdMissing = "old_id_missing";
    public const string DuplicatePerson = "duplicate_person";

    public const string Absent = "absent";
    public const string RenouncedNationality = "renounced_nationality";
    public const string Wanted = "wanted";
    public const string JudgementEnforcement = "judgement_enforcement";
    public const string Prisoner = "prisoner";
    public const string ManagedSubject = "managed_subject";

    /// <summary>Categories the rules find, in report order.</summary>
    public static readonly IReadOnlyList<string> Rules = [HouseholdManyHeads, HouseholdNoHead, DuplicatePerson, OldIdMissing, MissingFields];

    /// <summary>The list categories shipped by default, in report order.</summary>
    public static readonly IReadOnlyList<string> DefaultLists = [Absent, RenouncedNationality, Wanted, JudgementEnforcement, Prisoner, ManagedSubject];

    /// <summary>Default Vietnamese names (the officials' own words in their reports).</summary>
    public static readonly IReadOnlyDictionary<string, string> DefaultNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [HouseholdManyHeads] = "Hộ có nhiều chủ hộ",
        [HouseholdNoHead] = "Hộ không có chủ hộ",
        [DuplicatePerson] = "Công dân trùng lặp",
        [OldIdMissing] = "Chưa có số CMND 9 số",
        [MissingFields] = "Thiếu trường thông tin bắt buộc",
        [Absent] = "Vắng mặt tại nơi cư trú",
        [RenouncedNationality] = "Thôi quốc tịch Việt Nam",
        [Wanted] = "Đối tượng truy nã",
        [JudgementEnforcement] = "Đang chấp hành án",
        [Prisoner] = "Phạm nhân",
        [ManagedSubject] = "Đối tượng quản lý hành chính",
    };
}

/// <summary>How an item was closed (wire codes) with their Vietnamese names.</summary>
public static class QualityOutcomes
{
    /// <summary>Closed by the data: the rule no longer fires after an import (nobody clicked).</summary>
    public const string Fixed = "fixed";

    /// <summary>The officer corrected the registry; for a rule item the next rule run confirms it or reopens the item.</summary>
    public const string Updated = "updated";

    /// <summary>"Không thể cập nhật": with a reason code and a note.</summary>
    public const string CannotUpdate = "cannot_update";

    /// <summary>Only for <see cref="QualityCategories.OldIdMissing"/>: the person never had a 9-digit ID.</summary>
    public const string MarkedNoOldId = "marked_no_old_id";

    public static readonly IReadOnlyList<string> All = [Fixed, Updated, CannotUpdate, MarkedNoOldId];

    /// <summary>Outcomes an officer may choose (<see cref="Fixed"/> only comes from the data).</summary>
    public static readonly IReadOnlyList<string> Chosen = [Updated, CannotUpdate, MarkedNoOldId];

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Fixed] = "Dữ liệu đã đúng (tự đóng)",
        [Updated] = "Đã cập nhật",
        [CannotUpdate] = "Không thể cập nhật",
        [MarkedNoOldId] = "Không có CMND 9 số",
    };
}

/// <summary>An item's state: <see cref="Open"/> or <see cref="Closed"/> (with an outcome).</summary>
public static class QualityItemStatuses
{
    public const string Open = "open";
    public const string Closed = "closed";

    public static readonly IReadOnlyList<string> All = [Open, Closed];
}

/// <summary>What an item's history line records.</summary>
public static class QualityItemActions
{
    public const string Opened = "opened";
    public const string Closed = "closed";
    public const string Reopened = "reopened";

    /// <summary>A rule run found an <see cref="QualityOutcomes.Updated"/> item's rule no longer firing: the update holds.</summary>
    public const string Confirmed = "confirmed";

    /// <summary>The same person arrived again on a list while the item was open (the note is the new line's).</summary>
    public const string Relisted = "relisted";
}

/// <summary>A category as configured: code, Vietnamese name, <c>rule</c> or <c>list</c>, and the outcomes its items accept.</summary>
public sealed record QualityCategoryDto(string Code, string Name, string Source, IReadOnlyList<string> Outcomes);

/// <summary>A code with its Vietnamese name (outcomes, reasons of "không thể cập nhật", mandatory fields).</summary>
public sealed record QualityNamedCodeDto(string Code, string Name);

/// <summary>
/// The configured catalogue: categories, outcomes, the reason codes of <see cref="QualityOutcomes.CannotUpdate"/>, the
/// registry fields that are mandatory for <see cref="QualityCategories.MissingFields"/>, and the rule for
/// <see cref="QualityCategories.OldIdMissing"/> in words.
/// </summary>
public sealed record QualityCatalogueDto(
    IReadOnlyList<QualityCategoryDto> Categories,
    IReadOnlyList<QualityNamedCodeDto> Outcomes,
    IReadOnlyList<QualityNamedCodeDto> CannotUpdateReasons,
    IReadOnlyList<QualityNamedCodeDto> MandatoryFields,
    string OldIdRule);

/// <summary>
/// One item to work: a household (household rules), a person (person rules and lists) or a pair of persons
/// (<see cref="QualityCategories.DuplicatePerson"/>: <see cref="OtherIdNumber"/>, <see cref="OtherFullName"/>).
/// ID numbers, names, birth dates (dd/MM/yyyy) and household numbers are masked unless the caller is a
/// <c>pii-reader</c> (<see cref="Masked"/>). <see cref="MissingFields"/> names the registry columns missing
/// (<c>dan_toc</c> …); <see cref="Detail"/> says what the rule saw (e.g. "3 chủ hộ") or carries the list's note.
/// </summary>
public sealed record QualityItemDto(
    Guid Id,
    string Category,
    string CategoryName,
    string Status,
    string? Outcome,
    string? ReasonCode,
    string? Note,
    string CommuneCode,
    string CommuneName,
    string? IdNumber,
    string? FullName,
    string? DateOfBirth,
    string? HouseholdId,
    string? OtherIdNumber,
    string? OtherFullName,
    IReadOnlyList<string> MissingFields,
    string? Detail,
    DateTimeOffset OpenedAt,
    DateTimeOffset? ClosedAt,
    string? ClosedBy,
    bool Masked);

/// <summary>
/// Filter of <c>GET /worklists/items</c>: the unit whose subtree is listed (default the caller's), a category, a status
/// (<see cref="QualityItemStatuses"/>) and one person's ID number (exact).
/// </summary>
public sealed record QualityItemQuery(string? Unit = null, string? Category = null, string? Status = null, string? IdNumber = null);

/// <summary>Body of <c>POST /worklists/items/{id}/close</c>: an outcome of <see cref="QualityOutcomes.Chosen"/>; a reason code for <c>cannot_update</c>; a note (required with <c>cannot_update</c>).</summary>
public sealed record CloseQualityItemRequest(string? Outcome, string? ReasonCode = null, string? Note = null);

/// <summary>One change of an item: when, who (<c>system</c> for the rules and imports), what (<see cref="QualityItemActions"/>) and the outcome, reason and note it carried.</summary>
public sealed record QualityItemChangeDto(DateTimeOffset At, string By, string Action, string? Outcome, string? ReasonCode, string? Note);

/// <summary>What a list import or a bulk close did: data lines read, items opened or closed, lines already open (list) and the rejected lines (first 1,000).</summary>
public sealed record WorklistImportResponse(
    string Category,
    int Lines,
    int Opened,
    int AlreadyOpen,
    int Closed,
    int Rejected,
    IReadOnlyList<RegistryRejectedLineDto> RejectedLines);

/// <summary>What a rule run did over the registry: persons read, items opened, closed by the data, reopened (an update that did not hold) and updates confirmed.</summary>
public sealed record QualityRuleRunDto(long Persons, int Opened, int Closed, int Reopened, int Confirmed, long RegistryVersion, DateTimeOffset RanAt);

/// <summary>Query of <c>GET /registry-quality</c>: the unit (default the caller's), the day (default today in Vietnam; the figures at the end of that day) and <c>by=child</c> for a row per child unit.</summary>
public sealed record RegistryQualityQuery(string? Unit = null, DateOnly? AsOf = null, string? By = null);

/// <summary>
/// One category's figures: items found (y), closed (x) and open, x split by outcome, <see cref="Percent"/> = x / y in
/// percent (one decimal; 0 when nothing was found) and the report's "x/y (z%)" in Vietnamese number format.
/// </summary>
public sealed record QualityFigureDto(
    string Category,
    string CategoryName,
    long Found,
    long Closed,
    long Open,
    long Fixed,
    long Updated,
    long CannotUpdate,
    long MarkedNoOldId,
    double Percent,
    string Figure);

/// <summary>A unit's figures per category (every configured category, zeros included) and over all categories (<see cref="Total"/>, category <c>all</c>).</summary>
public sealed record QualityUnitFiguresDto(string UnitCode, string UnitName, IReadOnlyList<QualityFigureDto> Categories, QualityFigureDto Total);

/// <summary>Registry quality of a unit's subtree as of the end of <see cref="AsOf"/>; with <c>by=child</c> also per child unit.</summary>
public sealed record RegistryQualityDto(DateOnly AsOf, QualityUnitFiguresDto Unit, IReadOnlyList<QualityUnitFiguresDto> Children);
