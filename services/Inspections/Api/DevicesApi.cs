using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Http.Inspections;
using Dakla06.Inspections.Data;
using Dakla06.Inspections.Domain;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Dakla06.Inspections.Api;

public static class DevicesApi
{
    public static RouteGroupBuilder MapDevicesApi(this RouteGroupBuilder group)
    {
        var devices = group.MapGroup(string.Empty).WithTags("Devices");

        devices.MapGet(InspectionsRoutes.Devices, ListDevices)
            .WithName("ListDevices")
            .WithSummary("Endpoint devices of the caller's unit and the units below it, with their latest inspection; q searches asset tag, purpose and description.");

        devices.MapPost(InspectionsRoutes.Devices, CreateDevice)
            .RequireRole(Roles.SecurityInspector)
            .WithName("CreateDevice")
            .WithSummary("Registers an endpoint device of a unit in the caller's scope; 409 when the asset tag is already registered.");

        devices.MapPost(InspectionsRoutes.DevicesImport, ImportDevices)
            .RequireRole(Roles.SecurityInspector)
            .Accepts<IFormFile>("multipart/form-data")
            .WithMetadata(new RequestSizeLimitAttribute(DeviceImport.MaxFileBytes + MultipartUpload.FormOverheadBytes))
            .WithName("ImportDevices")
            .WithSummary("Imports devices from a .csv (UTF-8, comma or semicolon) or .xlsx file in the multipart part 'file', upserting by asset tag. Valid lines are saved, invalid lines are reported with line number, field and reason; a missing required column refuses the whole file (400).");

        return group;
    }

    private static async Task<Results<Ok<PagedResult<DeviceDto>>, ValidationProblem>> ListDevices(
        Caller caller,
        DeviceStore store,
        CancellationToken cancellationToken,
        string? q = null,
        string? unit = null,
        int? page = null,
        int? pageSize = null)
    {
        var errors = new ValidationErrors();
        var pageRequest = PageRequest.From(page, pageSize, errors);
        var unitPath = QueryUnits.Path(unit, "unit", errors);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        // A unit outside the caller's scope is not an error: the scope condition in SQL leaves nothing to show.
        var result = await store.ListAsync(caller.Scope, new DeviceFilter(q, unitPath), pageRequest, cancellationToken);
        return TypedResults.Ok(new PagedResult<DeviceDto>(result.Page, result.PageSize, result.Total, result.Items.Select(ToDto).ToList()));
    }

    private static async Task<Results<Created<DeviceDto>, ValidationProblem, ProblemHttpResult>> CreateDevice(
        CreateDeviceRequest request, Caller caller, DeviceStore store, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var device = NewDevice.TryCreate(request.AssetTag, request.UnitCode, request.Purpose, request.Description, errors);
        if (device is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        if (!caller.Scope.IsInScope(device.Unit.Code))
        {
            return InspectionsApi.UnitOutsideScope(caller, device.Unit);
        }

        return await store.CreateAsync(device, caller, cancellationToken) is { } row
            ? TypedResults.Created(ApiQuery.Append(InspectionsRoutes.Path(InspectionsRoutes.Devices), new { q = row.AssetTag }), ToDto(row))
            : TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Mã tài sản đã tồn tại",
                detail: $"Thiết bị có mã tài sản {device.AssetTag} đã được đăng ký.");
    }

    private static async Task<Results<Ok<DeviceImportResponse>, ValidationProblem>> ImportDevices(
        HttpRequest request, Caller caller, DeviceStore store, CancellationToken cancellationToken)
    {
        // Streamed part by part: a file over MaxFileBytes is refused (413) as soon as it passes the limit, not after
        // the framework buffered all of it; a request without the file is a 400 naming "file".
        var errors = new ValidationErrors();
        using var content = new MemoryStream();
        var form = await MultipartUpload.ReadAsync(request, DeviceImport.Upload, _ => content, cancellationToken);
        if (form.FileName is null || form.FileBytes == 0)
        {
            errors.Add(DeviceImport.FileField, "Hãy chọn tệp .csv hoặc .xlsx (trường \"file\" của biểu mẫu multipart).");
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var checkedFile = DeviceImport.Read(form.FileName, content.ToArray(), caller.Scope, errors);
        if (checkedFile is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var outcome = await store.ImportAsync(checkedFile.Rows, caller, cancellationToken);
        var allErrors = checkedFile.Errors.Concat(outcome.Refused).OrderBy(e => e.Line).ToList();
        return TypedResults.Ok(new DeviceImportResponse(
            outcome.Inserted, outcome.Updated, allErrors.Select(e => e.Line).Distinct().Count(),
            allErrors.Select(e => new DeviceImportErrorDto(e.Line, e.Field, e.Message)).ToList()));
    }

    private static DeviceDto ToDto(DeviceRow row) => new(
        row.Id, row.AssetTag, row.UnitCode, AdminUnitDirectory.Default.NameOf(row.UnitCode), row.Purpose, row.Description, row.LastInspectedOn, row.LastResult);
}
