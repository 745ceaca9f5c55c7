using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Directives;
using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Cleansing;
using Dakla06.Contracts.Http.Directives;
using Dakla06.Contracts.Http.Enrolment;
using Dakla06.Contracts.Http.Inspections;
using Dakla06.Contracts.Http.Statistics;
using Dakla06.Web.Authentication;
using Dakla06.Web.Cleansing;
using Dakla06.Web.Components;
using Dakla06.Web.Directives;
using Dakla06.Web.Presentation;
using Dakla06.Web.Shared;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;
using MudBlazor.Services;

namespace Dakla06.Web;

/// <summary>Everything the web app adds to the service defaults.</summary>
public static class WebAppExtensions
{
    /// <summary>
    /// Names this process's own queues. Every replica must get every <c>DirectiveIssued</c> and task event (its
    /// circuits are its own), so each one consumes from temporary queues of its own, deleted when the process disconnects.
    /// </summary>
    public static string InstanceId { get; } =
        $"{new string(Environment.MachineName.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray())}-{Guid.NewGuid():N}";

    public static WebApplicationBuilder AddWebApp(this WebApplicationBuilder builder)
    {
        builder.AddWebAuthentication();
        // Ahead of the defaults' JSON writer, which also accepts browsers' "*/*": the first writer that can, writes.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IProblemDetailsWriter, HtmlProblemDetailsWriter>());

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            options.SnackbarConfiguration.VisibleStateDuration = 5000;
            // "Đã tạo văn bản" is shown right before navigating to the list; it must survive that navigation.
            options.SnackbarConfiguration.ClearAfterNavigation = false;
        });
        builder.Services.Replace(ServiceDescriptor.Transient<MudLocalizer, VietnameseMudLocalizer>());

        builder.Services.AddSingleton(AdminUnitDirectory.Default);
        builder.Services.AddScoped<IApiCallContext, UserSessionCallContext>();
        builder.Services.AddServiceClient<DirectivesClient>(DirectivesClient.ServiceAddress);
        builder.Services.AddServiceClient<InspectionsClient>(InspectionsClient.ServiceAddress);
        builder.Services.AddServiceClient<CleansingClient>(CleansingClient.ServiceAddress).WithCleansingTimeouts();
        builder.Services.AddServiceClient<StatisticsClient>(StatisticsClient.ServiceAddress);
        builder.Services.AddServiceClient<EnrolmentClient>(EnrolmentClient.ServiceAddress);

        builder.Services.AddSingleton<CircuitNotifier<DirectiveIssued>>();
        builder.Services.AddSingleton<CircuitNotifier<TaskChange>>();
        builder.AddServiceMessaging("web", bus =>
        {
            bus.AddConsumer<DirectiveIssuedConsumer>().Endpoint(endpoint =>
            {
                endpoint.Temporary = true;
                endpoint.InstanceId = InstanceId;
            });
            bus.AddConsumer<TaskEventsConsumer>().Endpoint(endpoint =>
            {
                endpoint.Temporary = true;
                endpoint.InstanceId = InstanceId;
            });
        }, withOutbox: false);

        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            // One language: every request and every circuit renders in Vietnamese, whatever the browser asks for.
            options.SetDefaultCulture(VietnameseFormat.Culture.Name);
            options.SupportedCultures = [VietnameseFormat.Culture];
            options.SupportedUICultures = [VietnameseFormat.Culture];
            options.RequestCultureProviders.Clear();
        });

        return builder;
    }

    /// <summary>
    /// Middleware after <c>MapDefaultEndpoints</c> (which adds authentication and authorization): HTML error pages
    /// for browsers inside the defaults' ProblemDetails handlers, antiforgery, and the Razor components.
    /// </summary>
    public static WebApplication MapWebApp(this WebApplication app)
    {
        app.UseRequestLocalization();
        // Inner to the defaults' JSON error handlers, so a browser gets a page, never a stack trace or JSON.
        app.UseExceptionHandler("/Error", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAntiforgery();

        // Stylesheets and scripts are public; pages are not (fallback policy).
        app.MapStaticAssets().AllowAnonymous();
        app.MapAccountEndpoints();
        app.MapCleansingDownloads();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
