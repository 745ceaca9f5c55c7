using System.Text.Json;

namespace Dakla06.IntegrationTests.Support;

/// <summary>
/// Every string value of a JSON document, decoded. Tests that a text does not leak look here, not in the raw JSON
/// text, where the encoder writes <c>Bình</c> as <c>B\u00ECnh</c> and a search for the name passes whatever was sent.
/// </summary>
public static class JsonStrings
{
    public static IEnumerable<string> Of(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                yield return element.GetString()!;
                break;
            case JsonValueKind.Array:
                foreach (var value in element.EnumerateArray().SelectMany(Of))
                {
                    yield return value;
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    yield return property.Name;
                    foreach (var value in Of(property.Value))
                    {
                        yield return value;
                    }
                }

                break;
        }
    }

    /// <summary>The decoded strings of a JSON text.</summary>
    public static IReadOnlyList<string> Of(string json) => [.. Of(JsonDocument.Parse(json).RootElement)];

    /// <summary>The decoded strings of any value as System.Text.Json writes it (events, records).</summary>
    public static IReadOnlyList<string> OfValue(object value) => Of(JsonSerializer.Serialize(value, value.GetType()));
}
