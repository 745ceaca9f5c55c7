namespace Dakla06.Web;

/// <summary>
/// Names the web app's assembly for <c>WebApplicationFactory</c> and Aspire without clashing with other projects'
/// <c>Program</c> classes.
/// </summary>
public sealed class WebAppMarker;
