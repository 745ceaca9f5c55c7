using System.Text;
using Dakla06.Cleansing.Domain;
using Dakla06.People;
using MiniExcelLibs;

namespace Dakla06.UnitTests.Cleansing;

public class BatchFileReaderTests
{
    private static BatchFile Csv(string text, bool bom = false)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bom)
        {
            bytes = [0xEF, 0xBB, 0xBF, .. bytes];
        }

        return BatchFileReader.Open(new MemoryStream(bytes), "batch.csv");
    }

    private static BatchFile CsvBytes(byte[] bytes) => BatchFileReader.Open(new MemoryStream(bytes), "batch.csv");

    [Fact]
    public void English_headers_map_and_rows_stream_with_line_numbers()
    {
        using var file = Csv("full_name,date_of_birth,gender,id_number,commune_code,phone,source_id\n" +
                             "Nguyễn Văn An,01/02/1990,Nam,066090001234,24121,0905123456,A1\n" +
                             "Trần Thị Bình,1985,Nữ,066185004321,24118,,A2\n");
        Assert.Equal(new BatchColumns(0, 1, 2, 3, 4, 5, 6), file.Columns);
        var rows = file.Rows.ToList();
        Assert.Equal([2L, 3L], rows.Select(r => r.LineNumber));
        Assert.Equal(["Nguyễn Văn An", "01/02/1990", "Nam", "066090001234", "24121", "0905123456", "A1"], rows[0].Values);
        Assert.Equal("", rows[1].Values[5]);
        Assert.All(rows, row => Assert.Null(row.Unreadable));
    }

    [Fact]
    public void Vietnamese_headers_with_bom_semicolons_and_unknown_columns_kept()
    {
        using var file = Csv("STT;Họ tên;Ngày sinh;Giới tính;Số định danh;Mã xã;Ghi chú\r\n" +
                             "1;Y Moan Ênuôl;1970;Nam;066070000001;24121;đã tiêm 2 mũi\r\n", bom: true);
        Assert.Equal(["STT", "Họ tên", "Ngày sinh", "Giới tính", "Số định danh", "Mã xã", "Ghi chú"], file.Headers);
        Assert.Equal(new BatchColumns(FullName: 1, DateOfBirth: 2, Gender: 3, IdNumber: 4, CommuneCode: 5), file.Columns);
        var row = Assert.Single(file.Rows);
        Assert.Equal("1", row.Values[0]);
        Assert.Equal("đã tiêm 2 mũi", row.Values[6]);
    }

    [Theory]
    [InlineData("ho_ten,ngay_sinh,gioi_tinh,so_dinh_danh,ma_xa")]
    [InlineData("ho_ten,ngay_sinh,gioi_tinh,cccd,ma_xa")]
    [InlineData("HO_TEN,NGAY_SINH,GIOI_TINH,CCCD,MA_XA")]
    [InlineData("Họ và tên,Ngày sinh,Giới tính,CCCD,Mã xã")]
    public void Vietnamese_aliases(string header)
    {
        using var file = Csv(header + "\n");
        Assert.Equal(new BatchColumns(0, 1, 2, 3, 4), file.Columns);
        Assert.Empty(file.Rows);
    }

    [Fact]
    public void Quoted_fields_with_delimiters_quotes_and_newlines()
    {
        using var file = Csv("full_name,date_of_birth,gender,id_number,note\n" +
                             "\"Nguyễn, Văn An\",01/02/1990,Nam,066090001234,\"nói \"\"xin chào\"\"\"\n" +
                             "H' Hen Niê,1990,Nữ,066190000002,\"hai\ndòng\"\n" +
                             "Lê Văn C,1990,Nam,066090000003,\n");
        var rows = file.Rows.ToList();
        Assert.Equal("Nguyễn, Văn An", rows[0].Values[0]);
        Assert.Equal("nói \"xin chào\"", rows[0].Values[4]);
        Assert.Equal("hai\ndòng", rows[1].Values[4]);
        Assert.Equal([2L, 3L, 5L], rows.Select(r => r.LineNumber)); // the quoted newline spans lines 3–4
        Assert.Equal("", rows[2].Values[4]);
    }

    [Fact]
    public void Missing_required_columns_are_all_named()
    {
        var error = Assert.Throws<BatchFileException>(() => Csv("ho_ten,so_dien_thoai,ghi_chu\nA,1,2\n"));
        Assert.Equal(["date_of_birth", "gender", "id_number"], error.MissingColumns);
        Assert.Contains("date_of_birth, gender, id_number", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n\r\n")]
    [InlineData(",,,\n")]
    public void Empty_file_or_no_header_is_refused(string text)
    {
        var error = Assert.Throws<BatchFileException>(() => Csv(text));
        Assert.Empty(error.MissingColumns);
    }

    [Fact]
    public void Utf16_file_is_refused() =>
        Assert.Throws<BatchFileException>(() => CsvBytes([0xFF, 0xFE, .. Encoding.Unicode.GetBytes("ho_ten,ngay_sinh,gioi_tinh,cccd\n")]));

    [Fact]
    public void Header_in_another_encoding_is_refused() =>
        Assert.Throws<BatchFileException>(() => CsvBytes([.. Encoding.ASCII.GetBytes("h"), 0xD3, .. Encoding.ASCII.GetBytes(" ten,ngay_sinh,gioi_tinh,cccd\n")]));

    [Fact]
    public void Bad_lines_become_unreadable_rows_with_their_line_number_and_nothing_is_dropped()
    {
        var header = "full_name,date_of_birth,gender,id_number\n";
        var good = "Nguyễn Văn An,01/02/1990,Nam,066090001234\n";
        var huge = "Nguyễn Văn " + new string('A', 5000) + ",01/02/1990,Nam,066090001234\n";
        var wrongCount = "Trần Thị Bình,1985,Nữ\n";
        var extra = "Trần Thị Bình,1985,Nữ,066185004321,thừa\n";
        var brokenQuote = "\"Lê\"Văn,1985,Nữ,066185004321\n";
        var bytes = new List<byte>();
        bytes.AddRange(Encoding.UTF8.GetBytes(header + good + huge + wrongCount + extra + brokenQuote));
        bytes.AddRange(Encoding.Latin1.GetBytes("Nguy\u00EAn V\u00E2n,01/02/1990,Nam,066090001234\n")); // Latin-1 bytes: not UTF-8
        bytes.AddRange(Encoding.UTF8.GetBytes(good + "\n" + good));

        using var file = CsvBytes([.. bytes]);
        var rows = file.Rows.ToList();
        Assert.Equal([2L, 3L, 4L, 5L, 6L, 7L, 8L, 10L], rows.Select(r => r.LineNumber));
        Assert.Null(rows[0].Unreadable);
        Assert.Equal(BatchFileReader.ReasonTooLong, rows[1].Unreadable);
        Assert.Equal(BatchFileReader.MaxLineLength, rows[1].RawText!.Length);
        Assert.Equal(BatchFileReader.ReasonColumnCount(3, 4), rows[2].Unreadable);
        Assert.Equal("Trần Thị Bình,1985,Nữ", rows[2].RawText);
        Assert.Equal(BatchFileReader.ReasonColumnCount(5, 4), rows[3].Unreadable);
        Assert.Equal(BatchFileReader.ReasonQuotes, rows[4].Unreadable);
        Assert.Equal(BatchFileReader.ReasonEncoding, rows[5].Unreadable);
        Assert.Null(rows[6].Unreadable);
        Assert.Null(rows[7].Unreadable);
        Assert.All(rows.Where(r => r.IsUnreadable), row => Assert.Equal(4, row.Values.Length));
    }

    [Fact]
    public void An_unclosed_quote_does_not_swallow_the_rest_of_the_file()
    {
        var text = new StringBuilder("full_name,date_of_birth,gender,id_number\n\"Nguyễn Văn An,01/02/1990,Nam,066090001234\n");
        for (var i = 0; i < 300; i++)
        {
            text.Append("Lê Văn Tám,01/02/1990,Nam,066090001234\n");
        }

        using var file = Csv(text.ToString());
        var rows = file.Rows.ToList();
        // only the line with the open quote is lost; every line after it is read again as its own record
        Assert.Equal(301, rows.Count);
        Assert.Equal((2L, BatchFileReader.ReasonQuotes), (rows[0].LineNumber, rows[0].Unreadable));
        Assert.Equal(Enumerable.Range(3, 300).Select(line => (long)line), rows.Skip(1).Select(r => r.LineNumber));
        Assert.All(rows.Skip(1), row => Assert.Null(row.Unreadable));
    }

    [Fact]
    public void An_open_quote_near_the_end_costs_one_line()
    {
        using var file = Csv("full_name,date_of_birth,gender,id_number\nA,1990,Nam,\"066090001234\nB,1991,Nữ,066191001234\n");
        var rows = file.Rows.ToList();
        Assert.Equal([2L, 3L], rows.Select(r => r.LineNumber));
        Assert.Equal(BatchFileReader.ReasonQuotes, rows[0].Unreadable);
        Assert.Equal("B", rows[1].Values[0]);
    }

    [Fact]
    public void Rows_are_streamed_not_read_ahead()
    {
        var stream = new CountingStream(Encoding.UTF8.GetBytes(
            "full_name,date_of_birth,gender,id_number\n" + string.Concat(Enumerable.Repeat("Nguyễn Văn An,01/02/1990,Nam,066090001234\n", 100_000))));
        using var file = BatchFileReader.Open(stream, "big.csv");
        using var rows = file.Rows.GetEnumerator();
        Assert.True(rows.MoveNext());
        Assert.True(stream.Position < 200_000, $"read {stream.Position} bytes for the first row");
    }

    [Fact]
    public void Xlsx_first_sheet_with_vietnamese_headers_dates_and_numbers()
    {
        var sheet = new List<Dictionary<string, object?>>
        {
            new() { ["Họ tên"] = "Nguyễn Văn An", ["Ngày sinh"] = new DateTime(1990, 2, 1), ["Giới tính"] = "Nam", ["CCCD"] = "066090001234", ["Ghi chú"] = 12 },
            new() { ["Họ tên"] = "H' Hen Niê", ["Ngày sinh"] = "1990", ["Giới tính"] = "Nữ", ["CCCD"] = null, ["Ghi chú"] = null },
            new() { ["Họ tên"] = new string('x', 5000), ["Ngày sinh"] = "1990", ["Giới tính"] = "Nữ", ["CCCD"] = null, ["Ghi chú"] = null },
        };
        var stream = new MemoryStream();
        stream.SaveAs(sheet, excelType: ExcelType.XLSX);
        stream.Position = 0;

        using var file = BatchFileReader.Open(stream, "Danh sách.XLSX");
        Assert.Equal(["Họ tên", "Ngày sinh", "Giới tính", "CCCD", "Ghi chú"], file.Headers);
        Assert.Equal(new BatchColumns(0, 1, 2, 3), file.Columns);
        var rows = file.Rows.ToList();
        Assert.Equal([2L, 3L, 4L], rows.Select(r => r.LineNumber));
        Assert.Equal(["Nguyễn Văn An", "01/02/1990", "Nam", "066090001234", "12"], rows[0].Values);
        Assert.Null(rows[1].Values[3]);
        Assert.Equal(BatchFileReader.ReasonTooLong, rows[2].Unreadable);
    }

    [Fact]
    public void Xlsx_missing_columns_and_a_broken_file_are_refused()
    {
        var stream = new MemoryStream();
        stream.SaveAs(new[] { new Dictionary<string, object?> { ["Họ tên"] = "A", ["Ngày sinh"] = "1990" } }, excelType: ExcelType.XLSX);
        stream.Position = 0;
        var error = Assert.Throws<BatchFileException>(() => BatchFileReader.Open(stream, "a.xlsx"));
        Assert.Equal(["gender", "id_number"], error.MissingColumns);

        Assert.Throws<BatchFileException>(() =>
        {
            using var file = BatchFileReader.Open(new MemoryStream(Encoding.UTF8.GetBytes("not a zip at all")), "a.xlsx");
        });
    }

    private sealed class CountingStream(byte[] data) : MemoryStream(data);
}
