using Dakla06.Web;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddWebApp();

var app = builder.Build();

// Exception handler, status pages, authentication, authorization, /health and /alive; the web's own after them.
app.MapDefaultEndpoints();
app.MapWebApp();

app.Run();
