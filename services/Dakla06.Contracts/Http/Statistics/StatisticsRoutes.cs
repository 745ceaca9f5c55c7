namespace Dakla06.Contracts.Http.Statistics;

/// <summary>The public-service statistics API's routes: templates the service maps under <see cref="Root"/>, filled by <see cref="StatisticsClient"/>.</summary>
public static class StatisticsRoutes
{
    public const string Root = "/api/statistics";

    public const string Procedures = "/procedures";
    public const string ProceduresImport = "/procedures/import";
    public const string ProceduresSummary = "/procedures/summary";

    public const string DossiersImport = "/dossiers/import";
    public const string Import = "/imports/{id:guid}";
    public const string ImportErrors = "/imports/{id:guid}/errors";
    public const string ValidationRules = "/validation-rules";
    public const string Outliers = "/outliers";

    public const string Indicators = "/indicators";
    public const string EssentialServices = "/essential-services";

    public const string ReportedValues = "/reported-values";
    public const string ReportedIndicators = "/reported-values/indicators";
    public const string ReportedValueApprove = "/reported-values/{id:guid}/approve";
    public const string ReportedValueUnlock = "/reported-values/{id:guid}/unlock";
    public const string ReportedValueHistory = "/reported-values/{id:guid}/history";

    public const string Targets = "/targets";
    public const string Target = "/targets/{id:guid}";

    /// <summary>The multipart part of an import that carries the file.</summary>
    public const string ImportFile = "file";

    /// <summary>The multipart field of <see cref="DossiersImport"/> naming the system the file comes from.</summary>
    public const string ImportSource = "source";

    /// <summary>The path of <paramref name="template"/> with its parameters filled in order.</summary>
    public static string Path(string template, params object[] values) => ApiRoute.Fill(Root, template, values);
}
