namespace Dakla06.Web.Legacy;

// The inspections and cleansing pages still use the web's first-generation API clients and these types; they move onto
// the shared contracts (Dakla06.Contracts.Http) like directive tracking did, and this folder goes away with them.

/// <summary>Why a call to an API failed, as far as the user needs to know.</summary>
public enum ApiFailure
{
    SessionExpired,
    Forbidden,
    Unavailable,
    Unexpected,
}

/// <summary>One page of a list endpoint: <c>{ page, pageSize, total, items }</c>.</summary>
public sealed record PagedResult<T>(int Page, int PageSize, int Total, IReadOnlyList<T> Items);

/// <summary>
/// What a command led to: its result, or messages keyed by the camelCase field they belong to
/// (<see cref="GeneralErrorKey"/> for those that belong to no field, e.g. a refused transition).
/// </summary>
public sealed class ApiResult<T>
    where T : class
{
    public const string GeneralErrorKey = "";

    internal ApiResult(T? value, IReadOnlyDictionary<string, string[]> errors)
    {
        Value = value;
        Errors = errors;
    }

    public T? Value { get; }

    public IReadOnlyDictionary<string, string[]> Errors { get; }

    public bool Succeeded => Value is not null;

    /// <summary>All messages in one line, for a snackbar.</summary>
    public string ErrorSummary => string.Join(" ", Errors.Values.SelectMany(v => v));
}

/// <summary>Builds <see cref="ApiResult{T}"/> values.</summary>
public static class ApiResult
{
    public static ApiResult<T> Success<T>(T value)
        where T : class => new(value, new Dictionary<string, string[]>());

    public static ApiResult<T> Failed<T>(IReadOnlyDictionary<string, string[]> errors)
        where T : class => new(null, errors);

    public static ApiResult<T> Failed<T>(string message)
        where T : class => new(null, new Dictionary<string, string[]> { [ApiResult<T>.GeneralErrorKey] = [message] });
}
