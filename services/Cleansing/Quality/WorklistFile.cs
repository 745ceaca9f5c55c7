using Dakla06.Contracts.Http.Cleansing;
using Dakla06.People;
using Dakla06.ServiceDefaults.Files;
using Dakla06.ServiceDefaults.Http;

namespace Dakla06.Cleansing.Quality;

/// <summary>
/// The files of <see cref="CleansingRoutes.WorklistImport"/> (<c>so_dinh_danh,ghi_chu</c>) and
/// <see cref="CleansingRoutes.WorklistBulkClose"/> (<c>so_dinh_danh,ket_qua,ma_ly_do,ghi_chu</c>), CSV or XLSX, read
/// under the project's import policy: a missing required column refuses the file (400 naming it), every other bad line
/// is reported with its line number and reason and the rest are applied. An ID number twice in one file counts once.
/// </summary>
public static class WorklistFile
{
    public const long MaxFileBytes = 20 * 1024 * 1024;
    public const int MaxDataLines = 100_000;
    public const int MaxNoteLength = 1000;

    public const string IdNumberColumn = "so_dinh_danh";
    public const string NoteColumn = "ghi_chu";
    public const string OutcomeColumn = "ket_qua";
    public const string ReasonColumn = "ma_ly_do";

    public static readonly UploadLimits Upload = new(CleansingRoutes.WorklistFile, MaxFileBytes, [CleansingRoutes.WorklistCategory]);

    /// <summary>
    /// Reads the lines; for a bulk close (<paramref name="outcomes"/> not null: those the category accepts) each line
    /// must carry an outcome, and cannot_update a known reason and a note. Null (errors under <c>file</c>) when the
    /// file cannot be read or lacks a column.
    /// </summary>
    public static IReadOnlyList<WorklistLine>? Read(
        Stream content, string fileName, IReadOnlyList<string>? outcomes, IReadOnlyCollection<string> reasons,
        List<RegistryRejectedLineDto> rejected, ValidationErrors errors)
    {
        var required = outcomes is null ? new[] { IdNumberColumn } : [IdNumberColumn, OutcomeColumn];
        try
        {
            using var file = TableFileReader.Open(content, fileName);
            var columns = TableColumns.Map(file.Headers, [IdNumberColumn, NoteColumn, OutcomeColumn, ReasonColumn], required, out var missing);
            if (missing.Count > 0)
            {
                errors.Add(CleansingRoutes.WorklistFile, $"Thiếu cột: {string.Join(", ", missing)}.");
                return null;
            }

            var lines = new List<WorklistLine>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var count = 0;
            foreach (var row in file.Rows)
            {
                if (++count > MaxDataLines)
                {
                    errors.Add(CleansingRoutes.WorklistFile, $"Tệp có quá {MaxDataLines:N0} dòng dữ liệu; hãy chia thành nhiều tệp.");
                    return null;
                }

                var line = (int)row.LineNumber;
                if (row.Unreadable is { } unreadable)
                {
                    rejected.Add(new RegistryRejectedLineDto(line, unreadable));
                    continue;
                }

                var idNumber = columns.Get(row, IdNumberColumn);
                var note = columns.Get(row, NoteColumn);
                var outcome = columns.Get(row, OutcomeColumn);
                var reason = columns.Get(row, ReasonColumn);
                if (Problem(idNumber, note, outcome, reason, outcomes, reasons) is { } problem)
                {
                    rejected.Add(new RegistryRejectedLineDto(line, problem));
                }
                else if (!seen.Add(idNumber))
                {
                    rejected.Add(new RegistryRejectedLineDto(line, "Số định danh trùng với một dòng trước trong tệp"));
                }
                else
                {
                    lines.Add(new WorklistLine(line, idNumber, note.Length == 0 ? null : note,
                        outcomes is null ? null : outcome, reason.Length == 0 ? null : reason));
                }
            }

            return lines;
        }
        catch (TableFileException e)
        {
            errors.Add(CleansingRoutes.WorklistFile, e.Message);
            return null;
        }
    }

    private static string? Problem(string idNumber, string note, string outcome, string reason, IReadOnlyList<string>? outcomes, IReadOnlyCollection<string> reasons)
    {
        if (idNumber.Length != 12 || !idNumber.All(char.IsAsciiDigit) || !IdNumbers.Check(idNumber, DateTime.UtcNow.Year + 1).IsWellFormed)
        {
            return "Số định danh phải gồm 12 chữ số hợp lệ";
        }

        if (note.Length > MaxNoteLength)
        {
            return $"Ghi chú dài quá {MaxNoteLength} ký tự";
        }

        if (outcomes is null)
        {
            return null;
        }

        if (!outcomes.Contains(outcome))
        {
            return $"Kết quả phải là một trong: {string.Join(", ", outcomes)}";
        }

        if (outcome == QualityOutcomes.CannotUpdate && (!reasons.Contains(reason) || note.Length == 0))
        {
            return $"Không thể cập nhật cần mã lý do ({string.Join(", ", reasons)}) và ghi chú";
        }

        return null;
    }
}
