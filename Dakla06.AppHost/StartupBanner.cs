using Dakla06.AppHost.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Dakla06.AppHost;

/// <summary>Tells the person who ran <c>./dakla06 run</c> where to go once the web app is healthy.</summary>
internal static class StartupBanner
{
    /// <summary>Demo users of the realm file; all use the development password below.</summary>
    private static readonly (string Username, string Unit, string Roles)[] DemoUsers =
    [
        ("province.leader", "66 Tỉnh Đắk Lắk", "province-user, leader, pii-reader"),
        ("province.officer", "66 Tỉnh Đắk Lắk", "province-user, directive-officer, statistics-officer"),
        ("province.inspector", "66 Tỉnh Đắk Lắk", "province-user, security-inspector"),
        ("province.cleanser", "66 Tỉnh Đắk Lắk", "province-user, cleansing-officer, pii-reader"),
        ("province.enrolment", "66 Tỉnh Đắk Lắk", "province-user, enrolment-officer"),
        ("bmt.inspector", "643 Thành phố Buôn Ma Thuột", "district-user, security-inspector"),
        ("bmt.officer", "643 Thành phố Buôn Ma Thuột", "district-user, directive-officer, cleansing-officer, statistics-officer"),
        ("buonho.officer", "644 Thị xã Buôn Hồ", "district-user, directive-officer"),
        ("tanloi.officer", "24136 Phường Tân Lợi", "commune-user, directive-officer, cleansing-officer, enrolment-officer, statistics-officer"),
        ("tanlap.officer", "24118 Phường Tân Lập", "commune-user, directive-officer"),
        ("anlac.officer", "24305 Phường An Lạc", "commune-user, directive-officer"),
    ];

    public static void PrintWhenReady(IDistributedApplicationBuilder builder, Dakla06Settings settings, IResourceBuilder<ProjectResource> web)
    {
        builder.Eventing.Subscribe<ResourceReadyEvent>(web.Resource, (_, _) =>
        {
            var dashboard = (builder.Configuration["ASPNETCORE_URLS"] ?? "http://localhost:18888").Split(';')[0].TrimEnd('/');
            var token = builder.Configuration["AppHost:BrowserToken"];
            var login = string.IsNullOrEmpty(token) ? dashboard : $"{dashboard}/login?t={token}";
            var webUrl = web.GetEndpoint("http").Url;

            var lines = new List<string>
            {
                string.Empty,
                "==================== Dakla06 is running ====================",
                $"  Mode:        {settings.Mode.ToString().ToLowerInvariant()}",
                $"  Web app:     {webUrl}",
                $"  Dashboard:   {login}",
                $"  Identity:    http://localhost:{Dakla06Settings.Ports.Identity}/realms/{Platform.RealmName}",
                $"  APIs:        http://localhost:5101/scalar (directives), :5102/scalar (statistics), :5103/scalar (enrolment), :5104/scalar (cleansing), :5105/scalar (inspections)",
                string.Empty,
                "  Demo users (password Dakla06@demo — development only):",
                $"  {"username",-20} {"unit",-30} roles",
            };
            lines.AddRange(DemoUsers.Select(u => $"  {u.Username,-20} {u.Unit,-30} {u.Roles}"));
            lines.Add("  Press Ctrl+C to stop everything.");
            lines.Add("=============================================================");
            Console.WriteLine(string.Join(Environment.NewLine, lines));
            return Task.CompletedTask;
        });
    }
}
