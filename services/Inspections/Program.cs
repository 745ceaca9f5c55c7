using Dakla06.Inspections;
using Dakla06.Inspections.Api;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddInspections();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapApiReference();
app.MapInspectionsApi();
app.Run();

namespace Dakla06.Inspections
{
    /// <summary>Marks this service's assembly (entry point for WebApplicationFactory in tests).</summary>
    public sealed class InspectionsMarker;
}
