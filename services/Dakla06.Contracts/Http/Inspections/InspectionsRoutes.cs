namespace Dakla06.Contracts.Http.Inspections;

/// <summary>The security-inspections API's routes: templates the service maps under <see cref="Root"/>, filled by <see cref="InspectionsClient"/>.</summary>
public static class InspectionsRoutes
{
    public const string Root = "/api/inspections";

    public const string Systems = "/systems";
    public const string System = "/systems/{id:guid}";

    public const string Teams = "/teams";
    public const string Checklists = "/checklists";

    public const string Inspections = "/inspections";
    public const string Inspection = "/inspections/{id:guid}";
    public const string InspectionStart = "/inspections/{id:guid}/start";
    public const string InspectionResults = "/inspections/{id:guid}/results";
    public const string InspectionComplete = "/inspections/{id:guid}/complete";
    public const string InspectionFindings = "/inspections/{id:guid}/findings";

    public const string Findings = "/findings";
    public const string Finding = "/findings/{id:guid}";
    public const string FindingVerify = "/findings/{id:guid}/verify";
    public const string FindingReopen = "/findings/{id:guid}/reopen";
    public const string FindingAcceptRisk = "/findings/{id:guid}/accept-risk";

    public const string Devices = "/devices";
    public const string DevicesImport = "/devices/import";

    /// <summary>The multipart part of <see cref="DevicesImport"/> that carries the file.</summary>
    public const string DevicesImportFile = "file";

    public const string Coverage = "/coverage";

    /// <summary>The path of <paramref name="template"/> with its parameters filled in order.</summary>
    public static string Path(string template, params object[] values) => ApiRoute.Fill(Root, template, values);
}
