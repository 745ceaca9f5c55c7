using Dakla06.EndToEndTests;

[assembly: AssemblyFixture(typeof(Dakla06.ScaleOutTests.ScaleOutSystem))]
// One story at a time: on two cores, fourteen service processes and a browser are enough load.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly)]

namespace Dakla06.ScaleOutTests;

/// <summary>
/// The whole system with two replicas of everything, as <c>./dakla06 run --replicas-all 2</c> starts it: every service,
/// the identity provider and the web app (web-1, web-2 behind the entry point <c>web</c> at port 5080). Smaller
/// start-up seeds than a demo run keep its start short.
/// </summary>
public sealed class ScaleOutSystem : AppHostFixture
{
    public const int Replicas = 2;
    public const int SeedPersons = 3000;

    protected override IEnumerable<string> Settings =>
    [
        $"Dakla06:Replicas:All={Replicas}",
        $"Dakla06:Cleansing:SeedPersons={SeedPersons}",
        "Dakla06:Statistics:SeedDossiers=3000",
    ];

    // Twice the processes to start on the same two cores: with other agents loading them (load ~50) the services only
    // began to start after 6 of the first 8 minutes.
    protected override TimeSpan StartTimeout => TimeSpan.FromMinutes(15);
}
