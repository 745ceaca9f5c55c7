using Dakla06.Contracts.Http.Enrolment;
using Dakla06.Contracts.Http.Statistics;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Imports;
using Dakla06.ServiceDefaults.Security;
using Dakla06.Enrolment.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Dakla06.Enrolment.Api;

public static class ImportsApi
{
    /// <summary>
    /// A province's 1.7 million applications are about 220 MB of CSV; the card events and e-ID accounts are smaller.
    /// Checked while the upload streams (413 as soon as a file passes it).
    /// </summary>
    public const long MaxBytes = 512L * 1024 * 1024;

    public const string StorageDirectoryKey = "Enrolment:StorageDirectory";

    private static readonly UploadLimits Limits = new(EnrolmentRoutes.ImportFile, MaxBytes, []);

    public static RouteGroupBuilder MapImportsApi(this RouteGroupBuilder group)
    {
        var imports = group.MapGroup(string.Empty).WithTags("Imports");
        MapUpload(imports, EnrolmentRoutes.ApplicationsImport, EnrolmentImportKinds.Applications, "ImportApplications",
            "Queues an application file (multipart 'file', .csv or .xlsx; header ma_ho_so,so_dinh_danh,ho_ten,ngay_sinh,gioi_tinh,ma_xa,ngay_thu_nhan,hinh_thuc,loai,dinh_danh_muc_2) for the caller's unit and the units below; 202 with the job. A file without the required columns is refused whole (400).");
        MapUpload(imports, EnrolmentRoutes.CardsImport, EnrolmentImportKinds.Cards, "ImportCardEvents",
            "Queues a card-event file (header ma_ho_so,su_kien,ngay; su_kien nhan_tu_c06|tra_cong_dan); 202 with the job.");
        MapUpload(imports, EnrolmentRoutes.EidImport, EnrolmentImportKinds.Eid, "ImportEidAccounts",
            "Queues an e-ID account file (header so_dinh_danh,ma_xa,muc_do,kenh,ngay_dang_ky,ngay_kich_hoat); 202 with the job.");

        imports.MapGet(EnrolmentRoutes.Imports, ListImports)
            .WithName("ListEnrolmentImports")
            .WithSummary("The import jobs of importers in the caller's scope, newest first, optionally of one kind (applications|cards|eid).");

        imports.MapGet(EnrolmentRoutes.Import, GetImport)
            .WithName("GetEnrolmentImport")
            .WithSummary("An import job's status, progress and counts (inserted, updated, unchanged, rejected).");

        imports.MapGet(EnrolmentRoutes.ImportErrors, ListImportErrors)
            .WithName("ListEnrolmentImportErrors")
            .WithSummary("The rejected lines of an import in line order, each with its column and reason (personal values are never echoed).");
        return group;
    }

    private static void MapUpload(RouteGroupBuilder imports, string route, string kind, string name, string summary) =>
        imports.MapPost(route, (HttpRequest request, Caller caller, ImportJobStore store, ImportSignal signal, IConfiguration configuration, CancellationToken cancellationToken) =>
                QueueAsync(kind, request, caller, store, signal, configuration, cancellationToken))
            .RequireRole(Roles.EnrolmentOfficer)
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxBytes))
            .Accepts<IFormFile>("multipart/form-data")
            .WithName(name)
            .WithSummary(summary);

    private static async Task<Results<Accepted<EnrolmentImportDto>, ValidationProblem>> QueueAsync(
        string kind, HttpRequest request, Caller caller, ImportJobStore store, ImportSignal signal, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var directory = configuration[StorageDirectoryKey] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(Path.GetTempPath(), "dakla06-enrolment");
        using var upload = await StoredUpload.ReadAsync(request, Limits, directory, [".csv", ".xlsx"], cancellationToken);
        var errors = new ValidationErrors();
        ImportUploads.CheckHeader(upload, HeaderOf(kind), EnrolmentRoutes.ImportFile, errors);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var job = new NewImportJob(Guid.CreateVersion7(), kind, upload.FileName, upload.StoredPath, upload.Size, caller.Scope, caller.Username);
        await store.CreateAsync(job, cancellationToken);
        upload.Keep();
        signal.Notify();
        var created = await store.FindAsync(caller.Scope, job.Id, cancellationToken);
        return TypedResults.Accepted(EnrolmentRoutes.Path(EnrolmentRoutes.Import, job.Id), ToDto(created!));
    }

    public static IReadOnlyList<string> HeaderOf(string kind) => kind switch
    {
        EnrolmentImportKinds.Applications => EnrolmentFileHeaders.Applications,
        EnrolmentImportKinds.Cards => EnrolmentFileHeaders.Cards,
        _ => EnrolmentFileHeaders.Eid,
    };

    private static async Task<Results<Ok<PagedResult<EnrolmentImportDto>>, ValidationProblem>> ListImports(
        [AsParameters] EnrolmentImportQuery query, Caller caller, ImportJobStore store, CancellationToken cancellationToken, int? page = null, int? pageSize = null)
    {
        var errors = new ValidationErrors();
        var pageRequest = PageRequest.From(page, pageSize, errors);
        if (query.Kind is { } kind && !EnrolmentImportKinds.All.Contains(kind))
        {
            errors.Add("kind", $"Loại dữ liệu phải là một trong: {string.Join(", ", EnrolmentImportKinds.All)}.");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var result = await store.ListAsync(caller.Scope, query.Kind, pageRequest, cancellationToken);
        return TypedResults.Ok(new PagedResult<EnrolmentImportDto>(result.Page, result.PageSize, result.Total, [.. result.Items.Select(ToDto)]));
    }

    private static async Task<Results<Ok<EnrolmentImportDto>, NotFound>> GetImport(Guid id, Caller caller, ImportJobStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(caller.Scope, id, cancellationToken) is { } job ? TypedResults.Ok(ToDto(job)) : TypedResults.NotFound();

    private static async Task<Results<Ok<PagedResult<ImportErrorDto>>, ValidationProblem, NotFound>> ListImportErrors(
        Guid id, Caller caller, ImportJobStore store, CancellationToken cancellationToken, int? page = null, int? pageSize = null)
    {
        var errors = new ValidationErrors();
        var pageRequest = PageRequest.From(page, pageSize, errors);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        return await store.FindAsync(caller.Scope, id, cancellationToken) is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(await store.ListErrorsAsync(id, pageRequest, cancellationToken));
    }

    private static EnrolmentImportDto ToDto(ImportJob job) => new(
        job.Id, job.Kind, job.FileName, job.UnitCode, job.Status, job.ProgressPercent, job.Processed, job.Inserted, job.Updated, job.Unchanged,
        job.Rejected, job.CreatedBy, job.CreatedAt, job.CompletedAt, job.Error);
}
