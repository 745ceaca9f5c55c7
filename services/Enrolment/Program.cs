using Dakla06.Enrolment;
using Dakla06.Enrolment.Api;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddEnrolment();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapApiReference();
app.MapEnrolmentApi();
app.Run();

namespace Dakla06.Enrolment
{
    /// <summary>Marks this service's assembly (entry point for WebApplicationFactory in tests).</summary>
    public sealed class EnrolmentMarker;
}
