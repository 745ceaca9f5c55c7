using Dakla06.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Microsoft.Extensions.Hosting;

public static class ApiExtensions
{
    /// <summary>What an HTTP API service adds to the defaults: Keycloak authentication, unit scope and its OpenAPI document.</summary>
    public static TBuilder AddApiDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.AddKeycloakAuthentication();
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "Keycloak access token of realm dakla06 (audience dakla06-api).",
            };
            return Task.CompletedTask;
        }).AddOperationTransformer((operation, _, _) =>
        {
            // Query records bound with [AsParameters] are named after their properties (Status); the APIs bind and
            // document every parameter in camelCase (status), as ApiQuery sends them.
            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
            {
                if (parameter.In == ParameterLocation.Query && parameter.Name is { Length: > 0 } name && char.IsUpper(name[0]))
                {
                    parameter.Name = char.ToLowerInvariant(name[0]) + name[1..];
                }
            }

            return Task.CompletedTask;
        }));
        return builder;
    }

    /// <summary>The OpenAPI document and the Scalar API reference, in Development only.</summary>
    public static WebApplication MapApiReference(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            app.MapOpenApi().AllowAnonymous();
            app.MapScalarApiReference(options => options.WithTitle($"{app.Environment.ApplicationName} API")).AllowAnonymous();
        }

        return app;
    }
}
