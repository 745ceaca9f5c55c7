using System.Globalization;
using System.Reflection;
using System.Text;

namespace Dakla06.Contracts.Http;

/// <summary>
/// Query strings from the contract's query records: each non-null property becomes <c>camelCaseName=value</c>, the way
/// ASP.NET Core binds the same record with <c>[AsParameters]</c>, so a new filter needs no code on either side.
/// </summary>
public static class ApiQuery
{
    /// <summary><paramref name="path"/> with the non-null properties of each of <paramref name="queries"/> appended.</summary>
    public static string Append(string path, params object?[] queries)
    {
        var query = new StringBuilder();
        foreach (var source in queries)
        {
            if (source is null)
            {
                continue;
            }

            foreach (var property in source.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (Format(property.GetValue(source)) is not { } value)
                {
                    continue;
                }

                query.Append(query.Length == 0 ? '?' : '&')
                    .Append(char.ToLowerInvariant(property.Name[0])).Append(property.Name.AsSpan(1))
                    .Append('=').Append(Uri.EscapeDataString(value));
            }
        }

        return path + query;
    }

    /// <summary>A value as the API binds it: invariant culture, ISO dates, lower-case booleans; null or blank text is left out.</summary>
    public static string? Format(object? value) => value switch
    {
        null => null,
        string text => string.IsNullOrWhiteSpace(text) ? null : text.Trim(),
        bool flag => flag ? "true" : "false",
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
        Guid id => id.ToString("D"),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
