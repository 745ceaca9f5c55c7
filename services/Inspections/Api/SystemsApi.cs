using Dakla06.Contracts.AdminUnits;
using Dakla06.Inspections.Data;
using Dakla06.Inspections.Domain;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dakla06.Inspections.Api;

/// <summary>An information system with its current connection readiness.</summary>
public sealed record SystemDto(
    Guid Id,
    string Name,
    string Kind,
    int SecurityLevel,
    string OwnerUnitCode,
    string OwnerUnitName,
    bool Cleared,
    string ReadinessReason,
    string ReadinessKind,
    DateTimeOffset ReadinessChangedAt,
    DateOnly? LastInspectedOn,
    string CreatedBy,
    DateTimeOffset CreatedAt)
{
    public static SystemDto From(SystemRow row) => new(
        row.Id, row.Name, row.Kind, row.SecurityLevel, row.OwnerUnitCode, Units.Name(row.OwnerUnitCode), row.Cleared,
        row.ReadinessReason, row.ReadinessKind, Utc.Of(row.ReadinessChangedAt), row.LastInspectedOn, row.CreatedBy, Utc.Of(row.CreatedAt));
}

/// <summary>One row of a system's readiness history: the initial state, then every change of <c>cleared</c> or of the deciding condition (<c>kind</c>).</summary>
public sealed record ReadinessChangeDto(bool Cleared, string Reason, string Kind, DateTimeOffset At, DateOnly EffectiveOn);

/// <summary>A system with its readiness history and inspections (conclusions only for inspectors and leaders in scope).</summary>
public sealed record SystemDetailDto(
    Guid Id,
    string Name,
    string Kind,
    int SecurityLevel,
    string OwnerUnitCode,
    string OwnerUnitName,
    bool Cleared,
    string ReadinessReason,
    string ReadinessKind,
    DateTimeOffset ReadinessChangedAt,
    DateOnly? LastInspectedOn,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    IReadOnlyList<ReadinessChangeDto> ReadinessHistory,
    IReadOnlyList<InspectionSummaryDto> Inspections)
{
    public static SystemDetailDto From(SystemDetails details)
    {
        var s = SystemDto.From(details.System);
        return new SystemDetailDto(
            s.Id, s.Name, s.Kind, s.SecurityLevel, s.OwnerUnitCode, s.OwnerUnitName, s.Cleared, s.ReadinessReason, s.ReadinessKind, s.ReadinessChangedAt,
            s.LastInspectedOn, s.CreatedBy, s.CreatedAt,
            details.History.Select(h => new ReadinessChangeDto(h.Cleared, h.Reason, h.Kind, Utc.Of(h.At), h.EffectiveOn)).ToList(),
            details.Inspections.Select(InspectionSummaryDto.From).ToList());
    }
}

/// <summary>Body of <c>POST /api/inspections/systems</c>; everything optional so that validation names what is missing.</summary>
public sealed record CreateSystemRequest(string? Name, string? OwnerUnitCode, string? Kind, int? SecurityLevel);

/// <summary>Filters of <c>GET /systems</c>.</summary>
public sealed record SystemQuery(string? Q = null, string? Unit = null, bool? Cleared = null)
{
    public SystemFilter Validate(ValidationErrors errors) =>
        new(Q, QueryUnits.Path(Unit, "unit", errors), Cleared);
}

public static class SystemsApi
{
    public static RouteGroupBuilder MapSystemsApi(this RouteGroupBuilder group)
    {
        var systems = group.MapGroup("/systems").WithTags("Systems");

        systems.MapPost("/", CreateSystem)
            .RequireRole(Roles.SecurityInspector)
            .WithName("CreateSystem")
            .WithSummary("Registers an information system of a unit in the caller's scope; it starts not cleared (no completed inspection).");

        systems.MapGet("/", ListSystems)
            .WithName("ListSystems")
            .WithSummary("Information systems owned by units in the caller's scope, with their readiness.");

        systems.MapGet("/{id:guid}", GetSystem)
            .WithName("GetSystem")
            .WithSummary("One system with its readiness history and its inspections; 404 when not in scope.");

        return group;
    }

    private static async Task<Results<Created<SystemDto>, ValidationProblem, ProblemHttpResult>> CreateSystem(
        CreateSystemRequest request, Caller caller, SystemStore store, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var system = NewSystem.TryCreate(request.Name, request.OwnerUnitCode, request.Kind, request.SecurityLevel, caller.Scope, errors);
        if (system is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var (outcome, id) = await store.CreateAsync(system, caller, cancellationToken);
        if (outcome == CreateSystemOutcome.DuplicateName)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Hệ thống đã được đăng ký",
                detail: $"{system.OwnerUnit.Name} đã có hệ thống thông tin tên \"{system.Name}\".");
        }

        var details = await store.FindAsync(caller, id, cancellationToken);
        return TypedResults.Created($"/api/inspections/systems/{id}", SystemDto.From(details!.System));
    }

    private static async Task<Results<Ok<PagedResult<SystemDto>>, ValidationProblem>> ListSystems(
        Caller caller, SystemStore store, [AsParameters] SystemQuery query, CancellationToken cancellationToken, int? page = null, int? pageSize = null)
    {
        var errors = new ValidationErrors();
        var pageRequest = PageRequest.From(page, pageSize, errors);
        var filter = query.Validate(errors);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var result = await store.ListAsync(caller.Scope, filter, pageRequest, cancellationToken);
        return TypedResults.Ok(new PagedResult<SystemDto>(result.Page, result.PageSize, result.Total, result.Items.Select(SystemDto.From).ToList()));
    }

    private static async Task<Results<Ok<SystemDetailDto>, NotFound>> GetSystem(Guid id, Caller caller, SystemStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(caller, id, cancellationToken) is { } details
            ? TypedResults.Ok(SystemDetailDto.From(details))
            : TypedResults.NotFound();
}

/// <summary>Helpers for query parameters and timestamps shared by the endpoints.</summary>
public static class QueryUnits
{
    /// <summary>The ltree path of a <c>unit</c> filter (null when absent); an unknown unit is named under <paramref name="field"/>.</summary>
    public static string? Path(string? code, string field, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var unit = AdminUnitDirectory.Default.Find(code.Trim());
        if (unit is null)
        {
            errors.Add(field, $"Không có đơn vị hành chính mã {code.Trim()} trong tỉnh.");
        }

        return unit?.Path;
    }
}

public static class Utc
{
    /// <summary>A <c>timestamptz</c> read as a UTC <see cref="DateTime"/>, as an offset value for the API.</summary>
    public static DateTimeOffset Of(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
