using System.Globalization;
using System.Text;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using MiniExcelLibs;

namespace Dakla06.Inspections.Domain;

/// <summary>One line of an import file as cells (line 1 is the header; for .xlsx the sheet's row number).</summary>
public sealed record SheetLine(int Line, IReadOnlyList<string> Cells);

/// <summary>A device of the file that passed every check, with its line for reporting what the database refuses.</summary>
public sealed record DeviceImportRow(int Line, NewDevice Device);

/// <summary>Why a line was rejected: its line number, the field (camelCase) and a Vietnamese message.</summary>
public sealed record DeviceImportError(int Line, string Field, string Message);

/// <summary>The import file read and checked: the rows to save and the rejected lines' errors.</summary>
public sealed record DeviceImportFile(IReadOnlyList<DeviceImportRow> Rows, IReadOnlyList<DeviceImportError> Errors);

/// <summary>
/// Reads a device import file (.csv in UTF-8 with comma or semicolon, with or without BOM; or .xlsx, first sheet) and
/// checks every line. Policy, as the README says: valid lines are kept, invalid lines are reported with their line
/// number, field and reason; only a file that cannot be read at all or lacks a required column is refused whole.
/// </summary>
public static class DeviceImport
{
    public const int MaxDataLines = 20_000;

    /// <summary>Lines of a file (header and blank lines included): a few KB of XLSX can declare a million empty rows.</summary>
    public const int MaxLines = MaxDataLines + 1_000;

    /// <summary>Columns a sheet may declare: every row is read as wide as the widest.</summary>
    public const int MaxColumns = 100;

    public const long MaxFileBytes = 10 * 1024 * 1024;

    /// <summary>The file-level field name in a 400 ValidationProblem (the multipart part's name).</summary>
    public const string FileField = "file";

    /// <summary>What the import's multipart request may hold: the file, up to <see cref="MaxFileBytes"/>; no text fields.</summary>
    public static readonly UploadLimits Upload = new(FileField, MaxFileBytes, []);

    private static readonly Column[] Columns =
    [
        new("assetTag", "asset_tag", "ma_tai_san", Required: true),
        new("unitCode", "unit_code", "ma_don_vi", Required: true),
        new("purpose", "purpose", "muc_dich", Required: true),
        new("description", "description", "mo_ta", Required: false),
    ];

    /// <summary>
    /// Reads and checks the file; file-level problems are added to <paramref name="errors"/> under <c>file</c> and null
    /// is returned. <paramref name="scope"/> is the importing user's: a line whose unit lies outside it is rejected.
    /// </summary>
    public static DeviceImportFile? Read(string? fileName, byte[] content, UnitScope scope, ValidationErrors errors)
    {
        var extension = Path.GetExtension(fileName ?? string.Empty).ToLowerInvariant();
        if (extension is not ".csv" and not ".xlsx")
        {
            errors.Add(FileField, "Chỉ nhận tệp .csv hoặc .xlsx.");
            return null;
        }

        try
        {
            // Lines are read one at a time as they are checked, and no further than MaxLines: never the whole file at once.
            var lines = extension == ".csv" ? ReadCsv(content) : ReadXlsx(content);
            return Check(Bounded(lines), scope, errors);
        }
        catch (ImportFileException e) // our own messages: encoding, quotes, size
        {
            errors.Add(FileField, e.Message);
            return null;
        }
        catch (Exception) when (extension == ".xlsx")
        {
            // MiniExcel throws whatever its zip/XML readers throw for a damaged or mislabelled workbook.
            errors.Add(FileField, "Không đọc được tệp Excel: tệp hỏng hoặc không phải định dạng .xlsx.");
            return null;
        }
    }

    private static string TooManyLines => $"Tệp có quá {MaxLines:N0} dòng (tối đa {MaxDataLines:N0} dòng dữ liệu); hãy chia thành nhiều tệp.";

    /// <summary>The lines, refusing the file at the first line past <see cref="MaxLines"/> (blank lines count).</summary>
    private static IEnumerable<SheetLine> Bounded(IEnumerable<SheetLine> lines)
    {
        foreach (var line in lines)
        {
            if (line.Line > MaxLines)
            {
                throw new ImportFileException(TooManyLines);
            }

            yield return line;
        }
    }

