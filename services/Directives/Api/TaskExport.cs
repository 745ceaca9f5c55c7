using System.Globalization;
using Dakla06.Contracts.AdminUnits;
using Dakla06.Directives.Data;
using Dakla06.Directives.Domain;
using Dakla06.ServiceDefaults.Exports;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;

namespace Dakla06.Directives.Api;

/// <summary>The task list as an .xlsx workbook with Vietnamese headers, for leaders' reports; typed text never becomes a formula.</summary>
public static class TaskExport
{
    public const int MaxRows = 10_000;
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string SheetName = "Nhiệm vụ";

    public static async Task<byte[]> ToXlsxAsync(IEnumerable<TaskRow> rows, DateOnly today, CancellationToken cancellationToken)
    {
        var sheet = rows.Select(row => new TaskExportRow
        {
            DocumentNumber = SpreadsheetCell.Neutralise(row.DocumentNumber ?? row.SourceId) ?? string.Empty,
            Title = SpreadsheetCell.Neutralise(row.Title)!,
            Assignee = AdminUnitDirectory.Default.NameOf(row.AssigneeUnitCode),
            Assigner = AdminUnitDirectory.Default.NameOf(row.AssignerUnitCode),
            DueOn = row.DueOn.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
            Status = TaskStatuses.Vietnamese(row.State),
            Overdue = row.IsOverdue(today) ? "Có" : "Không",
            Percent = row.LatestPercent,
        }).ToList();

        using var stream = new MemoryStream();
        await stream.SaveAsAsync(sheet, sheetName: SheetName, cancellationToken: cancellationToken);
        return stream.ToArray();
    }
}

/// <summary>One row of the export; the attributes are the Vietnamese column headers (written even when there are no rows).</summary>
public sealed class TaskExportRow
{
    [ExcelColumnName("Số văn bản")]
    public string DocumentNumber { get; init; } = string.Empty;

    [ExcelColumnName("Nhiệm vụ")]
    public string Title { get; init; } = string.Empty;

    [ExcelColumnName("Đơn vị thực hiện")]
    public string Assignee { get; init; } = string.Empty;

    [ExcelColumnName("Đơn vị giao")]
    public string Assigner { get; init; } = string.Empty;

    [ExcelColumnName("Hạn xử lý")]
    public string DueOn { get; init; } = string.Empty;

    [ExcelColumnName("Trạng thái")]
    public string Status { get; init; } = string.Empty;

    [ExcelColumnName("Quá hạn")]
    public string Overdue { get; init; } = string.Empty;

    [ExcelColumnName("Tiến độ (%)")]
    public int? Percent { get; init; }
}
