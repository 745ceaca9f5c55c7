using Dakla06.Contracts.AdminUnits;
using Dakla06.ServiceDefaults.Files;
using Dakla06.ServiceDefaults.Security;

namespace Dakla06.Statistics.Domain;

/// <summary>A dossier line that passed every check, ready for the staging COPY.</summary>
public sealed record DossierLine(
    long Line,
    string DossierCode,
    string ProcedureCode,
    AdminUnit Unit,
    string Channel,
    DateOnly ReceivedOn,
    DateOnly DueOn,
    DateOnly? FinishedOn,
    string Status,
    bool DocumentsDigitised,
    bool ResultDigitised,
    bool FeeObligation,
    bool PaidOnline,
    bool PaymentSucceeded,
    long Amount);

/// <summary>
/// A dossier file of one source: header
/// <c>ma_ho_so,ma_tthc,ma_don_vi,kenh,ngay_tiep_nhan,ngay_hen_tra,ngay_ket_thuc,trang_thai,so_hoa_tphs,so_hoa_ket_qua,nghia_vu_tai_chinh,thanh_toan_truc_tuyen,thanh_toan_thanh_cong,so_tien</c>
/// (every column required). Each problem of a line is a finding of a <see cref="ValidationRules"/> rule: a value that
/// is invalid, a unit outside the importer's scope, a procedure not in the catalogue, dates or flags that contradict
/// each other; the line is rejected when one of its findings is an error. The rules that need the catalogue's level on
/// the day of receipt are checked in SQL on the staging table (<see cref="Data.CatalogueChecks"/>).
/// </summary>
public sealed class DossierFile(UnitScope scope, IReadOnlySet<string> knownProcedures)
{
    public const string DossierCode = "ma_ho_so";
    public const string ProcedureCode = "ma_tthc";
    public const string UnitCode = "ma_don_vi";
    public const string Channel = "kenh";
    public const string ReceivedOn = "ngay_tiep_nhan";
    public const string DueOn = "ngay_hen_tra";
    public const string FinishedOn = "ngay_ket_thuc";
    public const string Status = "trang_thai";
    public const string DocumentsDigitised = "so_hoa_tphs";
    public const string ResultDigitised = "so_hoa_ket_qua";
    public const string FeeObligation = "nghia_vu_tai_chinh";
    public const string PaidOnline = "thanh_toan_truc_tuyen";
    public const string PaymentSucceeded = "thanh_toan_thanh_cong";
    public const string Amount = "so_tien";

    public static readonly IReadOnlyList<string> Columns =
    [
        DossierCode, ProcedureCode, UnitCode, Channel, ReceivedOn, DueOn, FinishedOn, Status,
        DocumentsDigitised, ResultDigitised, FeeObligation, PaidOnline, PaymentSucceeded, Amount,
    ];

    public static TableColumns MapHeader(IReadOnlyList<string> headers, out IReadOnlyList<string> missing) =>
        TableColumns.Map(headers, Columns, Columns, out missing);

