using Dakla06.ServiceDefaults.Files;

namespace Dakla06.Statistics.Domain;

/// <summary>A procedure at one level from one date on, as a catalogue line gives it.</summary>
public sealed record ProcedureLevel(
    long Line, string Code, string Name, string AdministrativeLevel, string Sector, string OnlineLevel, DateOnly EffectiveFrom, int? EssentialService, bool HasFee);

/// <summary>
/// The catalogue file: header <c>ma_tthc,ten_tthc,cap_thuc_hien,linh_vuc,muc_do,hieu_luc_tu,dvc_thiet_yeu,co_phi</c>
/// (every column required; <c>dvc_thiet_yeu</c> may be empty in a line). A line naming the same procedure and date as
/// an earlier line is rejected (the file would say two things).
/// </summary>
public static class ProcedureFile
{
    public const string Code = "ma_tthc";
    public const string Name = "ten_tthc";
    public const string AdministrativeLevel = "cap_thuc_hien";
    public const string Sector = "linh_vuc";
    public const string OnlineLevel = "muc_do";
    public const string EffectiveFrom = "hieu_luc_tu";
    public const string EssentialService = "dvc_thiet_yeu";
    public const string HasFee = "co_phi";

    public static readonly IReadOnlyList<string> Columns = [Code, Name, AdministrativeLevel, Sector, OnlineLevel, EffectiveFrom, EssentialService, HasFee];

    /// <summary>A catalogue larger than this is not a province's catalogue (about two thousand procedures, a few levels each).</summary>
    public const int MaxLines = 50_000;

    /// <summary>Maps the header; the missing required columns when there are any.</summary>
    public static TableColumns MapHeader(IReadOnlyList<string> headers, out IReadOnlyList<string> missing) =>
        TableColumns.Map(headers, Columns, Columns, out missing);

    /// <summary>Checks every line: the valid procedure levels and the errors of the others.</summary>
    public static (List<ProcedureLevel> Valid, List<ImportLineError> Errors) Check(IEnumerable<TableRow> rows, TableColumns columns)
    {
        var valid = new List<ProcedureLevel>();
        var errors = new List<ImportLineError>();
        var firstLine = new Dictionary<(string, DateOnly), long>();
        foreach (var row in rows)
        {
            var problems = new LineProblems(row.LineNumber);
            if (row.Unreadable is { } unreadable)
            {
                problems.Add("line", unreadable);
                errors.AddRange(problems.Findings);
                continue;
            }

            string Cell(string column) => columns.Get(row, column);
            var code = problems.Required(Code, Cell(Code), "Mã thủ tục");
            var name = problems.Required(Name, Cell(Name), "Tên thủ tục");
            var level = problems.OneOf(AdministrativeLevel, Cell(AdministrativeLevel), [.. Vocabulary.AdministrativeLevels.Keys], "Cấp thực hiện");
            var sector = problems.Required(Sector, Cell(Sector), "Lĩnh vực");
            var onlineLevel = problems.OneOf(OnlineLevel, Cell(OnlineLevel), Vocabulary.OnlineLevels, "Mức độ");
            var effectiveFrom = problems.Date(EffectiveFrom, Cell(EffectiveFrom), "Ngày hiệu lực");
            var essential = EssentialNumber(Cell(EssentialService), problems);
            var hasFee = problems.Flag(HasFee, Cell(HasFee), "Có phí");
            if (code.Length > 100)
            {
                problems.Add(Code, "Mã thủ tục tối đa 100 ký tự.");
            }

            if (!problems.Rejects && firstLine.TryGetValue((code, effectiveFrom!.Value), out var first))
            {
                problems.Add(EffectiveFrom, $"Thủ tục {code} với ngày hiệu lực {effectiveFrom:yyyy-MM-dd} trùng với dòng {first}.");
            }

            if (problems.Rejects)
            {
                errors.AddRange(problems.Findings);
                continue;
            }

            firstLine[(code, effectiveFrom!.Value)] = row.LineNumber;
            valid.Add(new ProcedureLevel(row.LineNumber, code, name, level, sector, onlineLevel, effectiveFrom.Value, essential, hasFee));
        }

        return (valid, errors);
    }

    private static int? EssentialNumber(string text, LineProblems problems)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (int.TryParse(text, out var number) && EssentialServices.Find(number) is not null)
        {
            return number;
        }

        problems.Add(EssentialService, $"Số dịch vụ công thiết yếu \"{text}\" không có trong danh mục 25 dịch vụ (1–25) hoặc để trống.");
        return null;
    }
}
