[assembly: AssemblyFixture(typeof(Dakla06.EndToEndTests.AppHostFixture))]