    /// <summary>The line as a dossier, or null with its reasons in <paramref name="problems"/>.</summary>
    public DossierLine? Check(TableRow row, TableColumns columns, LineProblems problems)
    {
        if (row.Unreadable is { } unreadable)
        {
            problems.Add("line", unreadable);
            return null;
        }

        string Cell(string column) => columns.Get(row, column);
        var code = problems.Required(DossierCode, Cell(DossierCode), "Mã hồ sơ");
        if (code.Length > 100)
        {
            problems.Add(DossierCode, "Mã hồ sơ tối đa 100 ký tự.");
        }

        var procedure = problems.Required(ProcedureCode, Cell(ProcedureCode), "Mã thủ tục");
        if (procedure.Length > 0 && !knownProcedures.Contains(procedure))
        {
            problems.Add(ProcedureCode, $"Thủ tục {procedure} không có trong danh mục thủ tục hành chính.", ValidationRules.UnknownProcedure);
        }

        var unit = CheckUnit(Cell(UnitCode), problems);
        var channel = problems.OneOf(Channel, Cell(Channel), Vocabulary.Channels, "Kênh tiếp nhận");
        var received = problems.Date(ReceivedOn, Cell(ReceivedOn), "Ngày tiếp nhận");
        var due = problems.Date(DueOn, Cell(DueOn), "Ngày hẹn trả");
        var finished = problems.Date(FinishedOn, Cell(FinishedOn), "Ngày kết thúc", required: false);
        var status = problems.OneOf(Status, Cell(Status), Vocabulary.DossierStatuses, "Trạng thái");
        var documents = problems.Flag(DocumentsDigitised, Cell(DocumentsDigitised), "Số hóa thành phần hồ sơ");
        var result = problems.Flag(ResultDigitised, Cell(ResultDigitised), "Số hóa kết quả");
        var fee = problems.Flag(FeeObligation, Cell(FeeObligation), "Nghĩa vụ tài chính");
        var paidOnline = problems.Flag(PaidOnline, Cell(PaidOnline), "Thanh toán trực tuyến");
        var succeeded = problems.Flag(PaymentSucceeded, Cell(PaymentSucceeded), "Thanh toán thành công");
        var amount = CheckAmount(Cell(Amount), problems);

        if (received is { } r && due is { } d && d < r)
        {
            problems.Add(DueOn, $"Ngày hẹn trả {d:dd/MM/yyyy} trước ngày tiếp nhận {r:dd/MM/yyyy}.", ValidationRules.DueBeforeReceived);
        }

        if (received is { } r2 && finished is { } f && f < r2)
        {
            problems.Add(FinishedOn, $"Ngày kết thúc {f:dd/MM/yyyy} trước ngày tiếp nhận {r2:dd/MM/yyyy}.", ValidationRules.FinishedBeforeReceived);
        }

        // The status and the end date must agree: a dossier in progress has none, a finished one has one.
        if (status == Vocabulary.InProgress && finished is not null)
        {
            problems.Add(FinishedOn, "Hồ sơ đang xử lý không có ngày kết thúc.", ValidationRules.StatusEndDateMismatch);
        }
        else if (status.Length > 0 && status != Vocabulary.InProgress && finished is null && Cell(FinishedOn).Length == 0)
        {
            problems.Add(FinishedOn, "Hồ sơ đã kết thúc (đã giải quyết, từ chối hoặc rút) cần ngày kết thúc.", ValidationRules.StatusEndDateMismatch);
        }

        if (paidOnline && !fee && Cell(FeeObligation) == "0")
        {
            problems.Add(PaidOnline, "Thanh toán trực tuyến nhưng hồ sơ không có nghĩa vụ tài chính (nghia_vu_tai_chinh = 0).", ValidationRules.PaidOnlineWithoutFee);
        }

        return problems.Rejects
            ? null
            : new DossierLine(row.LineNumber, code, procedure, unit!, channel, received!.Value, due!.Value, finished, status,
                documents, result, fee, paidOnline, succeeded, amount);
    }

    private AdminUnit? CheckUnit(string code, LineProblems problems)
    {
        if (code.Length == 0)
        {
            problems.Add(UnitCode, "Mã đơn vị là bắt buộc.");
            return null;
        }

        var unit = AdminUnitDirectory.Default.Find(code);
        if (unit is null)
        {
            problems.Add(UnitCode, $"Không có đơn vị hành chính mã {code} trong tỉnh.");
        }
        else if (!scope.Unit.Contains(unit))
        {
            problems.Add(UnitCode, $"Đơn vị {unit.Name} ({unit.Code}) ngoài phạm vi quản lý của bạn.", ValidationRules.UnitOutsideScope);
            return null;
        }

        return unit;
    }

    private static long CheckAmount(string text, LineProblems problems)
    {
        if (text.Length == 0)
        {
            return 0;
        }

        if (long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var amount))
        {
            return amount;
        }

        problems.Add(Amount, $"Số tiền \"{text}\" phải là số đồng nguyên không âm.");
        return 0;
    }
}
