using Dakla06.Directives;
using Dakla06.Directives.Api;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddDirectives();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapApiReference();
app.MapDirectivesApi();
app.Run();

namespace Dakla06.Directives
{
    /// <summary>Marks this service's assembly (entry point for WebApplicationFactory in tests).</summary>
    public sealed class DirectivesMarker;
}
