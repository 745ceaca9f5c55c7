using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Http.Inspections;
using Dakla06.Inspections.Data;
using Dakla06.Inspections.Domain;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dakla06.Inspections.Api;

public static class SystemsApi
{
    public static RouteGroupBuilder MapSystemsApi(this RouteGroupBuilder group)
    {
        var systems = group.MapGroup(string.Empty).WithTags("Systems");

        systems.MapPost(InspectionsRoutes.Systems, CreateSystem)
            .RequireRole(Roles.SecurityInspector)
            .WithName("CreateSystem")
            .WithSummary("Registers an information system of a unit in the caller's scope; it starts not cleared (no completed inspection).");

        systems.MapGet(InspectionsRoutes.Systems, ListSystems)
            .WithName("ListSystems")
            .WithSummary("Information systems owned by units in the caller's scope, with their readiness.");

        systems.MapGet(InspectionsRoutes.System, GetSystem)
            .WithName("GetSystem")
            .WithSummary("One system with its readiness history and its inspections; 404 when not in scope.");

        return group;
    }

    private static async Task<Results<Created<SystemDto>, ValidationProblem, ProblemHttpResult>> CreateSystem(
        CreateSystemRequest request, Caller caller, SystemStore store, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var system = NewSystem.TryCreate(request.Name, request.OwnerUnitCode, request.Kind, request.SecurityLevel, errors);
        if (system is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        if (!caller.Scope.IsInScope(system.OwnerUnit.Code))
        {
            return InspectionsApi.UnitOutsideScope(caller, system.OwnerUnit);
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
        return TypedResults.Created(InspectionsRoutes.Path(InspectionsRoutes.System, id), ToDto(details!.System));
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
        return TypedResults.Ok(new PagedResult<SystemDto>(result.Page, result.PageSize, result.Total, result.Items.Select(ToDto).ToList()));
    }

    private static async Task<Results<Ok<SystemDetailDto>, NotFound>> GetSystem(Guid id, Caller caller, SystemStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(caller, id, cancellationToken) is { } details
            ? TypedResults.Ok(ToDetailDto(details))
            : TypedResults.NotFound();

    private static SystemDto ToDto(SystemRow row) => new(
        row.Id, row.Name, row.Kind, row.SecurityLevel, row.OwnerUnitCode, AdminUnitDirectory.Default.NameOf(row.OwnerUnitCode), row.Cleared,
        row.ReadinessReason, row.ReadinessKind, row.ReadinessChangedAt, row.LastInspectedOn, row.CreatedBy, row.CreatedAt);

    private static SystemDetailDto ToDetailDto(SystemDetails details)
    {
        var s = ToDto(details.System);
        return new SystemDetailDto(
            s.Id, s.Name, s.Kind, s.SecurityLevel, s.OwnerUnitCode, s.OwnerUnitName, s.Cleared, s.ReadinessReason, s.ReadinessKind, s.ReadinessChangedAt,
            s.LastInspectedOn, s.CreatedBy, s.CreatedAt,
            details.History.Select(h => new ReadinessChangeDto(h.Cleared, h.Reason, h.Kind, h.At, h.EffectiveOn)).ToList(),
            details.Inspections.Select(InspectionEndpoints.ToSummaryDto).ToList());
    }
}

/// <summary>Checks the system list's query parameters.</summary>
public static class SystemQueryValidation
{
    /// <summary>The checked filter, or errors naming each bad parameter.</summary>
    public static SystemFilter Validate(this SystemQuery query, ValidationErrors errors) =>
        new(query.Q, QueryUnits.Path(query.Unit, "unit", errors), query.Cleared);
}
