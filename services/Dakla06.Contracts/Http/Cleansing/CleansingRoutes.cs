namespace Dakla06.Contracts.Http.Cleansing;

/// <summary>The data-cleansing API's routes: templates the service maps under <see cref="Root"/>, filled by <see cref="CleansingClient"/>.</summary>
public static class CleansingRoutes
{
    public const string Root = "/api/cleansing";

    public const string Batches = "/batches";
    public const string Batch = "/batches/{id:guid}";
    public const string BatchCancel = "/batches/{id:guid}/cancel";
    public const string BatchRecords = "/batches/{id:guid}/records";
    public const string BatchRecord = "/batches/{id:guid}/records/{line:int}";
    public const string BatchRecordResolve = "/batches/{id:guid}/records/{line:int}/resolve";
    public const string BatchResultsCsv = "/batches/{id:guid}/results.csv";
    public const string BatchResultsXlsx = "/batches/{id:guid}/results.xlsx";

    /// <summary>The multipart parts of <see cref="Batches"/>: the file and the <see cref="UploadBatchRequest"/> fields.</summary>
    public const string BatchFile = "file";
    public const string BatchDataset = "dataset";
    public const string BatchUnitCode = "unitCode";
    public const string BatchCampaignId = "campaignId";

    public const string Registry = "/registry";
    public const string RegistryImport = "/registry/import";

    /// <summary>Living persons aged 14+ per commune of a unit on a date (counts only).</summary>
    public const string RegistryPopulation = "/registry/population";

    /// <summary>A commune's living registry persons of an age who are not in a list of ID numbers (POST: the list is the body).</summary>
    public const string RegistryPersonsNotListed = "/registry/persons/not-listed";

    /// <summary>The multipart part of <see cref="RegistryImport"/> that carries the CSV.</summary>
    public const string RegistryImportFile = "file";

    public const string Campaigns = "/campaigns";
    public const string Campaign = "/campaigns/{id:guid}";
    public const string CampaignProgress = "/campaigns/{id:guid}/progress";

    public const string Duplicates = "/duplicates";
    public const string DuplicatesScan = "/duplicates/scan";
    public const string DuplicateReview = "/duplicates/{id:guid}/review";

    public const string Audit = "/audit";

    /// <summary>Registry quality: figures per category "x/y (z%)" of a unit's subtree at a date (GET; <see cref="RegistryQualityQuery"/>).</summary>
    public const string RegistryQuality = "/registry-quality";

    /// <summary>The configured categories, outcomes, reasons and mandatory fields.</summary>
    public const string RegistryQualityCatalogue = "/registry-quality/catalogue";

    /// <summary>Runs the rules over the whole registry now (POST; province cleansing officers). Every registry import runs them too.</summary>
    public const string RegistryQualityRun = "/registry-quality/run";

    /// <summary>Imports a list of persons into a list category (multipart <see cref="WorklistFile"/> and <see cref="WorklistCategory"/>; header <c>so_dinh_danh,ghi_chu</c>).</summary>
    public const string WorklistImport = "/worklists/import";

    /// <summary>Closes items from a CSV (multipart <see cref="WorklistFile"/> and <see cref="WorklistCategory"/>; header <c>so_dinh_danh,ket_qua,ma_ly_do,ghi_chu</c>).</summary>
    public const string WorklistBulkClose = "/worklists/bulk-close";

    /// <summary>Assigns a category's open items to the communes under a unit, one directive task each (POST), and lists the communes' assignments (GET).</summary>
    public const string RegistryQualityAssignments = "/registry-quality/assignments";

    public const string WorklistItems = "/worklists/items";
    public const string WorklistItem = "/worklists/items/{id:guid}";
    public const string WorklistItemClose = "/worklists/items/{id:guid}/close";
    public const string WorklistItemHistory = "/worklists/items/{id:guid}/history";

    /// <summary>The multipart parts of <see cref="WorklistImport"/> and <see cref="WorklistBulkClose"/>.</summary>
    public const string WorklistFile = "file";
    public const string WorklistCategory = "category";

    /// <summary>The path of <paramref name="template"/> with its parameters filled in order.</summary>
    public static string Path(string template, params object[] values) => ApiRoute.Fill(Root, template, values);
}
