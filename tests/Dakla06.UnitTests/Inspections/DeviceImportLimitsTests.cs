using System.IO.Compression;
using System.Text;
using Dakla06.Contracts.AdminUnits;
using Dakla06.Inspections.Domain;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using MiniExcelLibs;

namespace Dakla06.UnitTests.Inspections;

/// <summary>
/// A device import file is read line by line and refused at its line limit, before it costs memory: a few KB of XLSX
/// can declare a million rows, which used to be loaded into a list (about 860 MB) before the limit was checked.
/// </summary>
public class DeviceImportLimitsTests
{
    private static readonly UnitScope BuonMaThuot = new(AdminUnitDirectory.Default.Get("643"));

    [Theory]
    [InlineData(true)]   // the sheet declares its million rows: refused before a row is read
    [InlineData(false)]  // the sheet declares two rows but holds row 1,000,000: refused while streaming
    public void A_small_xlsx_with_a_million_rows_is_refused_without_loading_them(bool declared)
    {
        var content = XlsxWithLastRow(1_000_000, declared);
        Assert.InRange(content.Length, 1, 20_000);

        var (file, errors, allocated) = Read("thiet-bi.xlsx", content);

        Assert.Null(file);
        Assert.Contains($"quá {DeviceImport.MaxLines:N0} dòng", Assert.Single(errors["file"]), StringComparison.Ordinal);
        Assert.True(allocated < 100_000_000, $"reading allocated {allocated / 1_000_000} MB");
    }

    [Fact]
    public void A_csv_past_the_line_limit_is_refused_even_when_its_lines_are_blank()
    {
        var csv = "asset_tag,unit_code,purpose\n" + new string('\n', 200_000) + "CA-643-LT-001,643,Thu nhận hồ sơ\n";

        var (file, errors, _) = Read("thiet-bi.csv", Encoding.UTF8.GetBytes(csv));

        Assert.Null(file);
        Assert.Contains($"quá {DeviceImport.MaxLines:N0} dòng", Assert.Single(errors["file"]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_within_the_limits_is_still_read()
    {
        var csv = "asset_tag,unit_code,purpose\n" + new string('\n', 500) + "CA-643-LT-001,643,Thu nhận hồ sơ\n";

        var (file, errors, _) = Read("thiet-bi.csv", Encoding.UTF8.GetBytes(csv));

        Assert.Empty(errors);
        Assert.Equal(502, Assert.Single(file!.Rows).Line); // header on line 1, 500 blank lines
    }

    private static (DeviceImportFile? File, IDictionary<string, string[]> Errors, long Allocated) Read(string fileName, byte[] content)
    {
        var errors = new ValidationErrors();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var file = DeviceImport.Read(fileName, content, BuonMaThuot, errors);
        return (file, errors.ToDictionary(), GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>A header and one device, the device's row moved to <paramref name="lastRow"/>; the dimension says so only when <paramref name="declared"/>.</summary>
    private static byte[] XlsxWithLastRow(int lastRow, bool declared)
    {
        using var workbook = new MemoryStream();
        workbook.SaveAs(new[]
        {
            new Dictionary<string, object> { ["A"] = "asset_tag", ["B"] = "unit_code", ["C"] = "purpose" },
            new Dictionary<string, object> { ["A"] = "CA-643-LT-001", ["B"] = "643", ["C"] = "Thu nhận hồ sơ" },
        }, printHeader: false);
        using (var zip = new ZipArchive(workbook, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.Entries.Single(e => e.FullName.EndsWith("sheet1.xml", StringComparison.Ordinal));
            string xml;
            using (var reader = new StreamReader(entry.Open()))
            {
                xml = reader.ReadToEnd();
            }

            xml = xml.Replace("<x:row r=\"2\"", $"<x:row r=\"{lastRow}\"", StringComparison.Ordinal)
                .Replace("r=\"A2\"", $"r=\"A{lastRow}\"", StringComparison.Ordinal)
                .Replace("r=\"B2\"", $"r=\"B{lastRow}\"", StringComparison.Ordinal)
                .Replace("r=\"C2\"", $"r=\"C{lastRow}\"", StringComparison.Ordinal);
            if (declared)
            {
                xml = xml.Replace("ref=\"A1:C2\"", $"ref=\"A1:C{lastRow}\"", StringComparison.Ordinal);
            }

            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open());
            writer.Write(xml);
        }

        return workbook.ToArray();
    }
}
