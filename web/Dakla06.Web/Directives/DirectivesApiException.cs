namespace Dakla06.Web.Directives;

/// <summary>Why a call to the directives API failed, as far as the user needs to know.</summary>
public enum ApiFailure
{
    SessionExpired,
    Forbidden,
    Unavailable,
    Unexpected,
}

/// <summary>A failed API call; <see cref="Exception.Message"/> is Vietnamese and safe to show the user.</summary>
public sealed class DirectivesApiException(ApiFailure failure, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public ApiFailure Failure { get; } = failure;
}
