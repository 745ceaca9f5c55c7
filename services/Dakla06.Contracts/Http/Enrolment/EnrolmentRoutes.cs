namespace Dakla06.Contracts.Http.Enrolment;

/// <summary>The identity-enrolment API's routes: templates the service maps under <see cref="Root"/>, filled by <see cref="EnrolmentClient"/>.</summary>
public static class EnrolmentRoutes
{
    public const string Root = "/api/enrolment";

    public const string ApplicationsImport = "/applications/import";
    public const string CardsImport = "/cards/import";
    public const string EidImport = "/eid/import";
    public const string Imports = "/imports";
    public const string Import = "/imports/{id:guid}";
    public const string ImportErrors = "/imports/{id:guid}/errors";

    public const string Application = "/applications/{code}";

    public const string Funnel = "/funnel";
    public const string StageTimes = "/stage-times";

    public const string Stuck = "/stuck";
    public const string StuckSummary = "/stuck/summary";

    public const string Missing = "/missing";
    public const string MissingReason = "/missing/{personRef}/reason";
    public const string MissingVisits = "/missing/{personRef}/visits";
    public const string MissingVisit = "/missing/visits/{id:guid}";

    public const string Targets = "/targets";
    public const string Target = "/targets/{id:guid}";

    /// <summary>The multipart part of an import that carries the file.</summary>
    public const string ImportFile = "file";

    /// <summary>The path of <paramref name="template"/> with its parameters filled in order.</summary>
    public static string Path(string template, params object[] values) => ApiRoute.Fill(Root, template, values);
}
