using System.Text;
using Dakla06.Cleansing.Data;
using Dakla06.Cleansing.Jobs;
using Dakla06.Cleansing.Quality;
using Dakla06.Cleansing.Registry;
using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Http.Cleansing;
using Dakla06.ServiceDefaults;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Dakla06.Cleansing.Api;

public static class RegistryApi
{
    /// <summary>Largest import accepted: a 2.1-million-person file is about 190 MB.</summary>
    public const long MaxImportBytes = 1024L * 1024 * 1024;

    public static RouteGroupBuilder MapRegistryApi(this RouteGroupBuilder group)
    {
        var registry = group.MapGroup(string.Empty).WithTags("Registry");

        registry.MapGet(CleansingRoutes.Registry, GetRegistry)
            .WithName("GetRegistry")
            .WithSummary("Number of persons in the reference registry and its version (bumped by every import that changed it).");

        registry.MapPost(CleansingRoutes.RegistryImport, ImportRegistry)
            .RequireRole(Roles.CleansingOfficer)
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxImportBytes))
            .WithName("ImportRegistry")
            .WithSummary("Imports registry persons from a CSV (multipart 'file'; header id_number,full_name,date_of_birth,gender,commune_code,household_id,is_household_head,old_id_number,status, then optionally dan_toc,ton_giao,que_quan,noi_thuong_tru,quan_he_chu_ho in any order — an absent optional column keeps the stored values), upserting by ID number: valid lines are loaded, invalid ones listed with line number and reason; the registry-quality rules then run. Province cleansing officers only.");

        return group;
    }

    private static async Task<Ok<RegistryDto>> GetRegistry(RegistryStore store, CancellationToken cancellationToken)
    {
        var state = await store.GetStateAsync(cancellationToken);
        return TypedResults.Ok(new RegistryDto(state.PersonCount, state.Version, state.UpdatedAt));
    }

    private static async Task<Results<Ok<RegistryImportResponse>, ValidationProblem, ProblemHttpResult>> ImportRegistry(
        HttpRequest request, Caller caller, RegistryStore store, RegistrySnapshotProvider snapshots, PopulationSignal population,
        QualityRules qualityRules, TimeProvider time, CancellationToken cancellationToken)
    {
        // The registry is the province's: a district or commune officer cleans records, never the reference itself.
        if (caller.Unit.Level != AdminLevel.Province)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Chỉ cấp tỉnh được nhập dữ liệu dân cư",
                detail: $"Nhập danh sách dân cư tham chiếu chỉ dành cho cán bộ làm sạch dữ liệu cấp tỉnh; {caller.Unit.Name} không có quyền này.");
        }

        var errors = new ValidationErrors();
        var boundary = request.ContentType is { } contentType && MediaTypeHeaderValue.TryParse(contentType, out var media)
            ? HeaderUtilities.RemoveQuotes(media.Boundary).Value
            : null;
        if (string.IsNullOrEmpty(boundary))
        {
            errors.Add("file", "Yêu cầu phải là multipart/form-data có tệp CSV danh sách dân cư (trường \"file\").");
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        try
        {
            // Streamed: the file part is read line by line straight into the database COPY, never held whole.
            var reader = new MultipartReader(boundary, request.Body);
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.IsFileDisposition()
                    || HeaderUtilities.RemoveQuotes(disposition.Name).Value != CleansingRoutes.RegistryImportFile)
                {
                    continue;
                }

                using var text = new StreamReader(section.Body, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
                IAsyncEnumerable<RegistryCsvLine> lines;
                try
                {
                    lines = await RegistryCsv.OpenAsync(text, VietnamTime.Today(time), cancellationToken);
                }
                catch (RegistryCsvException e)
                {
                    errors.Add("file", e.Message);
                    return TypedResults.ValidationProblem(errors.ToDictionary());
                }

                var result = await store.ImportAsync(lines, cancellationToken);
                if (result.Inserted + result.Updated > 0)
                {
                    population.Notify();
                    // The registry-quality items follow every import that changed the registry: fixed errors close
                    // themselves, new ones open, before the importer reads the figures.
                    await qualityRules.RunAsync(cancellationToken);
                }

                // Answer once this replica validates against the new registry: the next batch then starts at once
                // instead of loading millions of persons first (other replicas' workers refresh while idle).
                await snapshots.GetCurrentAsync(cancellationToken);
                return TypedResults.Ok(ToDto(result));
            }
        }
        catch (InvalidDataException e)
        {
            // A broken multipart body (or one over the size limit) is the caller's mistake, not a 500.
            errors.Add("file", $"Không đọc được tệp tải lên: {e.Message}");
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        errors.Add("file", "Chưa chọn tệp CSV danh sách dân cư (trường \"file\").");
        return TypedResults.ValidationProblem(errors.ToDictionary());
    }

    private static RegistryImportResponse ToDto(RegistryImportResult result) => new(
        result.Inserted, result.Updated, result.Unchanged, result.Rejected,
        [.. result.RejectedLines.Select(line => new RegistryRejectedLineDto(line.Line, line.Reason))], result.Version, result.PersonCount);
}
