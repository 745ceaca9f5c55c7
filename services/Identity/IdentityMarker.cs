namespace Dakla06.Identity;

/// <summary>
/// Entry-point marker for <c>WebApplicationFactory&lt;IdentityMarker&gt;</c>; a test project that also sees other
/// services' <c>Program</c> classes cannot use <c>Program</c> unambiguously.
/// </summary>
public sealed class IdentityMarker;
