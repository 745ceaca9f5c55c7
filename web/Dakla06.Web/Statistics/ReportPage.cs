using Dakla06.Contracts.Http;
using Dakla06.Web.Presentation;
using Microsoft.AspNetCore.Components;

namespace Dakla06.Web.Statistics;

/// <summary>
/// A statistics page that shows one answer of the API for the unit and period in its address (<see cref="ReportScope"/>):
/// it loads when the address changes, and a new choice in the filter is a new address.
/// </summary>
public abstract class ReportPage<TResponse> : ComponentBase
    where TResponse : class
{
    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "unit")]
    public string? UnitQuery { get; set; }

    [SupplyParameterFromQuery(Name = "from")]
    public string? FromQuery { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public string? ToQuery { get; set; }

    protected ReportScope Scope { get; private set; } = default!;

    /// <summary>The API's answer for <see cref="Scope"/>; null while loading or when the call failed.</summary>
    protected TResponse? Response { get; private set; }

    protected ServiceApiException? Error { get; private set; }

    /// <summary>The page's route, relative to the base href.</summary>
    protected abstract string PagePath { get; }

    protected abstract Task<TResponse> LoadAsync(ReportScope scope);

    protected override async Task OnParametersSetAsync()
    {
        var scope = ReportScope.Parse(UnitQuery, FromQuery, ToQuery, VietnameseFormat.Today(Time));
        if (scope == Scope && Response is not null)
        {
            return;
        }

        Scope = scope;
        try
        {
            Response = await LoadAsync(scope);
            Error = null;
        }
        catch (ServiceApiException exception)
        {
            Response = null;
            Error = exception;
        }
    }

    protected void Show(ReportScope scope) => Navigation.NavigateTo(scope.Href(PagePath));

    /// <summary>The same unit and period on another statistics page.</summary>
    protected void Open(string page, string? unit) => Navigation.NavigateTo((Scope with { Unit = unit }).Href(page));
}
