namespace Dakla06.Contracts.Http;

/// <summary>
/// A failed call to a service's API. <see cref="Exception.Message"/> is Vietnamese and safe to show to the user; the
/// rest is what the API answered (status, ProblemDetails title/detail, field errors, trace id).
/// </summary>
public sealed class ServiceApiException(
    ApiFailure failure,
    string message,
    int? status = null,
    IReadOnlyDictionary<string, string[]>? fieldErrors = null,
    string? detail = null,
    string? traceId = null,
    Exception? innerException = null) : Exception(message, innerException)
{
    /// <summary>The key of messages that belong to no field (e.g. a refused transition).</summary>
    public const string GeneralErrorKey = "";

    public ApiFailure Failure { get; } = failure;

    /// <summary>The HTTP status the API answered; null when no answer came (unreachable, session ended first).</summary>
    public int? Status { get; } = status;

    /// <summary>Messages keyed by camelCase field as the API names them (<c>body.issuedOn</c>); general ones under <see cref="GeneralErrorKey"/>.</summary>
    public IReadOnlyDictionary<string, string[]> FieldErrors { get; } = fieldErrors ?? new Dictionary<string, string[]>();

    /// <summary>The ProblemDetails <c>detail</c>, written by the API for users.</summary>
    public string? Detail { get; } = detail;

    /// <summary>The ProblemDetails <c>traceId</c>: what a user quotes when reporting a fault.</summary>
    public string? TraceId { get; } = traceId;

    /// <summary>The messages of one field, joined; null when it has none.</summary>
    public string? ErrorFor(string field) =>
        FieldErrors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;
}
