using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Cleansing;
using Dakla06.Web.Enrolment;
using Dakla06.Web.Shared;

namespace Dakla06.Web.Cleansing;

/// <summary>
/// The registry-quality page's answer: the configured catalogue and the figures of the unit and day in the address (null
/// when the unit lies outside the caller's scope), each category "x/y (z%)" for the unit and per child unit.
/// </summary>
public sealed record QualityReport(QualityCatalogueDto Catalogue, RegistryQualityDto? Figures)
{
    /// <summary>The item-list page of the registry-quality work (one commune, one category).</summary>
    public const string ItemsPath = "lam-sach/chat-luong-csdl/danh-sach";

    public static async Task<QualityReport> LoadAsync(CleansingClient api, EnrolmentScope scope)
    {
        var catalogue = api.GetQualityCatalogueAsync();
        var figures = api.GetRegistryQualityAsync(new RegistryQualityQuery(scope.Unit, scope.AsOf, "child"));
        return new QualityReport(await catalogue, await figures);
    }

    /// <summary>The item list of a commune's category (and status) in the address.</summary>
    public static string ItemsHref(string commune, string? category, string? status = QualityItemStatuses.Open) =>
        $"{ItemsPath}?unit={Uri.EscapeDataString(commune)}"
        + (category is null ? string.Empty : $"&category={Uri.EscapeDataString(category)}")
        + (status is null ? string.Empty : $"&status={status}");

    /// <summary>One sheet: a row per unit (the unit itself, then its children) and category, the figures the page shows.</summary>
    public Task<ApiFile> ExportAsync()
    {
        var figures = Figures ?? throw new InvalidOperationException("Nothing to export.");
        var rows = new[] { figures.Unit }.Concat(figures.Children)
            .SelectMany(unit => unit.Categories.Append(unit.Total).Select(figure => (Unit: unit, Figure: figure)));
        return SpreadsheetExport.ToXlsxAsync($"chat-luong-csdl-{figures.Unit.UnitCode}-{figures.AsOf:yyyy-MM-dd}.xlsx", "Chất lượng CSDL", Columns, rows);
    }

    private static readonly SpreadsheetColumn<(QualityUnitFiguresDto Unit, QualityFigureDto Figure)>[] Columns =
    [
        new("Mã đơn vị", r => r.Unit.UnitCode),
        new("Đơn vị", r => r.Unit.UnitName),
        new("Nhóm lỗi", r => r.Figure.CategoryName),
        new("Phát hiện", r => r.Figure.Found),
        new("Đã xử lý", r => r.Figure.Closed),
        new("Còn lại", r => r.Figure.Open),
        new("Dữ liệu đã đúng (tự đóng)", r => r.Figure.Fixed),
        new("Đã cập nhật", r => r.Figure.Updated),
        new("Không thể cập nhật", r => r.Figure.CannotUpdate),
        new("Không có CMND 9 số", r => r.Figure.MarkedNoOldId),
        new("Tỷ lệ (%)", r => r.Figure.Percent),
        new("Kết quả", r => r.Figure.Figure),
    ];
}
