using Dakla06.People;
using Dakla06.ServiceDefaults.Security;

namespace Dakla06.Cleansing.Domain;

/// <summary>
/// One record of a batch file. <see cref="LineNumber"/> is where the record starts in the file as a person sees it
/// (CSV: physical line, the header is line 1; XLSX: the sheet row). <see cref="Values"/> has one entry per header, in
/// header order. <see cref="Unreadable"/> is the Vietnamese reason the record could not be parsed (its values are then
/// all null and <see cref="RawText"/> holds what could be read of the line, cut to <see cref="BatchFileReader.MaxLineLength"/>).
/// </summary>
public sealed record BatchRow(long LineNumber, string?[] Values, string? Unreadable = null, string? RawText = null)
{
    public bool IsUnreadable => Unreadable is not null;

    /// <summary>The value of a mapped column (null when the column is absent, index -1).</summary>
    public string? Get(int columnIndex) => columnIndex >= 0 && columnIndex < Values.Length ? Values[columnIndex] : null;

    /// <summary>A row in <see cref="BatchColumns.Canonical"/> order — for re-validating corrected values.</summary>
    public static BatchRow FromFields(long lineNumber, string? idNumber, string? fullName, string? dateOfBirth, string? gender, string? communeCode) =>
        new(lineNumber, [idNumber, fullName, dateOfBirth, gender, communeCode]);
}

/// <summary>Where the known columns are in a file's header (-1 = absent). Required: full name, date of birth, gender, ID number.</summary>
public sealed record BatchColumns(int FullName, int DateOfBirth, int Gender, int IdNumber, int CommuneCode = -1, int Phone = -1, int SourceId = -1)
{
    public const string FullNameColumn = "full_name";
    public const string DateOfBirthColumn = "date_of_birth";
    public const string GenderColumn = "gender";
    public const string IdNumberColumn = "id_number";
    public const string CommuneCodeColumn = "commune_code";
    public const string PhoneColumn = "phone";
    public const string SourceIdColumn = "source_id";

    public static readonly IReadOnlyList<string> Required = [FullNameColumn, DateOfBirthColumn, GenderColumn, IdNumberColumn];

    /// <summary>The layout of <see cref="BatchRow.FromFields"/>: id_number, full_name, date_of_birth, gender, commune_code.</summary>
    public static readonly BatchColumns Canonical = new(FullName: 1, DateOfBirth: 2, Gender: 3, IdNumber: 0, CommuneCode: 4);

    public static readonly IReadOnlyList<string> CanonicalHeaders = [IdNumberColumn, FullNameColumn, DateOfBirthColumn, GenderColumn, CommuneCodeColumn];

    /// <summary>What each column of the file is as personal data, by position: every alias counts, not only the mapped one.</summary>
    public IReadOnlyList<PersonalField> PersonalFields { get; init; } = [];

    /// <summary>Equal when the known columns are at the same positions (a list has no value equality of its own).</summary>
    public bool Equals(BatchColumns? other) =>
        other is not null
        && (FullName, DateOfBirth, Gender, IdNumber, CommuneCode, Phone, SourceId)
            == (other.FullName, other.DateOfBirth, other.Gender, other.IdNumber, other.CommuneCode, other.Phone, other.SourceId);

    public override int GetHashCode() => HashCode.Combine(FullName, DateOfBirth, Gender, IdNumber, CommuneCode, Phone, SourceId);

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["full_name"] = FullNameColumn, ["ho_ten"] = FullNameColumn, ["ho_va_ten"] = FullNameColumn, ["fullname"] = FullNameColumn,
        ["date_of_birth"] = DateOfBirthColumn, ["ngay_sinh"] = DateOfBirthColumn, ["dob"] = DateOfBirthColumn,
        ["gender"] = GenderColumn, ["gioi_tinh"] = GenderColumn, ["sex"] = GenderColumn,
        ["id_number"] = IdNumberColumn, ["so_dinh_danh"] = IdNumberColumn, ["cccd"] = IdNumberColumn, ["so_cccd"] = IdNumberColumn,
        ["commune_code"] = CommuneCodeColumn, ["ma_xa"] = CommuneCodeColumn,
        ["phone"] = PhoneColumn, ["so_dien_thoai"] = PhoneColumn, ["dien_thoai"] = PhoneColumn,
        ["source_id"] = SourceIdColumn, ["ma_nguon"] = SourceIdColumn,
    };

    /// <summary>The known column a header names ("Họ tên", "ho_ten", "FULL_NAME" → full_name), or null for a pass-through column.</summary>
    public static string? KnownColumn(string? header)
    {
        var folded = Names.Fold(header).Replace(' ', '_');
        return Aliases.GetValueOrDefault(folded);
    }

    /// <summary>Maps a header row; the first column naming a known column wins. Lists the missing required ones.</summary>
    public static BatchColumns Map(IReadOnlyList<string> headers, out IReadOnlyList<string> missingRequired)
    {
        Dictionary<string, int> found = new(StringComparer.Ordinal);
        for (var i = 0; i < headers.Count; i++)
        {
            if (KnownColumn(headers[i]) is { } known)
            {
                found.TryAdd(known, i);
            }
        }

        missingRequired = [.. Required.Where(column => !found.ContainsKey(column))];
        int At(string column) => found.GetValueOrDefault(column, -1);
        return new BatchColumns(At(FullNameColumn), At(DateOfBirthColumn), At(GenderColumn), At(IdNumberColumn),
            At(CommuneCodeColumn), At(PhoneColumn), At(SourceIdColumn))
        {
            PersonalFields = [.. headers.Select(PersonalData.FieldOf)],
        };
    }
}

/// <summary>A file the engine cannot read at all (→ 400). <see cref="MissingColumns"/> names the required columns not found.</summary>
public sealed class BatchFileException : Exception
{
    public BatchFileException(string message, IReadOnlyList<string>? missingColumns = null) : base(message) =>
        MissingColumns = missingColumns ?? [];

    public BatchFileException()
    {
        MissingColumns = [];
    }

    public BatchFileException(string message) : this(message, (IReadOnlyList<string>?)null)
    {
    }

    public BatchFileException(string message, Exception innerException) : base(message, innerException) => MissingColumns = [];

    public IReadOnlyList<string> MissingColumns { get; }
}
