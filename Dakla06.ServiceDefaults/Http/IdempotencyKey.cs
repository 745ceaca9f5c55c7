namespace Dakla06.ServiceDefaults.Http;

/// <summary>
/// The <c>Idempotency-Key</c> header of commands that create things: a repeated request with the same key returns
/// what the first one created. Stores enforce it with a unique constraint, never check-then-insert.
/// </summary>
public static class IdempotencyKey
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 200;

    public static void Validate(string? key, ValidationErrors errors)
    {
        if (key is { Length: > MaxLength })
        {
            errors.Add(Header, $"{Header} tối đa {MaxLength} ký tự.");
        }
    }
}
