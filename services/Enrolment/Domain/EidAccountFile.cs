using Dakla06.Contracts.Http.Enrolment;
using Dakla06.ServiceDefaults.Files;
using Dakla06.ServiceDefaults.Imports;

namespace Dakla06.Enrolment.Domain;

/// <summary>
/// An e-ID account file (header <see cref="EnrolmentFileHeaders.Eid"/>); identity (<c>so_dinh_danh</c>, <c>muc_do</c>).
/// A later line of the same account completes it (e.g. its activation day), so two lines of one account never share a chunk.
/// </summary>
public sealed class EidAccountFile(EnrolmentRules rules) : IImportLineReader<EnrolmentLine>
{
    public const string IdNumber = "so_dinh_danh";
    public const string Commune = "ma_xa";
    public const string Level = "muc_do";
    public const string Channel = "kenh";
    public const string RegisteredOn = "ngay_dang_ky";
    public const string ActivatedOn = "ngay_kich_hoat";

    private static readonly string[] Levels = ["1", "2"];

    public IReadOnlyList<string> RequiredColumns => EnrolmentFileHeaders.Eid;

    public EnrolmentLine? Check(TableRow row, TableColumns columns, LineChecks checks)
    {
        string Cell(string column) => columns.Get(row, column);
        var idNumber = rules.IdNumber(IdNumber, Cell(IdNumber), checks);
        var commune = rules.Commune(Commune, Cell(Commune), checks);
        var level = checks.OneOf(Level, Cell(Level), Levels, "Mức độ");
        var channel = checks.OneOf(Channel, Cell(Channel), EnrolmentCodes.EidChannels, "Kênh đăng ký");
        var registered = checks.Date(RegisteredOn, Cell(RegisteredOn), "Ngày đăng ký");
        var activated = checks.Date(ActivatedOn, Cell(ActivatedOn), "Ngày kích hoạt", required: false);
        if (registered is { } r && activated is { } a && a < r)
        {
            checks.Add(ActivatedOn, "Ngày kích hoạt trước ngày đăng ký.");
        }

        return checks.Rejects || !idNumber.IsWellFormed
            ? null
            : new EidAccountLine(row.LineNumber, Cell(IdNumber), commune!, short.Parse(level, System.Globalization.CultureInfo.InvariantCulture), channel, registered!.Value, activated);
    }

    public string? ChunkKey(EnrolmentLine line) => line is EidAccountLine account ? $"{account.IdNumber}/{account.Level}" : null;
}
