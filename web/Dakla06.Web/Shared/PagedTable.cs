using Dakla06.Contracts.Http;
using MudBlazor;

namespace Dakla06.Web.Shared;

/// <summary>
/// Loads a page of a <see cref="MudTable{T}"/> from a list endpoint: MudBlazor counts pages from 0, the APIs from 1. A
/// failed call leaves the table empty and hands the error to the page, which shows it once (<c>ApiErrorAlert</c>).
/// </summary>
public static class PagedTable
{
    /// <summary>The page sizes every table offers.</summary>
    public static readonly int[] PageSizes = [10, 20, 50, 100];

    /// <param name="fetch">Gets page <c>page</c> (from 1) of <c>pageSize</c> rows.</param>
    /// <param name="report">Told the failure, or null when the page loaded.</param>
    public static async Task<TableData<T>> LoadAsync<T>(
        TableState state, Func<int, int, Task<PagedResult<T>>> fetch, Action<ServiceApiException?> report)
    {
        try
        {
            var page = await fetch(state.Page + 1, state.PageSize);
            report(null);
            return new TableData<T> { Items = page.Items, TotalItems = (int)Math.Min(page.Total, int.MaxValue) };
        }
        catch (ServiceApiException exception)
        {
            report(exception);
            return new TableData<T> { Items = [], TotalItems = 0 };
        }
    }

    /// <summary>Reloads from the first page, as new filters should; NavigateTo reloads by itself when the page changes.</summary>
    public static Task ReloadFromFirstPageAsync<T>(this MudTable<T>? table)
    {
        if (table is null)
        {
            return Task.CompletedTask;
        }

        if (table.CurrentPage != 0)
        {
            table.NavigateTo(0);
            return Task.CompletedTask;
        }

        return table.ReloadServerData();
    }
}
