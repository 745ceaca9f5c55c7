using Dakla06.AppHost;
using Dakla06.AppHost.Infrastructure;

var builder = DistributedApplication.CreateBuilder(args);
var settings = Dakla06Settings.From(builder);
var platform = Platform.Add(builder, settings);

var directives = platform.Wire(builder.AddProject<Projects.Dakla06_Directives>("directives-api"), platform.AddDatabase("directivesdb"))
    .WithReplicas(settings.Replicas("Directives"));

var inspections = platform.Wire(builder.AddProject<Projects.Dakla06_Inspections>("inspections-api"), platform.AddDatabase("inspectionsdb"))
    .WithReplicas(settings.Replicas("Inspections"));

var web = platform.Wire(builder.AddProject<Projects.Dakla06_Web>("web"))
    .WithReference(directives).WaitFor(directives)
    .WithReference(inspections).WaitFor(inspections)
    .WithEnvironment("DataProtection__KeysDirectory", Path.Combine(settings.DataDirectory, "web", "keys"))
    .WithReplicas(settings.Replicas("Web"))
    .WithExternalHttpEndpoints();

StartupBanner.PrintWhenReady(builder, settings, web);

builder.Build().Run();
