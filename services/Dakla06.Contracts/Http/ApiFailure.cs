namespace Dakla06.Contracts.Http;

/// <summary>Why a call to a service's API failed, as far as its caller needs to know.</summary>
public enum ApiFailure
{
    /// <summary>400: the request named bad fields (<see cref="ServiceApiException.FieldErrors"/>).</summary>
    Invalid,

    /// <summary>401, or the user's session ended before the call: sign in again.</summary>
    SessionExpired,

    /// <summary>403: outside the caller's scope or without the role.</summary>
    Forbidden,

    /// <summary>404: does not exist or lies outside the caller's view.</summary>
    NotFound,

    /// <summary>409: the state changed (or the thing already exists).</summary>
    Conflict,

    /// <summary>413: the upload is too large.</summary>
    TooLarge,

    /// <summary>429: too many requests; try later.</summary>
    TooManyRequests,

    /// <summary>5xx, or the service (or the identity provider) could not be reached.</summary>
    Unavailable,

    /// <summary>Any other answer.</summary>
    Unexpected,
}
