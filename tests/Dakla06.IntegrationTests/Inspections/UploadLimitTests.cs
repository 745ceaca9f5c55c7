using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dakla06.Contracts.Http.Inspections;
using Dakla06.Inspections.Domain;

namespace Dakla06.IntegrationTests.Inspections;

/// <summary>The device import refuses a file over its limit with 413 while it streams, before it is held whole.</summary>
public sealed class UploadLimitTests(InspectionsFixture fixture) : IClassFixture<InspectionsFixture>
{
    [Fact]
    public async Task A_device_file_over_the_limit_is_a_413_naming_the_file()
    {
        var cancel = TestContext.Current.CancellationToken;
        var http = await fixture.HttpClientForAsync("bmt.inspector");
        var line = Encoding.UTF8.GetBytes("CA-643-LT-001,643,Thu nhận hồ sơ\n");
        var content = new byte[DeviceImport.MaxFileBytes + line.Length];
        Encoding.UTF8.GetBytes("asset_tag,unit_code,purpose\n").CopyTo(content, 0);
        for (var at = 28; at + line.Length <= content.Length; at += line.Length)
        {
            line.CopyTo(content, at);
        }

        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, InspectionsRoutes.DevicesImportFile, "thiet-bi.csv");
        using var response = await http.PostAsync(InspectionsRoutes.Path(InspectionsRoutes.DevicesImport), form, cancel);

        var body = await response.Content.ReadAsStringAsync(cancel);
        Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"expected 413, got {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(InspectionsRoutes.DevicesImportFile, out _), body);
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM devices WHERE asset_tag = 'CA-643-LT-001'"));
    }
}
