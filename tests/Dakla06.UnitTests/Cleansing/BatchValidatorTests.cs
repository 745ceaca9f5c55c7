using System.Text;
using Dakla06.Cleansing.Domain;
using Dakla06.People;
using static Dakla06.UnitTests.Cleansing.CleansingTestRegistry;

namespace Dakla06.UnitTests.Cleansing;

public class BatchValidatorTests
{
    private static readonly BatchColumns Columns = BatchColumns.Canonical;

    private static RecordResult Validate(BatchRow row) => new BatchValidator(Snapshot).Validate(row, Columns);

    public static TheoryData<string, BatchRow, string, string[]> Cases => new()
    {
        { "exact", Row(An), RecordClasses.Matched, [] },
        { "name typed with combining marks", Row(An, name: An.FullName.Normalize(NormalizationForm.FormD)), RecordClasses.Matched, [] },
        { "spaces around the values", Row(An, id: " 066090000001 ", name: "  Nguyễn  Văn An "), RecordClasses.Matched, [] },
        { "ISO date, English gender", Row(An, dob: "1990-02-01", gender: "male"), RecordClasses.Matched, [] },
        { "d/M/yyyy, M", Row(An, dob: "1/2/1990", gender: "M"), RecordClasses.Matched, [] },
        { "typographic apostrophe", Row(Hen, name: "H’ Hen Niê"), RecordClasses.Matched, [] },
        { "other commune is not compared", Row(An, commune: "24999"), RecordClasses.Matched, [] },
        { "diacritics dropped", Row(An, name: "Nguyen Van An"), RecordClasses.InfoMismatch, ["full_name"] },
        { "other case", Row(An, name: "NGUYỄN VĂN AN"), RecordClasses.InfoMismatch, ["full_name"] },
        { "day and month swapped", Row(An, dob: "02/01/1990"), RecordClasses.InfoMismatch, ["date_of_birth"] },
        { "year only", Row(An, dob: "1990"), RecordClasses.InfoMismatch, ["date_of_birth"] },
        { "impossible date", Row(An, dob: "31/02/1990"), RecordClasses.InfoMismatch, ["date_of_birth"] },
        { "wrong gender", Row(An, gender: "Nữ"), RecordClasses.InfoMismatch, ["gender"] },
        { "unreadable gender", Row(An, gender: "?"), RecordClasses.InfoMismatch, ["gender"] },
        { "empty name", Row(An, name: " "), RecordClasses.InfoMismatch, ["full_name"] },
        { "everything wrong", Row(An, name: "Trần Thị Bình", dob: "25/12/1985", gender: "Nữ"), RecordClasses.InfoMismatch, ["full_name", "date_of_birth", "gender"] },
        { "encoded year disagrees", Row(WrongYear), RecordClasses.InfoMismatch, ["date_of_birth"] },
        { "encoded gender disagrees", Row(WrongGender), RecordClasses.InfoMismatch, ["gender"] },
        { "deceased", Row(Cuong), RecordClasses.Deceased, [] },
        { "deceased wins over mismatch", Row(Cuong, name: "Le Van Cuong", gender: "Nữ"), RecordClasses.Deceased, [] },
        { "not in the registry", Row(An, id: "066090999999"), RecordClasses.NotFound, [] },
        { "not found wins over wrong fields", Row(An, id: "066090999999", gender: "x"), RecordClasses.NotFound, [] },
        { "11 digits", Row(An, id: "06609000000"), RecordClasses.MalformedId, [] },
        { "letters", Row(An, id: "06609000000O"), RecordClasses.MalformedId, [] },
        { "unknown place code", Row(An, id: "003090000001"), RecordClasses.MalformedId, [] },
        { "future century", Row(An, id: "066490000001"), RecordClasses.MalformedId, [] },
        { "old 9-digit number", Row(An, id: "241234567"), RecordClasses.MalformedId, [] },
        { "missing", Row(An, id: ""), RecordClasses.MissingId, [] },
        { "missing wins over the rest", Row(An, id: "  ", name: "", dob: "", gender: ""), RecordClasses.MissingId, [] },
        { "unreadable", new BatchRow(9, new string?[5], "Dòng có 3 cột, tiêu đề có 5 cột"), RecordClasses.Unreadable, [] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_record_gets_exactly_one_class(string why, BatchRow row, string expectedClass, string[] mismatched)
    {
        var result = Validate(row);
        Assert.True(expectedClass == result.Class, $"{why}: expected {expectedClass}, got {result.Class}");
        Assert.Equal(mismatched, result.MismatchedFields);
        Assert.True(RecordClasses.IsKnown(result.Class));
        if (result.Class is RecordClasses.Matched or RecordClasses.Unreadable)
        {
            Assert.Empty(result.Suggestions);
        }
    }

    [Fact]
    public void Matched_id_number_is_the_registry_number()
    {
        Assert.Equal(An.IdNumber, Validate(Row(An, id: " 066090000001 ")).MatchedIdNumber);
        Assert.Equal(An.IdNumber, Validate(Row(An, gender: "Nữ")).MatchedIdNumber);
        Assert.Equal(Cuong.IdNumber, Validate(Row(Cuong)).MatchedIdNumber);
        Assert.Null(Validate(Row(An, id: "066090999999")).MatchedIdNumber);
        Assert.Null(Validate(Row(An, id: "")).MatchedIdNumber);
    }

    [Fact]
    public void Reasons_for_malformed_and_unreadable()
    {
        Assert.Equal(IdNumbers.ReasonPlaceCode, Validate(Row(An, id: "003090000001")).Reason);
        Assert.Equal(IdNumbers.ReasonCentury, Validate(Row(An, id: "066490000001")).Reason);
        Assert.Equal(IdNumbers.ReasonLength, Validate(Row(An, id: "123")).Reason);
        Assert.Equal("Dòng dài quá 4096 ký tự", Validate(new BatchRow(3, new string?[5], BatchFileReader.ReasonTooLong)).Reason);
    }

    [Fact]
    public void Duplicate_in_batch_is_a_later_record_with_the_same_number_for_a_different_person()
    {
        var validator = new BatchValidator(Snapshot);
        var classes = new[]
        {
            Row(An, line: 2), // first use: matched
            Row(An, line: 3), // the same person again is not a duplicate
            Row(An, name: "nguyen van an", line: 4), // same folded name and date: same person, just a mismatch
            Row(An, name: "Trần Thị Bình", line: 5), // another name → duplicate
            Row(An, dob: "02/02/1990", line: 6), // another date → duplicate
            Row(An, id: "066090999999", line: 7), // not found, first use of this number
            Row(Binh, id: "066090999999", line: 8), // the unknown number again for someone else → duplicate wins over not_found
            Row(Cuong, line: 9),
            Row(Hen, id: Cuong.IdNumber, line: 10), // a deceased person's number reused → duplicate wins over deceased
            Row(An, id: "", line: 11), // missing IDs are never duplicates of each other
            Row(Binh, id: "", line: 12),
        }.Select(row => validator.Validate(row, Columns).Class).ToList();

        Assert.Equal(
        [
            RecordClasses.Matched, RecordClasses.Matched, RecordClasses.InfoMismatch, RecordClasses.DuplicateInBatch, RecordClasses.DuplicateInBatch,
            RecordClasses.NotFound, RecordClasses.DuplicateInBatch, RecordClasses.Deceased, RecordClasses.DuplicateInBatch,
            RecordClasses.MissingId, RecordClasses.MissingId,
        ], classes);
    }

    [Fact]
    public void A_new_validator_per_batch_forgets_the_previous_batch()
    {
        var first = new BatchValidator(Snapshot);
        first.Validate(Row(An), Columns);
        Assert.Equal(RecordClasses.DuplicateInBatch, first.Validate(Row(An, name: "Trần Thị Bình"), Columns).Class);
        Assert.Equal(RecordClasses.InfoMismatch, new BatchValidator(Snapshot).Validate(Row(An, name: "Trần Thị Bình"), Columns).Class);
    }

    [Fact]
    public void Every_class_but_matched_and_unreadable_gets_suggestions()
    {
        Assert.NotEmpty(Validate(Row(An, id: "")).Suggestions); // missing_id
        Assert.NotEmpty(Validate(Row(An, id: "06609000000")).Suggestions); // malformed_id
        Assert.NotEmpty(Validate(Row(An, id: "066090999999")).Suggestions); // not_found
        Assert.NotEmpty(Validate(Row(An, gender: "Nữ")).Suggestions); // info_mismatch
        Assert.NotEmpty(Validate(Row(Cuong)).Suggestions); // deceased
        var validator = new BatchValidator(Snapshot);
        validator.Validate(Row(An), Columns);
        var duplicate = validator.Validate(Row(Binh, id: An.IdNumber), Columns);
        Assert.Equal(RecordClasses.DuplicateInBatch, duplicate.Class);
        Assert.Equal(Binh.IdNumber, duplicate.BestSuggestion!.IdNumber);
    }

    [Fact]
    public void Without_suggestions_the_class_is_the_same_and_suggest_adds_them_later()
    {
        var row = Row(Hoa, id: "", name: "Dang Thi Hoa");
        var validator = new BatchValidator(Snapshot);
        var bare = validator.Validate(row, Columns, withSuggestions: false);
        Assert.Equal(RecordClasses.MissingId, bare.Class);
        Assert.Empty(bare.Suggestions);
        var suggestions = validator.Suggest(row, Columns, bare);
        Assert.Equal(Hoa.IdNumber, suggestions[0].IdNumber);
        Assert.Equal(suggestions.Select(s => s.IdNumber), new BatchValidator(Snapshot).Validate(row, Columns).Suggestions.Select(s => s.IdNumber));
        Assert.Empty(validator.Suggest(Row(An), Columns, validator.Validate(Row(Binh), Columns, withSuggestions: false)));
    }

    [Fact]
    public void Columns_found_anywhere_in_the_row_and_absent_commune()
    {
        var columns = new BatchColumns(FullName: 3, DateOfBirth: 0, Gender: 2, IdNumber: 1);
        var row = new BatchRow(2, ["01/02/1990", "066090000001", "Nam", "Nguyễn Văn An", "ghi chú"]);
        Assert.Equal(RecordClasses.Matched, new BatchValidator(Snapshot).Validate(row, columns).Class);
    }

    [Fact]
    public void The_snapshot_looks_up_persons_by_number()
    {
        Assert.Equal(Persons.Count, Snapshot.Count);
        Assert.Equal(7, Snapshot.Version);
        Assert.True(Snapshot.TryGet(" 066178000003 ", out var hen));
        Assert.Equal(Hen, hen);
        Assert.Null(Snapshot.Find("066178000099"));
        Assert.False(Snapshot.Contains("abc"));
        Assert.Equal(0, RegistrySnapshot.Empty.Count);
        Assert.Equal(RecordClasses.NotFound, new BatchValidator(RegistrySnapshot.Empty).Validate(Row(An), Columns).Class);
    }

    [Fact]
    public void A_repeated_number_in_the_registry_input_is_held_once()
    {
        var snapshot = new RegistrySnapshot([An, An with { FullName = "Người Khác" }, Binh], 1);
        Assert.Equal(2, snapshot.Count);
        Assert.Equal("Nguyễn Văn An", snapshot.Find(An.IdNumber)!.Value.FullName);
    }
}
