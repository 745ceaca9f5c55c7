using Dakla06.WebEntry;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddWebEntry();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapWebEntry();

app.Run();
