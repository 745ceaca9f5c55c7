namespace Dakla06.Web.Shared;

/// <summary>What the import forms accept from the browser: the APIs' own limit (statistics and enrolment stream the file to disk).</summary>
public static class ImportLimits
{
    public const long MaxBytes = 512L * 1024 * 1024;
}
