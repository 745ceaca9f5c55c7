using System.Text;
using Dakla06.Cleansing.Data;
using Dakla06.Cleansing.Domain;
using Dakla06.Contracts.Http.Cleansing;
using Dakla06.People;
using Dakla06.ServiceDefaults.Exports;
using Dakla06.ServiceDefaults.Security;
using MiniExcelLibs;

namespace Dakla06.Cleansing.Api;

/// <summary>
/// The results of a batch as CSV (streamed to the response row by row) or XLSX (written to a temporary file, then
/// streamed): every input column, then the class, the reason, the disagreeing fields and the best suggestion.
/// Personal data masked unless <c>pii-reader</c>; an unmasked download is audited. Every header and value passes through
/// <see cref="SpreadsheetCell.Neutralise"/>: the file's text was typed by whoever filled the uploaded batch.
/// </summary>
public static class ResultsExport
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The columns added after the input columns.</summary>
    public static readonly IReadOnlyList<string> ResultHeaders =
    [
        "ket_qua", "ly_do", "truong_sai_lech", "goi_y_so_dinh_danh", "goi_y_ho_ten", "goi_y_ngay_sinh", "goi_y_gioi_tinh",
        "goi_y_ma_xa", "goi_y_diem", "goi_y_ly_do",
    ];

    public static RouteGroupBuilder MapResultsExport(this RouteGroupBuilder batches)
    {
        batches.MapGet(CleansingRoutes.BatchResultsCsv, DownloadCsv).WithName("DownloadBatchResultsCsv")
            .WithSummary("Every input column plus class, reason, disagreeing fields and the best suggestion, as UTF-8 CSV (streamed).");
        batches.MapGet(CleansingRoutes.BatchResultsXlsx, DownloadXlsx).WithName("DownloadBatchResultsXlsx")
            .WithSummary("The same results as an Excel workbook.");
        return batches;
    }

    private static async Task<IResult> DownloadCsv(Guid id, HttpContext context, Caller caller, BatchStore store, PersonalDataAudit audit, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(caller.Scope, id, cancellationToken) is not { } batch)
        {
            return TypedResults.NotFound();
        }

        var unmasked = caller.HasRole(Roles.PiiReader);
        if (unmasked)
        {
            await audit.WriteAsync(caller.Username, CleansingAudit.DownloadResults, id, null, "csv", cancellationToken);
        }

        var columns = BatchColumns.Map(batch.Headers, out _);
        var response = context.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"ket-qua-{id:N}.csv\"";
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16);
        await WriteLineAsync(writer, SpreadsheetCell.NeutraliseAll([.. batch.Headers, .. ResultHeaders]));
        await foreach (var record in store.StreamRecordsAsync(caller.Scope, id, cancellationToken))
        {
            await WriteLineAsync(writer, Row(record, batch.Headers.Length, columns, unmasked));
        }

        await writer.FlushAsync(cancellationToken);
        return TypedResults.Empty;
    }

    private static async Task<IResult> DownloadXlsx(Guid id, Caller caller, BatchStore store, PersonalDataAudit audit, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(caller.Scope, id, cancellationToken) is not { } batch)
        {
            return TypedResults.NotFound();
        }

        var unmasked = caller.HasRole(Roles.PiiReader);
        if (unmasked)
        {
            await audit.WriteAsync(caller.Username, CleansingAudit.DownloadResults, id, null, "xlsx", cancellationToken);
        }

        var columns = BatchColumns.Map(batch.Headers, out _);
        // Excel wants unique column names; a repeated or empty header gets its position appended.
        var names = UniqueNames([.. batch.Headers, .. ResultHeaders]);
        var path = Path.Combine(Path.GetTempPath(), $"dakla06-results-{Guid.NewGuid():N}.xlsx");
        var scope = caller.Scope;
        await Task.Run(() =>
        {
            var rows = store.ReadRecords(scope, id).Select(record =>
            {
                var values = Row(record, batch.Headers.Length, columns, unmasked);
                var row = new Dictionary<string, object?>(names.Length, StringComparer.Ordinal);
                for (var i = 0; i < names.Length; i++)
                {
                    row[names[i]] = values[i];
                }

                return row;
            });
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            file.SaveAs(rows, sheetName: "Kết quả");
        }, cancellationToken);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        return TypedResults.File(stream, XlsxContentType, $"ket-qua-{id:N}.xlsx");
    }

    /// <summary>One output row: the input values (masked unless unmasked), then the result columns; no value a formula.</summary>
    public static string?[] Row(StoredRecord record, int headerCount, BatchColumns columns, bool unmasked)
    {
        var values = new string?[headerCount + ResultHeaders.Count];
        var input = unmasked ? record.Values : RecordMapping.MaskValues(record.Values, columns);
        if (input is not null)
        {
            Array.Copy(input, values, Math.Min(input.Length, headerCount));
        }
        else if (headerCount > 0 && unmasked)
        {
            values[0] = record.RawText;
        }

        var at = headerCount;
        values[at++] = record.Class;
        values[at++] = record.Reason;
        values[at++] = string.Join(' ', record.MismatchedFields);
        var suggestions = RecordMapping.ReadSuggestions(record.Suggestions, mask: !unmasked);
        var best = suggestions.Count > 0 ? suggestions[0] : null;
        values[at++] = best?.IdNumber;
        values[at++] = best?.FullName;
        values[at++] = best?.DateOfBirth;
        values[at++] = best?.Gender;
        values[at++] = best?.CommuneCode;
        values[at++] = best?.Score.ToString(System.Globalization.CultureInfo.InvariantCulture);
        values[at] = best?.Reason;
        return SpreadsheetCell.NeutraliseAll(values);
    }

    private static string[] UniqueNames(IReadOnlyList<string> headers)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var names = new string[headers.Count];
        for (var i = 0; i < headers.Count; i++)
        {
            var name = string.IsNullOrWhiteSpace(headers[i]) ? $"cot_{i + 1}" : SpreadsheetCell.Neutralise(headers[i])!;
            names[i] = seen.Add(name) ? name : $"{name}_{i + 1}";
            seen.Add(names[i]);
        }

        return names;
    }

    private static async Task WriteLineAsync(StreamWriter writer, string?[] values)
    {
        await writer.WriteAsync(RecordLine.Join(values));
        await writer.WriteAsync("\r\n");
    }
}
