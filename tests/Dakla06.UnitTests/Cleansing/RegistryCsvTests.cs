using Dakla06.Cleansing.Domain;
using Dakla06.Cleansing.Registry;
using Dakla06.People;

namespace Dakla06.UnitTests.Cleansing;

/// <summary>The registry import format: what the writer writes the reader reads back; bad lines are reported, not dropped.</summary>
public class RegistryCsvTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    [Fact]
    public void Generated_registry_round_trips_through_the_file_format()
    {
        var persons = new RegistryGenerator(3).Generate(3_000).ToList();
        var writer = new StringWriter();
        RegistryCsv.Write(writer, persons);

        var lines = RegistryCsv.Read(new StringReader(writer.ToString()), Today).ToList();

        Assert.All(lines, l => Assert.Null(l.Error));
        Assert.Equal(persons, lines.Select(l => l.Person));
        Assert.Equal(Enumerable.Range(2, persons.Count), lines.Select(l => l.LineNumber));
        Assert.StartsWith(RegistryCsv.HeaderLine + "\n", writer.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("06609012345,Nguyễn Văn A,1990-01-02,male,24118,H1,true,,alive", "12 chữ số")]
    [InlineData("999090123456,Nguyễn Văn A,1990-01-02,male,24118,H1,true,,alive", "Mã tỉnh")]
    [InlineData("066090123456,,1990-01-02,male,24118,H1,true,,alive", "Thiếu họ tên")]
    [InlineData("066090123456,Nguyễn Văn A,02/01/1990,male,24118,H1,true,,alive", "yyyy-MM-dd")]
    [InlineData("066090123456,Nguyễn Văn A,2099-01-02,male,24118,H1,true,,alive", "Ngày sinh")]
    [InlineData("066090123456,Nguyễn Văn A,1990-01-02,Nam,24118,H1,true,,alive", "male hoặc female")]
    [InlineData("066090123456,Nguyễn Văn A,1990-01-02,male,99999,H1,true,,alive", "Mã xã '99999'")]
    [InlineData("066090123456,Nguyễn Văn A,1990-01-02,male,643,H1,true,,alive", "Mã xã '643'")]
    [InlineData("066090123456,Nguyễn Văn A,1990-01-02,male,24118,,true,,alive", "Mã hộ")]
    [InlineData("066090123456,Nguyễn Văn A,1990-01-02,male,24118,H1,yes,,alive", "is_household_head")]
    [InlineData("066090123456,Nguyễn Văn A,1990-01-02,male,24118,H1,true,12345,alive", "9 chữ số")]
    [InlineData("066090123456,Nguyễn Văn A,1990-01-02,male,24118,H1,true,,dead", "alive hoặc deceased")]
    [InlineData("066090123456,Nguyễn Văn A,1990-01-02,male,24118,H1,true,alive", "cần đúng 9 cột")]
    [InlineData("066090123456,\"Nguyễn Văn A,1990-01-02,male,24118,H1,true,,alive", "ngoặc kép")]
    public void Invalid_line_is_rejected_with_its_reason_and_the_next_line_is_still_read(string line, string reason)
    {
        var file = $"{RegistryCsv.HeaderLine}\n{line}\n066190123456,Trần Thị B,1990-03-04,female,24118,H1,false,,alive\n";

        var lines = RegistryCsv.Read(new StringReader(file), Today).ToList();

        Assert.Equal(2, lines.Count);
        Assert.Equal(2, lines[0].LineNumber);
        Assert.Contains(reason, lines[0].Error, StringComparison.Ordinal);
        Assert.True(lines[1].IsValid);
        Assert.Equal(3, lines[1].LineNumber);
    }

    [Fact]
    public void Quoted_fields_crlf_bom_and_lenient_flags_are_read()
    {
        var file = "\uFEFF" + RegistryCsv.HeaderLine + "\r\n"
            + "066090123456,\"Nguyễn Văn \"\"A\"\"\",1990-01-02,MALE,24118,\"H,1\",1,240123456,\r\n"
            + "\r\n"
            + "066190123457,H'  Hen   Niê,1990-03-04,female,24118,H2,,,Deceased\r\n";

        var lines = RegistryCsv.Read(new StringReader(file), Today).ToList();

        Assert.All(lines, l => Assert.Null(l.Error));
        Assert.Equal(new RegistryPerson("066090123456", "Nguyễn Văn \"A\"", new DateOnly(1990, 1, 2), Gender.Male, "24118", "H,1", true, "240123456", false), lines[0].Person);
        Assert.Equal(4, lines[1].LineNumber);
        Assert.Equal("H' Hen Niê", lines[1].Person.FullName);
        Assert.True(lines[1].Person.Deceased);
        Assert.False(lines[1].Person.IsHouseholdHead);
    }

    [Fact]
    public void A_repeated_id_number_is_rejected_on_its_later_line()
    {
        var file = $"{RegistryCsv.HeaderLine}\n"
            + "066090123456,Nguyễn Văn A,1990-01-02,male,24118,H1,true,,alive\n"
            + "066090123456,Nguyễn Văn Á,1990-01-02,male,24118,H1,true,,alive\n";

        var lines = RegistryCsv.Read(new StringReader(file), Today).ToList();

        Assert.True(lines[0].IsValid);
        Assert.Contains("trùng", lines[1].Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Optional_columns_may_follow_in_any_order_and_an_absent_one_is_not_given()
    {
        var file = $"{RegistryCsv.HeaderLine},ton_giao,dan_toc\n"
            + "066090123456,Nguyễn Văn A,1990-01-02,male,24118,H1,true,,alive,Phật giáo,Kinh\n"
            + "066190123456,Trần Thị B,1990-03-04,female,24118,H1,false,,alive,,Ê Đê\n";

        var lines = RegistryCsv.Read(new StringReader(file), Today).ToList();

        Assert.All(lines, l => Assert.True(l.IsValid, l.Error));
        Assert.Equal(new RegistryDetails("Kinh", "Phật giáo", null, null, null), lines[0].Person.Details);
        Assert.Equal(string.Empty, lines[1].Person.Details!.Religion);
        Assert.Null(RegistryCsv.Read(new StringReader($"{RegistryCsv.HeaderLine}\n066090123456,Nguyễn Văn A,1990-01-02,male,24118,H1,true,,alive\n"), Today)
            .Single().Person.Details);
        Assert.Throws<RegistryCsvException>(() => RegistryCsv.Read(new StringReader($"{RegistryCsv.HeaderLine},nhom_mau\n"), Today).ToList());
    }

    [Fact]
    public void Written_details_read_back_the_same()
    {
        var persons = DemoRegistry.Generate(5, 300).ToList();
        var writer = new StringWriter();
        RegistryCsv.Write(writer, persons, withDetails: true);

        var read = RegistryCsv.Read(new StringReader(writer.ToString()), Today).ToList();

        Assert.Equal(persons, read.Select(l => l.Person));
    }

    [Theory]
    [InlineData("", "Tệp trống")]
    [InlineData("id_number,full_name,date_of_birth,gender,commune_code\n", "Thiếu cột: household_id")]
    [InlineData("full_name,id_number,date_of_birth,gender,commune_code,household_id,is_household_head,old_id_number,status\n", "phải là đúng")]
    public void A_file_without_the_import_header_is_refused_whole(string file, string message)
    {
        var error = Assert.Throws<RegistryCsvException>(() => RegistryCsv.Read(new StringReader(file), Today).ToList());
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
