using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Dakla06.IntegrationTests.Matrix;

/// <summary>One operation of a service's OpenAPI document: its method and route template (parameters without constraints).</summary>
public sealed record ApiOperation(string Method, string Route, JsonElement Definition)
{
    public string Key => $"{Method} {Route}";

    public override string ToString() => Key;
}

/// <summary>Reads the operations a running service declares in its <c>/openapi/v1.json</c>.</summary>
public static partial class OpenApiOperations
{
    public static async Task<OpenApiDocument> ReadAsync(HttpClient anonymous)
    {
        var document = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json", TestContext.Current.CancellationToken);
        var operations = new List<ApiOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete"))
            {
                operations.Add(new ApiOperation(operation.Name.ToUpperInvariant(), Normalise(path.Name), operation.Value.Clone()));
            }
        }

        return new OpenApiDocument(document.Clone(), operations);
    }

    /// <summary><c>/documents/{id:guid}</c> → <c>/documents/{id}</c>: the route as the OpenAPI document spells it.</summary>
    public static string Normalise(string template) => RouteConstraint().Replace(template.TrimEnd('/'), "{$1}") is { Length: > 0 } route ? route : "/";

    [GeneratedRegex(@"\{(\w+)(?::[^}]*)?\}")]
    private static partial Regex RouteConstraint();
}

/// <summary>A service's OpenAPI document and its operations.</summary>
public sealed record OpenApiDocument(JsonElement Root, IReadOnlyList<ApiOperation> Operations)
{
    /// <summary>Follows a <c>$ref</c> to its schema under <c>components/schemas</c>; any other schema as it is.</summary>
    public JsonElement Resolve(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference)
            ? Resolve(Root.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]))
            : schema;
}
