using Dakla06.ServiceDefaults.Security;
using Dakla06.Web.Authentication;
using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;

namespace Dakla06.Web.Components.Layout;

/// <summary>One page in a service's navigation group; <see cref="RequiredRole"/> null means every user with a unit.</summary>
public sealed record NavPage(string Title, string Href, string Icon, NavLinkMatch Match = NavLinkMatch.All, string? RequiredRole = null);

/// <summary>A service's group in the navigation menu: its title, its icon and its pages.</summary>
public sealed record NavService(string Title, string Icon, IReadOnlyList<NavPage> Pages)
{
    /// <summary>The pages <paramref name="user"/> may open; a group without any is not shown.</summary>
    public IEnumerable<NavPage> PagesFor(SignedInUser user) =>
        Pages.Where(page => page.RequiredRole is null || user.HasRole(page.RequiredRole));
}

/// <summary>
/// The navigation menu, one group per service, all built the same way: a new service is one more entry here.
/// The hrefs are the pages' routes (relative to the base href).
/// </summary>
public static class ServiceNavigation
{
    public static IReadOnlyList<NavService> Services { get; } =
    [
        new("Chỉ đạo, điều hành", Icons.Material.Filled.AssignmentTurnedIn,
        [
            new("Văn bản chỉ đạo", "van-ban", Icons.Material.Filled.Description),
            new("Tạo văn bản", "van-ban/tao-moi", Icons.Material.Filled.NoteAdd, RequiredRole: Roles.DirectiveOfficer),
            new("Nhiệm vụ", "nhiem-vu", Icons.Material.Filled.Assignment, NavLinkMatch.Prefix),
            new("Tổng hợp", "tong-hop", Icons.Material.Filled.BarChart),
            new("Tổ công tác", "to-cong-tac", Icons.Material.Filled.Groups),
        ]),
        new("Kiểm tra an ninh", Icons.Material.Filled.Security,
        [
            new("Đối tượng kiểm tra", "kiem-tra", Icons.Material.Filled.Dns),
            new("Phát hiện", "kiem-tra/phat-hien", Icons.Material.Filled.ReportProblem, NavLinkMatch.Prefix),
            new("Bao phủ kiểm tra", "kiem-tra/bao-phu", Icons.Material.Filled.DonutLarge),
        ]),
        new("Làm sạch dữ liệu", Icons.Material.Filled.CleaningServices,
        [
            new("Lô dữ liệu", "lam-sach", Icons.Material.Filled.FactCheck),
            new("Chiến dịch", "lam-sach/chien-dich", Icons.Material.Filled.Flag, NavLinkMatch.Prefix),
            new("Nghi trùng", "lam-sach/trung-lap", Icons.Material.Filled.PeopleAlt),
            new("Chất lượng CSDL dân cư", "lam-sach/chat-luong-csdl", Icons.Material.Filled.Rule, NavLinkMatch.Prefix),
            new("Nhật ký truy cập", "lam-sach/nhat-ky", Icons.Material.Filled.History, RequiredRole: Roles.Leader),
        ]),
        new("Dịch vụ công", Icons.Material.Filled.Public,
        [
            new("Bảng chỉ tiêu", "dich-vu-cong", Icons.Material.Filled.Dashboard),
            new("Theo đơn vị", "dich-vu-cong/theo-don-vi", Icons.Material.Filled.TableChart),
            new("DVC thiết yếu", "dich-vu-cong/dich-vu-thiet-yeu", Icons.Material.Filled.Star),
            new("Thủ tục hành chính", "dich-vu-cong/thu-tuc", Icons.Material.Filled.ListAlt),
            new("Số liệu báo cáo", "dich-vu-cong/so-lieu-bao-cao", Icons.Material.Filled.Addchart),
            new("Chỉ tiêu", "dich-vu-cong/chi-tieu", Icons.Material.Filled.Flag),
            new("Nhập dữ liệu", "dich-vu-cong/nhap-du-lieu", Icons.Material.Filled.UploadFile, NavLinkMatch.Prefix, Roles.StatisticsOfficer),
        ]),
        new("Định danh điện tử", Icons.Material.Filled.Badge,
        [
            new("Kết quả định danh", "dinh-danh", Icons.Material.Filled.FilterAlt),
            new("Theo đơn vị", "dinh-danh/theo-don-vi", Icons.Material.Filled.TableChart),
            new("Hồ sơ tồn đọng", "dinh-danh/ton-dong", Icons.Material.Filled.HourglassBottom),
            new("Chưa thu nhận", "dinh-danh/chua-thu-nhan", Icons.Material.Filled.PersonSearch),
            new("Chỉ tiêu", "dinh-danh/chi-tieu", Icons.Material.Filled.Flag),
            new("Nhập dữ liệu", "dinh-danh/nhap-du-lieu", Icons.Material.Filled.UploadFile, NavLinkMatch.Prefix, Roles.EnrolmentOfficer),
        ]),
    ];
}
