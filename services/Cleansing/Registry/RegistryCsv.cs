using System.Globalization;
using System.Text;
using Dakla06.Cleansing.Domain;
using Dakla06.Contracts.AdminUnits;
using Dakla06.People;

namespace Dakla06.Cleansing.Registry;

/// <summary>One data line of a registry import file: the person, or why the line was rejected.</summary>
public readonly record struct RegistryCsvLine(int LineNumber, RegistryPerson Person, string? Error)
{
    public bool IsValid => Error is null;
}

/// <summary>The file as a whole cannot be imported (no header, wrong columns); the message is Vietnamese.</summary>
public sealed class RegistryCsvException(string message) : Exception(message);

/// <summary>
/// The registry import format: UTF-8 CSV (BOM optional), comma-separated, header
/// <c>id_number,full_name,date_of_birth,gender,commune_code,household_id,is_household_head,old_id_number,status</c>
/// followed by any of the optional columns <see cref="RegistryDetails.Columns"/> in any order (an absent one keeps the
/// stored values, an empty cell clears it); dates <c>yyyy-MM-dd</c>, gender <c>male|female</c>, status <c>alive|deceased</c>, head <c>true|false</c>.
/// The reader streams: every data line yields either a valid person or its rejection reason (the import policy keeps
/// valid lines and reports invalid ones with their line number); only a missing or wrong header refuses the file.
/// </summary>
public static class RegistryCsv
{
    public static readonly string[] Header =
        ["id_number", "full_name", "date_of_birth", "gender", "commune_code", "household_id", "is_household_head", "old_id_number", "status"];

    public static readonly string HeaderLine = string.Join(',', Header);

    /// <summary>The header with every optional column, as <see cref="Write"/> writes it with details.</summary>
    public static readonly string FullHeaderLine = string.Join(',', Header.Concat(RegistryDetails.Columns));

    /// <summary>Longest accepted line; a registry line is under 200 characters, so anything longer is garbage.</summary>
    public const int MaxLineLength = 4096;

    /// <summary>Writes the file; <paramref name="withDetails"/> adds the optional columns (empty where a person has none).</summary>
    public static void Write(TextWriter writer, IEnumerable<RegistryPerson> persons, bool withDetails = false)
    {
        writer.Write(withDetails ? FullHeaderLine : HeaderLine);
        writer.Write('\n');
        foreach (var person in persons)
        {
            WriteLine(writer, person, withDetails);
        }
    }

