using Dakla06.Cleansing;
using Dakla06.Cleansing.Api;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddCleansing();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapApiReference();
app.MapCleansingApi();
app.Run();

namespace Dakla06.Cleansing
{
    /// <summary>Marks this service's assembly (entry point for WebApplicationFactory in tests).</summary>
    public sealed class CleansingMarker;
}
