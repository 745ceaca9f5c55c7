using Dakla06.Contracts.Http.Statistics;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using Dakla06.Statistics.Data;
using Dakla06.Statistics.Domain;
using Dakla06.Statistics.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Dakla06.Statistics.Api;

public static class ImportsApi
{
    public static RouteGroupBuilder MapImportsApi(this RouteGroupBuilder group)
    {
        var imports = group.MapGroup(string.Empty).WithTags("Imports");

        imports.MapPost(StatisticsRoutes.DossiersImport, ImportDossiers)
            .RequireRole(Roles.StatisticsOfficer)
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(Uploads.MaxBytes))
            .Accepts<IFormFile>("multipart/form-data")
            .WithName("ImportDossiers")
            .WithSummary("Queues a dossier file (multipart: 'file' .csv or .xlsx, 'source' igate|dvcqg|bca) for the caller's unit and the units below; 202 with the job. A file without the required columns is refused whole (400).");

        imports.MapGet(StatisticsRoutes.Import, GetImport)
            .WithName("GetImport")
            .WithSummary("An import job's status, progress and counts (inserted, updated, unchanged, rejected).");

        imports.MapGet(StatisticsRoutes.ImportErrors, ListImportErrors)
            .WithName("ListImportErrors")
            .WithSummary("The findings of an import in line order, each with its column, reason, rule and severity: errors (the line was rejected) and warnings (the line was stored).");

        return group;
    }

    private static async Task<Results<Accepted<ImportDto>, ValidationProblem>> ImportDossiers(
        HttpRequest request, Caller caller, ImportStore store, ImportSignal signal, IConfiguration configuration, CancellationToken cancellationToken)
    {
        using var upload = await Uploads.ReadAsync(request, configuration, cancellationToken);
        var errors = new ValidationErrors();

        var source = upload.Field(StatisticsRoutes.ImportSource);
        if (source is null || !DossierSources.All.Contains(source))
        {
            errors.Add(StatisticsRoutes.ImportSource, $"Nguồn dữ liệu phải là một trong: {Vocabulary.OneOf(DossierSources.All)}.");
        }

        // Only the header is read now; the job reads the rest.
        await using (var stream = File.OpenRead(upload.StoredPath))
        {
            using var table = Uploads.OpenChecked(upload, stream, headers => (DossierFile.MapHeader(headers, out var missing), missing), errors);
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var import = new NewImport(Guid.CreateVersion7(), source!, upload.FileName, upload.StoredPath, upload.Size, caller.Scope, caller.Username);
        await store.CreateAsync(import, cancellationToken);
        upload.Keep();
        signal.Notify();
        var created = await store.FindAsync(caller.Scope, import.Id, cancellationToken);
        return TypedResults.Accepted(StatisticsRoutes.Path(StatisticsRoutes.Import, import.Id), ToDto(created!));
    }

    private static async Task<Results<Ok<ImportDto>, NotFound>> GetImport(Guid id, Caller caller, ImportStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(caller.Scope, id, cancellationToken) is { } import ? TypedResults.Ok(ToDto(import)) : TypedResults.NotFound();

    private static async Task<Results<Ok<PagedResult<ImportErrorDto>>, ValidationProblem, NotFound>> ListImportErrors(
        Guid id, Caller caller, ImportStore store, CancellationToken cancellationToken, int? page = null, int? pageSize = null)
    {
        var errors = new ValidationErrors();
        var pageRequest = PageRequest.From(page, pageSize, errors);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        if (await store.FindAsync(caller.Scope, id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        var result = await store.ListErrorsAsync(id, pageRequest, cancellationToken);
        return TypedResults.Ok(new PagedResult<ImportErrorDto>(
            result.Page, result.PageSize, result.Total, [.. result.Items.Select(e => new ImportErrorDto(e.Line, e.Field, e.Message, e.Severity, e.Rule))]));
    }

    private static ImportDto ToDto(ImportRow row) => new(
        row.Id, row.Source, row.FileName, row.UnitCode, row.Status,
        row.Status == ImportStatuses.Completed ? 100 : row.FileSize <= 0 ? 0 : (int)Math.Clamp(row.BytesRead * 100 / row.FileSize, 0, 99),
        row.Processed, row.Inserted, row.Updated, row.Unchanged, row.Rejected, row.LinesWithWarnings, row.CreatedBy, row.CreatedAt, row.CompletedAt, row.Error);
}
