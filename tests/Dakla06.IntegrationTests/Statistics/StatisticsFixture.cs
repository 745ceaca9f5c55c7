using System.Text;
using Dakla06.Contracts.Http.Statistics;
using Dakla06.IntegrationTests.Support;
using Dakla06.Statistics;

namespace Dakla06.IntegrationTests.Statistics;

/// <summary>
/// The statistics API on its own database and broker virtual host, its uploads in a directory of its own, and import
/// chunks of three lines so that every test file spans several chunk transactions.
/// </summary>
public class StatisticsFixture() : ServiceFixture<StatisticsMarker, StatisticsClient>("statistics", http => new StatisticsClient(http))
{
    public const string ProcedureHeader = "ma_tthc,ten_tthc,cap_thuc_hien,linh_vuc,muc_do,hieu_luc_tu,dvc_thiet_yeu,co_phi";

    public const string DossierHeader =
        "ma_ho_so,ma_tthc,ma_don_vi,kenh,ngay_tiep_nhan,ngay_hen_tra,ngay_ket_thuc,trang_thai,so_hoa_tphs,so_hoa_ket_qua,nghia_vu_tai_chinh,thanh_toan_truc_tuyen,thanh_toan_thanh_cong,so_tien";

    private readonly string _uploads = Path.Combine(Path.GetTempPath(), $"dakla06-statistics-test-{Guid.NewGuid():N}");

    /// <summary>Where the service keeps uploaded files until their job has read them.</summary>
    public string UploadsDirectory => _uploads;

    protected override Dictionary<string, string> Settings() => new(base.Settings())
    {
        ["Statistics:StorageDirectory"] = _uploads,
        ["Statistics:ChunkSize"] = "3",
        ["Statistics:WorkerPollInterval"] = "00:00:00.200",
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_uploads))
        {
            Directory.Delete(_uploads, recursive: true);
        }
    }

    /// <summary>Imports catalogue lines (the header is added) as a province statistics officer.</summary>
    public async Task<ProcedureImportResponse> ImportProceduresAsync(params string[] lines)
    {
        var client = await ClientForAsync("province.officer");
        using var file = Csv(ProcedureHeader, lines);
        return await client.ImportProceduresAsync(file, "thu-tuc.csv", TestContext.Current.CancellationToken);
    }

    /// <summary>Uploads dossier lines (the header is added) as <paramref name="username"/> and awaits the end of the job.</summary>
    public async Task<ImportDto> ImportDossiersAsync(string username, string source, params string[] lines)
    {
        var client = await ClientForAsync(username);
        using var file = Csv(DossierHeader, lines);
        var queued = await client.ImportDossiersAsync(file, "ho-so.csv", source, TestContext.Current.CancellationToken);
        return await AwaitImportAsync(client, queued.Id);
    }

    /// <summary>Waits until the import job completed or failed; returns it.</summary>
    public static Task<ImportDto> AwaitImportAsync(StatisticsClient client, Guid id) =>
        Eventually.ReturnsAsync(
            async () => (await client.GetImportAsync(id, TestContext.Current.CancellationToken))!,
            import => import.Status is ImportStatuses.Completed or ImportStatuses.Failed,
            because: $"import {id} finished");

    /// <summary>A UTF-8 CSV with a BOM, as Excel writes it.</summary>
    public static MemoryStream Csv(string header, IEnumerable<string> lines) =>
        new([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(string.Join("\r\n", [header, .. lines]) + "\r\n")]);
}
