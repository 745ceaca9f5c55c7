namespace Dakla06.ServiceDefaults.Http;

/// <summary>
/// Validated <c>page</c>/<c>pageSize</c> query parameters of every paged list: pages start at 1 and stop at
/// <see cref="MaxPage"/>, at most <see cref="MaxPageSize"/> items. Out of range is a 400 naming the parameter.
/// </summary>
public readonly record struct PageRequest(int Page, int PageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 200;

    /// <summary>
    /// No list is that long; the bound keeps the offset small enough for any store (an in-memory list's
    /// <c>Skip</c> takes an int) and refuses absurd requests instead of scanning for them.
    /// </summary>
    public const int MaxPage = 1_000_000;

    /// <summary>Rows before this page; computed in 64 bits so no page size can overflow it.</summary>
    public long Offset => (Page - 1L) * PageSize;

    /// <summary>Adds an error per invalid parameter to <paramref name="errors"/> and returns the request to use.</summary>
    public static PageRequest From(int? page, int? pageSize, ValidationErrors errors)
    {
        if (page is < 1 or > MaxPage)
        {
            errors.Add("page", $"Số trang phải từ 1 đến {MaxPage}.");
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors.Add("pageSize", $"Số dòng mỗi trang phải từ 1 đến {MaxPageSize}.");
        }

        return new PageRequest(Math.Clamp(page ?? 1, 1, MaxPage), Math.Clamp(pageSize ?? DefaultPageSize, 1, MaxPageSize));
    }
}
