using Dakla06.Contracts.Http;

namespace Dakla06.IntegrationTests.Support;

/// <summary>Assertions on calls through a service's typed client (<c>using static</c> them in a test file).</summary>
public static class ApiAssert
{
    /// <summary>Awaits a call that must fail with <paramref name="failure"/>; returns the failure for further checks.</summary>
    public static async Task<ServiceApiException> FailsAsync(ApiFailure failure, Func<Task> call)
    {
        var exception = await Assert.ThrowsAsync<ServiceApiException>(call);
        Assert.True(exception.Failure == failure, $"expected {failure}, got {exception.Failure} ({exception.Status}): {exception.Message}");
        return exception;
    }

    /// <summary>The fields a 400 named, in ordinal order.</summary>
    public static string[] Fields(ServiceApiException invalid) => [.. invalid.FieldErrors.Keys.Order(StringComparer.Ordinal)];
}
