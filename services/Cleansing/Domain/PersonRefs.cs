using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Dakla06.Cleansing.Domain;

/// <summary>
/// Stable opaque references of registry persons for other services: HMAC-SHA256 of the ID number with a key of this
/// service (<see cref="KeySetting"/>), base64url. The same person always gets the same reference, and without the key
/// nobody can turn the structured, guessable ID numbers back out of them — so enrolment attaches reasons and visits to
/// a person it sees masked without holding the number.
/// </summary>
public sealed class PersonRefs
{
    public const string KeySetting = "Cleansing:PersonRefKey";

    private readonly byte[] _key;

    public PersonRefs(IConfiguration configuration)
    {
        var key = configuration[KeySetting];
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new InvalidOperationException($"{KeySetting} is not set: the key of the person references must be configured.");
        }

        _key = Encoding.UTF8.GetBytes(key);
    }

    public string Of(string idNumber) => WebEncoders.Base64UrlEncode(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(idNumber)));
}
