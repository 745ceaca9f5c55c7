using Xunit.Sdk;
using Xunit.v3;

namespace Dakla06.Testing;

/// <summary>
/// Stops the local PostgreSQL and RabbitMQ servers when the test pipeline ends, before the runner returns. Left to
/// <see cref="AppDomain.ProcessExit"/>, their shutdown (seconds on a loaded machine) ran after the runner had returned,
/// and xunit, finding the process still alive ten seconds later, ended it with "Foreground threads were left running"
/// and a failing exit code although every test had passed.
/// </summary>
public sealed class StopTestServersAtPipelineEnd : ITestPipelineStartup
{
    public ValueTask StartAsync(IMessageSink diagnosticMessageSink) => ValueTask.CompletedTask;

    public ValueTask StopAsync()
    {
        TestServers.StopIfStarted();
        return ValueTask.CompletedTask;
    }
}
