using Dakla06.AppHost;
using Dakla06.AppHost.Infrastructure;

var builder = DistributedApplication.CreateBuilder(args);
var settings = Dakla06Settings.From(builder);
var platform = Platform.Add(builder, settings);
RestartPolicy.AddTo(builder);

var directives = platform.Wire(builder.AddProject<Projects.Dakla06_Directives>("directives-api"), platform.AddDatabase("directivesdb"))
    .WithReplicas(settings.Replicas("Directives"));

var inspections = platform.Wire(builder.AddProject<Projects.Dakla06_Inspections>("inspections-api"), platform.AddDatabase("inspectionsdb"))
    .WithReplicas(settings.Replicas("Inspections"));

// Uploaded batch files live on disk until validated (shared by the replicas); a small generated registry is seeded
// into an empty database so a new user can try cleansing at once.
var cleansing = platform.Wire(builder.AddProject<Projects.Dakla06_Cleansing>("cleansing-api"), platform.AddDatabase("cleansingdb"))
    .WithEnvironment("Cleansing__StorageDirectory", Path.Combine(settings.DataDirectory, "cleansing", "uploads"))
    .WithEnvironment("Cleansing__SeedPersons", builder.Configuration["Dakla06:Cleansing:SeedPersons"] ?? "30000")
    .WithReplicas(settings.Replicas("Cleansing"));

// Uploaded dossier files live on disk until their import job has read them (shared by the replicas); a generated
// catalogue and a year of dossiers are seeded into an empty database so every statistics page has content at once.
var statistics = platform.Wire(builder.AddProject<Projects.Dakla06_Statistics>("statistics-api"), platform.AddDatabase("statisticsdb"))
    .WithEnvironment("Statistics__StorageDirectory", Path.Combine(settings.DataDirectory, "statistics", "uploads"))
    .WithEnvironment("Statistics__SeedDossiers", builder.Configuration["Dakla06:Statistics:SeedDossiers"] ?? "50000")
    .WithReplicas(settings.Replicas("Statistics"));

var web = platform.Wire(builder.AddProject<Projects.Dakla06_Web>("web"))
    .WithReference(directives).WaitFor(directives)
    .WithReference(inspections).WaitFor(inspections)
    .WithReference(cleansing).WaitFor(cleansing)
    .WithReference(statistics).WaitFor(statistics)
    .WithEnvironment("DataProtection__KeysDirectory", Path.Combine(settings.DataDirectory, "web", "keys"))
    .WithReplicas(settings.Replicas("Web"))
    .WithExternalHttpEndpoints();

StartupBanner.PrintWhenReady(builder, settings, web);

builder.Build().Run();
