using Dakla06.Directives.Domain;
using Dakla06.ServiceDefaults.Http;

namespace Dakla06.UnitTests.Directives;

public class NewDocumentTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    [Fact]
    public void Valid_request_becomes_a_document_with_the_unit_resolved()
    {
        var errors = new ValidationErrors();
        var document = NewDocument.TryCreate("plan", "42/kh-ubnd", "643", new DateOnly(2026, 3, 1), " Triển khai Đề án 06 ", null, Today, errors);

        Assert.True(errors.IsEmpty);
        Assert.NotNull(document);
        Assert.Equal("42/KH-UBND", document.Number);
        Assert.Equal("66.643", document.IssuingUnit.Path);
        Assert.Equal("Triển khai Đề án 06", document.Subject);
    }

    [Fact]
    public void Every_invalid_field_is_reported_by_its_name()
    {
        var errors = new ValidationErrors();
        var document = NewDocument.TryCreate("memo", "", "99999", Today.AddDays(1), " ", new string('x', 5000), Today, errors);

        Assert.Null(document);
        var fields = errors.ToDictionary().Keys.Order().ToList();
        Assert.Equal(["issuedOn", "issuingUnitCode", "number", "subject", "summary", "type"], fields);
    }
}
