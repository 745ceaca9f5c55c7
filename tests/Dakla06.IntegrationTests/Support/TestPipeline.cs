using Dakla06.Testing;
using Xunit.v3;

[assembly: TestPipelineStartup<StopTestServersAtPipelineEnd>]
