using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Http.Statistics;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using Dakla06.Statistics.Data;
using Dakla06.Statistics.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Dakla06.Statistics.Api;

public static class ProceduresApi
{
    public static RouteGroupBuilder MapProceduresApi(this RouteGroupBuilder group)
    {
        var procedures = group.MapGroup(string.Empty).WithTags("Procedures");

        procedures.MapGet(StatisticsRoutes.Procedures, ListProcedures)
            .WithName("ListProcedures")
            .WithSummary("The procedure catalogue with its level history by code and effective date; asOf keeps the level in force that day, q searches code and name.");

        procedures.MapPost(StatisticsRoutes.ProceduresImport, ImportProcedures)
            .RequireRole(Roles.StatisticsOfficer)
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(Uploads.MaxBytes))
            .Accepts<IFormFile>("multipart/form-data")
            .WithName("ImportProcedures")
            .WithSummary("Imports the catalogue (province statistics officers) from a .csv or .xlsx in the multipart part 'file', upserting by (ma_tthc, hieu_luc_tu). Valid lines are saved, invalid lines reported with line, column and reason; a missing column refuses the whole file (400).");

        return group;
    }

    private static async Task<Results<Ok<PagedResult<ProcedureDto>>, ValidationProblem>> ListProcedures(
        [AsParameters] ProcedureQuery query, int? page, int? pageSize, ProcedureStore store, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var pageRequest = PageRequest.From(page, pageSize, errors);
        if (query.AdministrativeLevel is { } level && !Vocabulary.AdministrativeLevels.ContainsKey(level))
        {
            errors.Add("administrativeLevel", $"Cấp thực hiện phải là một trong: {Vocabulary.OneOf(Vocabulary.AdministrativeLevels.Keys)}.");
        }

        if (query.OnlineLevel is { } online && !Vocabulary.OnlineLevels.Contains(online))
        {
            errors.Add("onlineLevel", $"Mức độ phải là một trong: {Vocabulary.OneOf(Vocabulary.OnlineLevels)}.");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var result = await store.ListAsync(new ProcedureFilter(query.Q, query.AdministrativeLevel, query.OnlineLevel, query.AsOf), pageRequest, cancellationToken);
        return TypedResults.Ok(new PagedResult<ProcedureDto>(result.Page, result.PageSize, result.Total, result.Items.Select(ToDto).ToList()));
    }

    private static async Task<Results<Ok<ProcedureImportResponse>, ValidationProblem, ProblemHttpResult>> ImportProcedures(
        HttpRequest request, Caller caller, ProcedureStore store, IConfiguration configuration, CancellationToken cancellationToken)
    {
        if (caller.Unit.Level != AdminLevel.Province)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Chỉ cấp tỉnh",
                detail: "Danh mục thủ tục hành chính do cấp tỉnh công bố và nhập.");
        }

        using var upload = await Uploads.ReadAsync(request, configuration, cancellationToken);
        var errors = new ValidationErrors();

        await using var stream = File.OpenRead(upload.StoredPath);
        using var table = Uploads.OpenChecked(upload, stream, headers => (ProcedureFile.MapHeader(headers, out var missing), missing), errors);
        if (table is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var columns = ProcedureFile.MapHeader(table.Headers, out _);
        var rows = table.Rows.Take(ProcedureFile.MaxLines + 1).ToList();
        if (rows.Count > ProcedureFile.MaxLines)
        {
            errors.Add(StatisticsRoutes.ImportFile, $"Danh mục có quá {ProcedureFile.MaxLines:N0} dòng dữ liệu.");
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        if (rows.Count == 0)
        {
            errors.Add(StatisticsRoutes.ImportFile, "Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.");
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var (valid, lineErrors) = ProcedureFile.Check(rows, columns);
        var outcome = await store.ImportAsync(valid, caller.Username, cancellationToken);
        return TypedResults.Ok(new ProcedureImportResponse(
            outcome.Inserted, outcome.Updated, outcome.Unchanged, lineErrors.Select(e => e.Line).Distinct().Count(),
            [.. lineErrors.Select(e => new ImportErrorDto(e.Line, e.Field, e.Message))]));
    }

    private static ProcedureDto ToDto(ProcedureRow row) => new(
        row.Code, row.Name, row.AdministrativeLevel, row.Sector, row.OnlineLevel, row.EffectiveFrom, row.EssentialService, row.HasFee);
}
