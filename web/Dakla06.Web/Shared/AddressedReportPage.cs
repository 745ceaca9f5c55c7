using Dakla06.Contracts.Http;
using Microsoft.AspNetCore.Components;

namespace Dakla06.Web.Shared;

/// <summary>
/// A report page that shows one answer of an API for the scope in its address (a unit and a period or a day, read from
/// the query string): it loads when the address changes, and a new choice in its filter is a new address, so a click
/// through to a child unit, a bookmark or the back button shows the same figures.
/// </summary>
public abstract class AddressedReportPage<TScope, TResponse> : ComponentBase
    where TScope : class
    where TResponse : class
{
    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    protected TimeProvider Time { get; private set; } = default!;

    protected TScope Scope { get; private set; } = default!;

    /// <summary>The API's answer for <see cref="Scope"/>; null while loading or when the call failed.</summary>
    protected TResponse? Response { get; private set; }

    protected ServiceApiException? Error { get; private set; }

    /// <summary>The page's route, relative to the base href.</summary>
    protected abstract string PagePath { get; }

    /// <summary>The scope the address asks for (what is missing or unreadable takes its default).</summary>
    protected abstract TScope ScopeFromAddress();

    /// <summary>The address of <paramref name="page"/> (relative to the base href) showing <paramref name="scope"/>.</summary>
    protected abstract string Href(TScope scope, string page);

    protected abstract Task<TResponse> LoadAsync(TScope scope);

    protected override async Task OnParametersSetAsync()
    {
        var scope = ScopeFromAddress();
        if (scope.Equals(Scope) && Response is not null)
        {
            return;
        }

        Scope = scope;
        await ReloadAsync();
    }

    /// <summary>Loads the answer for <see cref="Scope"/> again: after the page changed the figures itself (an import, say).</summary>
    protected async Task ReloadAsync()
    {
        try
        {
            Response = await LoadAsync(Scope);
            Error = null;
        }
        catch (ServiceApiException exception)
        {
            Response = null;
            Error = exception;
        }
    }

    protected void Show(TScope scope) => Navigation.NavigateTo(Href(scope, PagePath));

    /// <summary>The same scope on another page.</summary>
    protected void Open(string page, TScope scope) => Navigation.NavigateTo(Href(scope, page));
}
