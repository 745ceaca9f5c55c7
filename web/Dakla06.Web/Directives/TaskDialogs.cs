using MudBlazor;

namespace Dakla06.Web.Directives;

/// <summary>What the task page's dialogs share.</summary>
public static class TaskDialogs
{
    public static readonly DialogOptions Options = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };
}