    /// <summary>Writes the persons as a UTF-8 file without BOM (the generator's output for a benchmark or a test).</summary>
    public static void WriteFile(string path, IEnumerable<RegistryPerson> persons, bool withDetails = false)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
        Write(writer, persons, withDetails);
    }

    public static void WriteLine(TextWriter writer, RegistryPerson person, bool withDetails = false)
    {
        writer.Write(person.IdNumber);
        writer.Write(',');
        RecordLine.WriteValue(writer, person.FullName);
        writer.Write(',');
        Span<char> date = stackalloc char[10];
        person.DateOfBirth.TryFormat(date, out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        writer.Write(date[..written]);
        writer.Write(',');
        writer.Write(person.Gender.ToCode());
        writer.Write(',');
        writer.Write(person.CommuneCode);
        writer.Write(',');
        RecordLine.WriteValue(writer, person.HouseholdId);
        writer.Write(',');
        writer.Write(person.IsHouseholdHead ? "true" : "false");
        writer.Write(',');
        writer.Write(person.OldIdNumber);
        writer.Write(',');
        writer.Write(person.Deceased ? "deceased" : "alive");
        for (var i = 0; withDetails && i < RegistryDetails.Columns.Count; i++)
        {
            writer.Write(',');
            RecordLine.WriteValue(writer, person.Details?[i]);
        }

        writer.Write('\n');
    }

    /// <summary>
    /// Reads the file line by line. Line numbers count the header as line 1. <paramref name="today"/> bounds dates
    /// of birth and the ID number's century. An ID number repeated in the file is rejected on its later lines (the
    /// first occurrence counts), so one import never upserts the same person twice.
    /// </summary>
    /// <exception cref="RegistryCsvException">The file is empty or its header is not the import format.</exception>
    public static IEnumerable<RegistryCsvLine> Read(TextReader reader, DateOnly today)
    {
        var details = CheckHeader(reader.ReadLine());
        return ReadLines(reader, today, details);
    }

    /// <summary>
    /// <see cref="Read"/> for a stream that must be read asynchronously (an HTTP request body): the header is checked
    /// before this returns, so a wrong file is refused before any work starts.
    /// </summary>
    /// <exception cref="RegistryCsvException">The file is empty or its header is not the import format.</exception>
    public static async Task<IAsyncEnumerable<RegistryCsvLine>> OpenAsync(TextReader reader, DateOnly today, CancellationToken cancellationToken)
    {
        var details = CheckHeader(await reader.ReadLineAsync(cancellationToken));
        return ReadLinesAsync(reader, today, details, cancellationToken);
    }

    /// <summary>Checks the header; answers, for each optional column of <see cref="RegistryDetails.Columns"/>, its field index (-1: absent).</summary>
    private static int[] CheckHeader(string? header)
    {
        if (header is null)
        {
            throw new RegistryCsvException($"Tệp trống: cần dòng tiêu đề {HeaderLine}.");
        }

        var columns = header.TrimStart('\uFEFF').Split(',').Select(c => c.Trim().Trim('"').ToLowerInvariant()).ToArray();
        var optional = columns.Skip(Header.Length).ToList();
        if (!columns.Take(Header.Length).SequenceEqual(Header)
            || optional.Any(c => !RegistryDetails.Columns.Contains(c)) || optional.Distinct().Count() != optional.Count)
        {
            var missing = Header.Except(columns).ToList();
            throw new RegistryCsvException(missing.Count > 0
                ? $"Thiếu cột: {string.Join(", ", missing)}. Dòng tiêu đề phải là {HeaderLine} (có thể thêm {string.Join(", ", RegistryDetails.Columns)})."
                : $"Dòng tiêu đề phải là đúng {HeaderLine}, có thể thêm mỗi cột {string.Join(", ", RegistryDetails.Columns)} một lần.");
        }

        return [.. RegistryDetails.Columns.Select(c => optional.IndexOf(c) is var i and >= 0 ? Header.Length + i : -1)];
    }

    private static IEnumerable<RegistryCsvLine> ReadLines(TextReader reader, DateOnly today, int[] details)
    {
        var state = new LineState(today, details);
        while (reader.ReadLine() is { } line)
        {
            if (state.Next(line) is { } result)
            {
                yield return result;
            }
        }
    }

    private static async IAsyncEnumerable<RegistryCsvLine> ReadLinesAsync(
        TextReader reader, DateOnly today, int[] details, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var state = new LineState(today, details);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (state.Next(line) is { } result)
            {
                yield return result;
            }
        }
    }

    /// <summary>Line counter, ID numbers seen so far and a reusable field buffer: what reading one file remembers.</summary>
    private sealed class LineState(DateOnly today, int[] details)
    {
        private readonly HashSet<long> _seen = [];
        private readonly string[] _fields = new string[Header.Length + details.Count(i => i >= 0)];
        private int _lineNumber = 1;

        public RegistryCsvLine? Next(string line)
        {
            _lineNumber++;
            if (line.Length == 0 || (line.Length == 1 && line[0] == '\r'))
            {
                return null;
            }

            var parsed = Parse(line, _fields, today, out var error);
            if (error is null && details.Any(i => i >= 0))
            {
                parsed = WithDetails(parsed, _fields, details, out error);
            }

            if (error is null && IdNumbers.TryGetKey(parsed.IdNumber, out var key) && !_seen.Add(key))
            {
                error = "Số định danh trùng với một dòng trước trong tệp";
            }

            return new RegistryCsvLine(_lineNumber, parsed, error);
        }
    }

    private static RegistryPerson Parse(string line, string[] fields, DateOnly today, out string? error)
    {
        if (line.Length > MaxLineLength)
        {
            error = $"Dòng dài quá {MaxLineLength} ký tự";
            return default;
        }

        if (line.Contains('\uFFFD', StringComparison.Ordinal))
        {
            // What the UTF-8 decoder puts in place of bytes it cannot read: the file is not UTF-8 (e.g. Windows-1258).
            error = "Dòng có ký tự không đọc được: tệp phải mã hóa UTF-8";
            return default;
        }

        if (!Split(line, fields, out var count))
        {
            error = count < 0 ? "Dấu ngoặc kép không đóng" : $"Dòng có {count} cột, cần đúng {fields.Length} cột";
            return default;
        }

        var idNumber = fields[0].Trim();
        var check = IdNumbers.Check(idNumber, today.Year);
        if (!check.IsWellFormed)
        {
            error = check.Status == IdNumberStatus.Missing ? "Thiếu số định danh" : $"Số định danh không hợp lệ: {check.Reason}";
            return default;
        }

        var fullName = Names.Normalize(fields[1]);
        if (fullName.Length == 0)
        {
            error = "Thiếu họ tên";
            return default;
        }

        if (fullName.Length > Names.MaxLength)
        {
            error = $"Họ tên dài quá {Names.MaxLength} ký tự";
            return default;
        }

        if (!DateOnly.TryParseExact(fields[2].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dateOfBirth))
        {
            error = "Ngày sinh phải có dạng yyyy-MM-dd";
            return default;
        }

        if (dateOfBirth > today || dateOfBirth.Year < 1880)
        {
            error = "Ngày sinh nằm ngoài khoảng hợp lệ (từ 1880 đến hôm nay)";
            return default;
        }

        Gender gender;
        switch (fields[3].Trim().ToLowerInvariant())
        {
            case "male":
                gender = Gender.Male;
                break;
            case "female":
                gender = Gender.Female;
                break;
            default:
                error = "Giới tính phải là male hoặc female";
                return default;
        }

        var communeCode = fields[4].Trim();
        if (AdminUnitDirectory.Default.Find(communeCode) is not { Level: AdminLevel.Commune })
        {
            error = $"Mã xã '{communeCode}' không phải xã/phường/thị trấn của tỉnh";
            return default;
        }

        var householdId = fields[5].Trim();
        if (householdId.Length is 0 or > 64)
        {
            error = "Mã hộ phải có từ 1 đến 64 ký tự";
            return default;
        }

        bool isHead;
        switch (fields[6].Trim().ToLowerInvariant())
        {
            case "true" or "1":
                isHead = true;
                break;
            case "false" or "0" or "":
                isHead = false;
                break;
            default:
                error = "is_household_head phải là true hoặc false";
                return default;
        }

        var oldId = fields[7].Trim();
        if (oldId.Length > 0 && (oldId.Length != 9 || !oldId.All(char.IsAsciiDigit)))
        {
            error = "Số CMND cũ phải gồm đúng 9 chữ số";
            return default;
        }

        bool deceased;
        switch (fields[8].Trim().ToLowerInvariant())
        {
            case "alive" or "":
                deceased = false;
                break;
            case "deceased":
                deceased = true;
                break;
            default:
                error = "Trạng thái phải là alive hoặc deceased";
                return default;
        }

        error = null;
        return new RegistryPerson(idNumber, fullName, dateOfBirth, gender, communeCode, householdId, isHead, oldId.Length == 0 ? null : oldId, deceased);
    }

    /// <summary>The person with the optional fields of the line (indexes of <paramref name="details"/>; -1: column absent).</summary>
    private static RegistryPerson WithDetails(RegistryPerson person, string[] fields, int[] details, out string? error)
    {
        var values = new string?[details.Length];
        for (var i = 0; i < details.Length; i++)
        {
            if (details[i] < 0)
            {
                continue;
            }

            var value = fields[details[i]].Trim();
            if (value.Length > RegistryDetails.MaxLength)
            {
                error = $"Cột {RegistryDetails.Columns[i]} dài quá {RegistryDetails.MaxLength} ký tự";
                return default;
            }

            values[i] = value.Normalize(NormalizationForm.FormC);
        }

        error = null;
        return person with { Details = RegistryDetails.From(values) };
    }

    /// <summary>Splits one CSV line into exactly <c>fields.Length</c> fields (RFC 4180 quotes); false with the count found otherwise (-1: open quote).</summary>
    private static bool Split(string line, string[] fields, out int count)
    {
        count = 0;
        if (line.Contains('"', StringComparison.Ordinal))
        {
            return SplitQuoted(line, fields, out count);
        }

        var span = line.AsSpan().TrimEnd('\r');
        var start = 0;
        for (var i = 0; i <= span.Length; i++)
        {
            if (i < span.Length && span[i] != ',')
            {
                continue;
            }

            if (count < fields.Length)
            {
                fields[count] = span[start..i].ToString();
            }

            count++;
            start = i + 1;
        }

        return count == fields.Length;
    }

    private static bool SplitQuoted(string line, string[] fields, out int count)
    {
        count = 0;
        var builder = new StringBuilder();
        var inQuotes = false;
        var span = line.AsSpan().TrimEnd('\r');
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            if (inQuotes)
            {
                if (c == '"' && i + 1 < span.Length && span[i + 1] == '"')
                {
                    builder.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    inQuotes = false;
                }
                else
                {
                    builder.Append(c);
                }
            }
            else if (c == '"')
            {
                inQuotes = true;
            }
            else if (c == ',')
            {
                if (count < fields.Length)
                {
                    fields[count] = builder.ToString();
                }

                count++;
                builder.Clear();
            }
            else
            {
                builder.Append(c);
            }
        }

        if (inQuotes)
        {
            count = -1;
            return false;
        }

        if (count < fields.Length)
        {
            fields[count] = builder.ToString();
        }

        count++;
        return count == fields.Length;
    }
}
