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
var seedPersons = builder.Configuration["Dakla06:Cleansing:SeedPersons"] ?? "30000";
var cleansing = platform.Wire(builder.AddProject<Projects.Dakla06_Cleansing>("cleansing-api"), platform.AddDatabase("cleansingdb"))
    .WithEnvironment("Cleansing__StorageDirectory", Path.Combine(settings.DataDirectory, "cleansing", "uploads"))
    .WithEnvironment("Cleansing__SeedPersons", seedPersons)
    .WithReplicas(settings.Replicas("Cleansing"));

// Uploaded dossier files live on disk until their import job has read them (shared by the replicas); a generated
// catalogue and a year of dossiers are seeded into an empty database so every statistics page has content at once.
var statistics = platform.Wire(builder.AddProject<Projects.Dakla06_Statistics>("statistics-api"), platform.AddDatabase("statisticsdb"))
    .WithEnvironment("Statistics__StorageDirectory", Path.Combine(settings.DataDirectory, "statistics", "uploads"))
    .WithEnvironment("Statistics__SeedDossiers", builder.Configuration["Dakla06:Statistics:SeedDossiers"] ?? "50000")
    .WithReplicas(settings.Replicas("Statistics"));

// Enrolment seeds its applications, cards and accounts from the same generated persons as cleansing's registry (the
// same count, the same generator seed), so its funnel and missing lists agree with the registry's population.
var enrolment = platform.Wire(builder.AddProject<Projects.Dakla06_Enrolment>("enrolment-api"), platform.AddDatabase("enrolmentdb"))
    .WithEnvironment("Enrolment__StorageDirectory", Path.Combine(settings.DataDirectory, "enrolment", "uploads"))
    .WithEnvironment("Enrolment__SeedPersons", seedPersons)
    .WithReference(cleansing)
    .WithReplicas(settings.Replicas("Enrolment"));

// Every replica of the web app gets the same references and shares the folder of its data-protection keys, so any
// of them reads a sign-in cookie another one wrote.
var web = WebEntry.Add(builder, platform, settings.Replicas("Web"), name => platform.Wire(builder.AddProject<Projects.Dakla06_Web>(name))
    .WithReference(directives).WaitFor(directives)
    .WithReference(inspections).WaitFor(inspections)
    .WithReference(cleansing).WaitFor(cleansing)
    .WithReference(statistics).WaitFor(statistics)
    .WithReference(enrolment).WaitFor(enrolment)
    .WithEnvironment("DataProtection__KeysDirectory", Path.Combine(settings.DataDirectory, "web", "keys")));

StartupBanner.PrintWhenReady(builder, settings, web);

builder.Build().Run();
