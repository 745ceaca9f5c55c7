using System.Collections.Frozen;
using System.Globalization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Dakla06.Web.Presentation;

/// <summary>Vietnamese for the texts MudBlazor renders itself (pager buttons, date picker, close buttons).</summary>
public sealed class VietnameseMudLocalizer : MudLocalizer
{
    private static readonly FrozenDictionary<string, string> Texts = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["MudTablePager_FirstPage"] = "Trang đầu",
        ["MudTablePager_PreviousPage"] = "Trang trước",
        ["MudTablePager_NextPage"] = "Trang sau",
        ["MudTablePager_LastPage"] = "Trang cuối",
        ["MudTable_Loading"] = "Đang tải…",
        ["MudBaseDatePicker_NextMonth"] = "Tháng sau",
        ["MudBaseDatePicker_PrevMonth"] = "Tháng trước",
        ["MudBaseDatePicker_NextYear"] = "Năm sau",
        ["MudBaseDatePicker_PrevYear"] = "Năm trước",
        ["MudBaseDatePicker_Open"] = "Mở lịch",
        ["MudInput_Clear"] = "Xóa",
        ["MudInput_Increment"] = "Tăng",
        ["MudInput_Decrement"] = "Giảm",
        ["MudFormComponent_Required"] = "Bắt buộc",
        ["MudSelect_SelectAll"] = "Chọn tất cả",
        ["MudAlert_Close"] = "Đóng",
        ["MudSnackbar_Close"] = "Đóng",
        ["MudDialog_Close"] = "Đóng",
        ["MudChip_Close"] = "Bỏ",
        ["MudNavGroup_ToggleExpand"] = "Mở rộng hoặc thu gọn",
        ["MudBreadcrumbs_Label"] = "Đường dẫn",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public override LocalizedString this[string key] =>
        Texts.TryGetValue(key, out var text) ? new LocalizedString(key, text) : base[key];

    public override LocalizedString this[string key, params object[] arguments] =>
        Texts.TryGetValue(key, out var text)
            ? new LocalizedString(key, string.Format(CultureInfo.CurrentCulture, text, arguments))
            : base[key, arguments];
}
