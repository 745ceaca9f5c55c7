namespace Dakla06.Contracts.Http.Directives;

/// <summary>The directive-tracking API's routes: templates the service maps under <see cref="Root"/>, filled by <see cref="DirectivesClient"/>.</summary>
public static class DirectivesRoutes
{
    public const string Root = "/api/directives";

    public const string Documents = "/documents";
    public const string Document = "/documents/{id:guid}";
    public const string DocumentTasks = "/documents/{documentId:guid}/tasks";

    public const string Tasks = "/tasks";
    public const string TasksExport = "/tasks/export.xlsx";
    public const string Task = "/tasks/{id:guid}";
    public const string TaskStart = "/tasks/{id:guid}/start";
    public const string TaskReports = "/tasks/{id:guid}/reports";
    public const string TaskAccept = "/tasks/{id:guid}/accept";
    public const string TaskReturn = "/tasks/{id:guid}/return";
    public const string TaskRemind = "/tasks/{id:guid}/remind";

    public const string Summary = "/summary";

    public const string WorkingGroups = "/working-groups";
    public const string WorkingGroupCoverage = "/working-groups/coverage";
    public const string WorkingGroup = "/working-groups/{unitCode}";

    /// <summary>The path of <paramref name="template"/> with its parameters filled in order.</summary>
    public static string Path(string template, params object[] values) => ApiRoute.Fill(Root, template, values);
}
