using System.Data;
using Dakla06.Contracts.Http;
using Dakla06.ServiceDefaults.Exports;
using MiniExcelLibs;

namespace Dakla06.Web.Shared;

/// <summary>One column of a table exported by <see cref="SpreadsheetExport"/>: its header and its value in a row.</summary>
public sealed record SpreadsheetColumn<T>(string Header, Func<T, object?> Value);

/// <summary>
/// A table the page already shows, as an .xlsx workbook the browser downloads (<see cref="BrowserDownloads"/>): for the
/// small tables computed by an API (figures by unit, the essential services) that have no export endpoint of their own.
/// Headers and text pass through <see cref="SpreadsheetCell.Neutralise"/>; numbers stay numbers.
/// </summary>
public static class SpreadsheetExport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task<ApiFile> ToXlsxAsync<T>(
        string fileName, string sheetName, IReadOnlyList<SpreadsheetColumn<T>> columns, IEnumerable<T> rows, CancellationToken cancellationToken = default)
    {
        // A DataTable writes its headers even when there are no rows.
        using var table = new DataTable(sheetName);
        foreach (var column in columns)
        {
            table.Columns.Add(SpreadsheetCell.Neutralise(column.Header), typeof(object));
        }

        foreach (var row in rows)
        {
            table.Rows.Add([.. columns.Select(column => Cell(column.Value(row)))]);
        }

        using var stream = new MemoryStream();
        await stream.SaveAsAsync(table, sheetName: sheetName, cancellationToken: cancellationToken);
        return new ApiFile(stream.ToArray(), fileName, ContentType);
    }

    /// <summary>
    /// Every row of a paged list (not only the page shown), page by page of the APIs' largest size, up to
    /// <paramref name="maxRows"/>: what an export of a filtered list writes.
    /// </summary>
    public static async Task<List<T>> AllRowsAsync<T>(Func<int, int, Task<PagedResult<T>>> fetch, int maxRows)
    {
        const int pageSize = 200;
        var rows = new List<T>();
        for (var page = 1; rows.Count < maxRows; page++)
        {
            var result = await fetch(page, pageSize);
            rows.AddRange(result.Items);
            if (result.Items.Count < pageSize || rows.Count >= result.Total)
            {
                break;
            }
        }

        return rows;
    }

    private static object Cell(object? value) => value switch
    {
        null => DBNull.Value,
        string text => SpreadsheetCell.Neutralise(text)!,
        _ => value,
    };
}
