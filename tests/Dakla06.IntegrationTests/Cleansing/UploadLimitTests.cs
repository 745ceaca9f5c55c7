using System.Net;
using System.Text;
using System.Text.Json;
using Dakla06.IntegrationTests.Support;

namespace Dakla06.IntegrationTests.Cleansing;

/// <summary>
/// The text fields of a batch upload are bounded while they stream: a field past 200 characters is a 400 naming it,
/// where it used to be read whole (a 500 MB field held in memory) and then cut, so "643" followed by megabytes of
/// padding was accepted as unit 643.
/// </summary>
public sealed class UploadLimitTests(CleansingFixture fixture) : IClassFixture<CleansingFixture>
{
    [Fact]
    public async Task A_form_field_past_its_bound_is_a_400_naming_it_and_nothing_is_stored()
    {
        var cancel = TestContext.Current.CancellationToken;
        var officer = await SignedIn.ClientAsync(fixture.Api, fixture.Identity, "bmt.officer");
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes("ho_ten,ngay_sinh,gioi_tinh,so_dinh_danh\r\nTrần Thị Bình,04/03/1985,Nữ,\r\n")), "file", "batch.csv");
        form.Add(new StringContent("vaccination"), "dataset");
        form.Add(new StringContent("643" + new string(' ', 8 * 1024 * 1024)), "unitCode");

        using var response = await officer.PostAsync("/api/cleansing/batches", form, cancel);

        var body = await response.Content.ReadAsStringAsync(cancel);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400, got {(int)response.StatusCode} {body}");
        Assert.Equal(["unitCode"], JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM batches"));
    }
}