    /// <summary>
    /// Checks lines whose first non-blank line is the header. Blank lines are skipped; every other line is either a
    /// row or reported. Null (with errors under <c>file</c>) when a required column is missing or there is no data.
    /// </summary>
    public static DeviceImportFile? Check(IEnumerable<SheetLine> lines, UnitScope scope, ValidationErrors errors)
    {
        using var enumerator = lines.Where(l => !IsBlank(l)).GetEnumerator();
        if (!enumerator.MoveNext())
        {
            errors.Add(FileField, "Tệp trống: cần dòng tiêu đề với các cột asset_tag, unit_code, purpose (hoặc ma_tai_san, ma_don_vi, muc_dich).");
            return null;
        }

        var positions = MapHeader(enumerator.Current, errors);
        if (positions is null)
        {
            return null;
        }

        var rows = new List<DeviceImportRow>();
        var problems = new List<DeviceImportError>();
        var firstLineOfTag = new Dictionary<string, int>(StringComparer.Ordinal);
        var dataLines = 0;
        while (enumerator.MoveNext())
        {
            var line = enumerator.Current;
            if (++dataLines > MaxDataLines)
            {
                errors.Add(FileField, $"Tệp có quá {MaxDataLines:N0} dòng dữ liệu; hãy chia thành nhiều tệp.");
                return null;
            }

            string Cell(string field) => positions.TryGetValue(field, out var index) && index < line.Cells.Count ? line.Cells[index] : string.Empty;

            var lineErrors = new ValidationErrors();
            var device = NewDevice.TryCreate(Cell("assetTag"), Cell("unitCode"), Cell("purpose"), Cell("description"), lineErrors);

            // A tag that appears twice makes the file ambiguous: the first occurrence counts, later ones are refused.
            var tag = NewDevice.NormalizeAssetTag(Cell("assetTag"));
            if (tag.Length > 0)
            {
                if (firstLineOfTag.TryGetValue(tag, out var first))
                {
                    lineErrors.Add("assetTag", $"Mã tài sản {tag} trùng với dòng {first} trong tệp.");
                    device = null;
                }
                else
                {
                    firstLineOfTag[tag] = line.Line;
                }
            }

            if (device is not null && !scope.IsInScope(device.Unit.Code))
            {
                lineErrors.Add("unitCode", $"Đơn vị {device.Unit.Name} ({device.Unit.Code}) ngoài phạm vi quản lý của bạn.");
                device = null;
            }

            if (device is null)
            {
                problems.AddRange(lineErrors.ToDictionary().SelectMany(e => e.Value.Select(m => new DeviceImportError(line.Line, e.Key, m))));
            }
            else
            {
                rows.Add(new DeviceImportRow(line.Line, device));
            }
        }

        if (dataLines == 0)
        {
            errors.Add(FileField, "Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.");
            return null;
        }

        return new DeviceImportFile(rows, problems);
    }

