namespace Dakla06.Contracts.Http.Enrolment;

// Job states (ImportStatuses) and rejected lines (ImportErrorDto) are the statistics contract's: one import policy.

/// <summary>What an enrolment import file holds; each kind has its own route and header.</summary>
public static class EnrolmentImportKinds
{
    /// <summary>Citizen-ID applications (hồ sơ CCCD), header <see cref="EnrolmentFileHeaders.Applications"/>.</summary>
    public const string Applications = "applications";

    /// <summary>Cards received from C06 and handed to citizens, header <see cref="EnrolmentFileHeaders.Cards"/>.</summary>
    public const string Cards = "cards";

    /// <summary>VNeID accounts of level 1 and 2, header <see cref="EnrolmentFileHeaders.Eid"/>.</summary>
    public const string Eid = "eid";

    public static IReadOnlyList<string> All { get; } = [Applications, Cards, Eid];
}

/// <summary>The required columns of each import file (in any order; other columns are ignored).</summary>
public static class EnrolmentFileHeaders
{
    public static IReadOnlyList<string> Applications { get; } =
        ["ma_ho_so", "so_dinh_danh", "ho_ten", "ngay_sinh", "gioi_tinh", "ma_xa", "ngay_thu_nhan", "hinh_thuc", "loai", "dinh_danh_muc_2"];

    public static IReadOnlyList<string> Cards { get; } = ["ma_ho_so", "su_kien", "ngay"];

    public static IReadOnlyList<string> Eid { get; } = ["so_dinh_danh", "ma_xa", "muc_do", "kenh", "ngay_dang_ky", "ngay_kich_hoat"];
}

/// <summary>The values of the coded columns of the import files.</summary>
public static class EnrolmentCodes
{
    /// <summary><c>hinh_thuc</c>: at the police station, by a mobile team, at the citizen's home.</summary>
    public static IReadOnlyList<string> Channels { get; } = ["tai_tru_so", "luu_dong", "tai_nha"];

    /// <summary><c>loai</c>: a new card, an exchange, a re-issue.</summary>
    public const string NewCard = "cap_moi";

    public static IReadOnlyList<string> ApplicationKinds { get; } = [NewCard, "doi", "cap_lai"];

    /// <summary><c>su_kien</c>: the card arrived from the Ministry's production centre (C06).</summary>
    public const string CardReceived = "nhan_tu_c06";

    /// <summary><c>su_kien</c>: the card was handed to the citizen.</summary>
    public const string CardHandedOver = "tra_cong_dan";

    public static IReadOnlyList<string> CardEvents { get; } = [CardReceived, CardHandedOver];

    /// <summary><c>kenh</c>: registered with a card application, or for someone who already holds a card.</summary>
    public const string EidWithCard = "kem_cccd";

    public const string EidHasCard = "da_co_cccd";

    public static IReadOnlyList<string> EidChannels { get; } = [EidWithCard, EidHasCard];
}

/// <summary>
/// An enrolment import job and its progress. Counts are of data lines: <c>inserted</c> new rows, <c>updated</c> known
/// ones that changed (an e-ID row completing its activation), <c>unchanged</c> known ones that did not, <c>rejected</c>
/// lines not stored (see the errors). <c>progressPercent</c> is by bytes read until the job completes.
/// </summary>
public sealed record EnrolmentImportDto(
    Guid Id,
    string Kind,
    string FileName,
    string UnitCode,
    string Status,
    int ProgressPercent,
    long Processed,
    long Inserted,
    long Updated,
    long Unchanged,
    long Rejected,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    string? Error);

/// <summary>Filter of the import list: one kind (<see cref="EnrolmentImportKinds"/>), all when absent.</summary>
public sealed record EnrolmentImportQuery(string? Kind = null);
