namespace Dakla06.ServiceDefaults.Http;

/// <summary>Validated <c>page</c>/<c>pageSize</c> query parameters (pages start at 1, at most <see cref="MaxPageSize"/> items).</summary>
public readonly record struct PageRequest(int Page, int PageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 200;

    public int Offset => (Page - 1) * PageSize;

    /// <summary>Adds an error per invalid parameter to <paramref name="errors"/> and returns the request to use.</summary>
    public static PageRequest From(int? page, int? pageSize, ValidationErrors errors)
    {
        if (page is < 1)
        {
            errors.Add("page", "Số trang phải từ 1 trở lên.");
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors.Add("pageSize", $"Số dòng mỗi trang phải từ 1 đến {MaxPageSize}.");
        }

        return new PageRequest(Math.Max(page ?? 1, 1), Math.Clamp(pageSize ?? DefaultPageSize, 1, MaxPageSize));
    }
}