    /// <summary>
    /// The lines of a UTF-8 CSV file (BOM optional). The separator is whichever of comma or semicolon the header line
    /// uses more (Excel writes semicolons where the list separator is one). Quoted cells may hold separators, doubled
    /// quotes and line breaks; a record's line number is the physical line it starts on.
    /// </summary>
    public static IEnumerable<SheetLine> ReadCsv(byte[] content)
    {
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            throw new ImportFileException("Tệp CSV phải được lưu với bảng mã UTF-8 (trong Excel: \"CSV UTF-8\").");
        }

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        return ParseCsv(text, DetectSeparator(text));
    }

    /// <summary>
    /// The rows of the first sheet of an .xlsx workbook, one at a time; a line number is the sheet's row number. The
    /// sheet's declared size is checked first: beyond <see cref="MaxLines"/> rows or <see cref="MaxColumns"/> columns
    /// the file is refused before any row is read.
    /// </summary>
    public static IEnumerable<SheetLine> ReadXlsx(byte[] content)
    {
        using (var probe = new MemoryStream(content, writable: false))
        {
            if (probe.GetSheetDimensions().FirstOrDefault() is { } declared)
            {
                if (declared.Rows.Count > MaxLines)
                {
                    throw new ImportFileException(TooManyLines);
                }

                if (declared.Columns.Count > MaxColumns)
                {
                    throw new ImportFileException($"Trang tính có quá {MaxColumns} cột.");
                }
            }
        }

        return XlsxRows(content);
    }

    private static IEnumerable<SheetLine> XlsxRows(byte[] content)
    {
        using var stream = new MemoryStream(content, writable: false);
        var number = 0;
        foreach (IDictionary<string, object?> row in stream.Query(useHeaderRow: false, excelType: ExcelType.XLSX))
        {
            // MiniExcel yields every row from A1 on, empty ones included, so the position is the row number.
            number++;
            yield return new SheetLine(number, row.Values.Select(CellText).ToList());
        }
    }

    private static string CellText(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        // Codes typed into Excel become numbers (24136 → 24136.0); written back without a decimal part.
        double d => d.ToString("0.##########", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static Dictionary<string, int>? MapHeader(SheetLine header, ValidationErrors errors)
    {
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var ok = true;
        for (var i = 0; i < header.Cells.Count; i++)
        {
            var key = HeaderKey(header.Cells[i]);
            var column = Columns.FirstOrDefault(c => HeaderKey(c.English) == key || HeaderKey(c.Vietnamese) == key);
            if (column is null)
            {
                continue; // extra columns (STT, ghi chú…) are allowed and ignored
            }

            if (positions.TryGetValue(column.Field, out var earlier))
            {
                errors.Add(FileField, $"Cột \"{column.English}\" (\"{column.Vietnamese}\") xuất hiện hai lần: cột {earlier + 1} và cột {i + 1}.");
                ok = false;
                continue;
            }

            positions[column.Field] = i;
        }

        foreach (var missing in Columns.Where(c => c.Required && !positions.ContainsKey(c.Field)))
        {
            errors.Add(FileField, $"Thiếu cột bắt buộc \"{missing.English}\" (hoặc \"{missing.Vietnamese}\") ở dòng tiêu đề {header.Line}.");
            ok = false;
        }

        return ok ? positions : null;
    }

    /// <summary>
    /// Compares headers on letters and digits only, without Vietnamese diacritics: "asset_tag", "Asset tag", "assetTag",
    /// "ma_tai_san" and "Mã tài sản" are all accepted.
    /// </summary>
    private static string HeaderKey(string header)
    {
        var builder = new StringBuilder(header.Length);
        foreach (var c in header.Normalize(NormalizationForm.FormD))
        {
            if (c is 'đ' or 'Đ')
            {
                builder.Append('d');
            }
            else if (char.IsLetterOrDigit(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    private static bool IsBlank(SheetLine line) => line.Cells.All(string.IsNullOrWhiteSpace);

    private static char DetectSeparator(string text)
    {
        int commas = 0, semicolons = 0;
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '\r' or '\n' && commas + semicolons > 0)
            {
                break;
            }
            else if (!quoted && c == ',')
            {
                commas++;
            }
            else if (!quoted && c == ';')
            {
                semicolons++;
            }
        }

        return semicolons > commas ? ';' : ',';
    }

    private static IEnumerable<SheetLine> ParseCsv(string text, char separator)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var cellWasQuoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        cell.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    cell.Append(c);
                }
            }
            else if (c == '"' && cell.Length == 0 && !cellWasQuoted)
            {
                quoted = cellWasQuoted = true;
            }
            else if (c == separator)
            {
                cells.Add(cell.ToString());
                cell.Clear();
                cellWasQuoted = false;
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                cells.Add(cell.ToString());
                yield return new SheetLine(recordLine, cells);
                cells = [];
                cell.Clear();
                cellWasQuoted = false;
                line++;
                recordLine = line;
            }
            else
            {
                cell.Append(c);
            }
        }

        if (quoted)
        {
            throw new ImportFileException($"Dòng {recordLine}: dấu ngoặc kép (\") mở nhưng không đóng.");
        }

        if (cells.Count > 0 || cell.Length > 0)
        {
            cells.Add(cell.ToString());
            yield return new SheetLine(recordLine, cells);
        }
    }

    private sealed record Column(string Field, string English, string Vietnamese, bool Required);

    /// <summary>A file refused for a reason of our own (its message is the Vietnamese reason), unlike a reader's failure.</summary>
    private sealed class ImportFileException(string message) : Exception(message);
}
