using Dakla06.Statistics;
using Dakla06.Statistics.Api;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddStatistics();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapApiReference();
app.MapStatisticsApi();
app.Run();

namespace Dakla06.Statistics
{
    /// <summary>Marks this service's assembly (entry point for WebApplicationFactory in tests).</summary>
    public sealed class StatisticsMarker;
}
