namespace Dakla06.IntegrationTests.Support;

/// <summary>Awaits a condition with a timeout instead of sleeping for a guessed time.</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        var value = await probe();
        while (!done(value))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Condition not met within {(timeout ?? TimeSpan.FromSeconds(30)).TotalSeconds} s{(because is null ? "" : ": " + because)}. Last value: {value}");
            }

            await Task.Yield();
            using var pause = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
            await pause.WaitForNextTickAsync();
            value = await probe();
        }

        return value;
    }
}
