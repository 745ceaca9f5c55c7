using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Http.Directives;
using Dakla06.Directives.Data;
using Dakla06.ServiceDefaults;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dakla06.Directives.Api;

public static class WorkingGroupsApi
{
    public const int MaxDecisionNumberLength = 100;

    public static RouteGroupBuilder MapWorkingGroupsApi(this RouteGroupBuilder group)
    {
        var groups = group.MapGroup(string.Empty).WithTags("Working groups");

        groups.MapGet(DirectivesRoutes.WorkingGroups, ListWorkingGroups)
            .WithName("ListWorkingGroups")
            .WithSummary("One row per unit of the subtree (default the caller's unit), including units that have not reported.");

        groups.MapGet(DirectivesRoutes.WorkingGroupCoverage, GetCoverage)
            .WithName("GetWorkingGroupCoverage")
            .WithSummary("Districts, communes and villages with an established working group, over the subtree.");

        groups.MapPut(DirectivesRoutes.WorkingGroup, UpdateWorkingGroup)
            .RequireRole(Roles.DirectiveOfficer)
            .WithName("UpdateWorkingGroup")
            .WithSummary("Records a unit's working group (the caller's unit or one below it).");

        return group;
    }

    private static async Task<Results<Ok<PagedResult<WorkingGroupDto>>, ValidationProblem, NotFound>> ListWorkingGroups(
        Caller caller, WorkingGroupStore store, AdminUnitDirectory units, CancellationToken cancellationToken,
        string? unit = null, int? page = null, int? pageSize = null)
    {
        var errors = new ValidationErrors();
        var pageRequest = PageRequest.From(page, pageSize, errors);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        if (Resolve(caller, units, unit) is not { } root)
        {
            return TypedResults.NotFound();
        }

        var records = await store.ListAsync(root, cancellationToken);
        var subtree = units.SubtreeOf(root.Code).OrderBy(u => u.Level).ThenBy(u => u.Path, StringComparer.Ordinal).ToList();
        var items = subtree.Skip((int)pageRequest.Offset).Take(pageRequest.PageSize) // PageRequest.MaxPage keeps it an int
            .Select(u => ToDto(u, records.GetValueOrDefault(u.Code))).ToList();
        return TypedResults.Ok(new PagedResult<WorkingGroupDto>(pageRequest.Page, pageRequest.PageSize, subtree.Count, items));
    }

    private static async Task<Results<Ok<WorkingGroupCoverageDto>, NotFound>> GetCoverage(
        Caller caller, WorkingGroupStore store, AdminUnitDirectory units, CancellationToken cancellationToken, string? unit = null)
    {
        if (Resolve(caller, units, unit) is not { } root)
        {
            return TypedResults.NotFound();
        }

        var records = await store.ListAsync(root, cancellationToken);
        var subtree = units.SubtreeOf(root.Code).ToList();
        CoverageCountDto Level(AdminLevel level)
        {
            var ofLevel = subtree.Where(u => u.Level == level).ToList();
            return new CoverageCountDto(ofLevel.Count(u => records.GetValueOrDefault(u.Code)?.Established == true), ofLevel.Count);
        }

        var communeRecords = subtree.Where(u => u.Level == AdminLevel.Commune).Select(u => records.GetValueOrDefault(u.Code)).OfType<WorkingGroupRow>().ToList();
        return TypedResults.Ok(new WorkingGroupCoverageDto(
            Level(AdminLevel.District),
            Level(AdminLevel.Commune),
            new CoverageCountDto(communeRecords.Sum(r => (long)(r.VillagesEstablished ?? 0)), communeRecords.Sum(r => (long)(r.VillageCount ?? 0)))));
    }

    private static async Task<Results<Ok<WorkingGroupDto>, ValidationProblem, NotFound, ProblemHttpResult>> UpdateWorkingGroup(
        string unitCode, UpdateWorkingGroupRequest request, Caller caller, WorkingGroupStore store, AdminUnitDirectory units,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (units.Find(unitCode) is not { } unit)
        {
            return TypedResults.NotFound();
        }

        if (!caller.Scope.IsInScope(unit.Code))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Đơn vị ngoài phạm vi",
                detail: $"Bạn chỉ được cập nhật Tổ công tác của {caller.Unit.Name} hoặc đơn vị trực thuộc.");
        }

        var errors = new ValidationErrors();
        if (request.Established is null)
        {
            errors.Add("established", "Cho biết Tổ công tác đã được thành lập hay chưa.");
        }

        if (request.RegulationIssued is null)
        {
            errors.Add("regulationIssued", "Cho biết đã ban hành quy chế hoạt động hay chưa.");
        }

        var decisionNumber = string.IsNullOrWhiteSpace(request.DecisionNumber) ? null : request.DecisionNumber.Trim();
        if (decisionNumber is { Length: > MaxDecisionNumberLength })
        {
            errors.Add("decisionNumber", $"Số quyết định tối đa {MaxDecisionNumberLength} ký tự.");
        }

        if (request.DecisionDate > VietnamTime.Today(time))
        {
            errors.Add("decisionDate", "Ngày quyết định không được sau ngày hôm nay.");
        }

        if (unit.Level != AdminLevel.Commune)
        {
            if (request.VillageCount is not null)
            {
                errors.Add("villageCount", "Số thôn, buôn, tổ dân phố chỉ ghi cho cấp xã.");
            }

            if (request.VillagesEstablished is not null)
            {
                errors.Add("villagesEstablished", "Số thôn, buôn, tổ dân phố đã thành lập Tổ công tác chỉ ghi cho cấp xã.");
            }
        }
        else
        {
            if (request.VillageCount is < 0)
            {
                errors.Add("villageCount", "Số thôn, buôn, tổ dân phố không được âm.");
            }

            if (request.VillagesEstablished is < 0)
            {
                errors.Add("villagesEstablished", "Số thôn, buôn, tổ dân phố đã thành lập không được âm.");
            }
            else if (request.VillagesEstablished is { } established && (request.VillageCount is null || established > request.VillageCount))
            {
                errors.Add("villagesEstablished", "Số thôn, buôn, tổ dân phố đã thành lập không được lớn hơn tổng số thôn, buôn, tổ dân phố.");
            }
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var row = await store.UpsertAsync(unit, new WorkingGroupUpdate(
            request.Established!.Value, decisionNumber, request.DecisionDate, request.RegulationIssued!.Value,
            request.VillageCount, request.VillagesEstablished), caller, cancellationToken);
        return TypedResults.Ok(ToDto(unit, row));
    }

    /// <summary>The requested unit (default the caller's) when it exists and is in scope; null means 404.</summary>
    private static AdminUnit? Resolve(Caller caller, AdminUnitDirectory units, string? code)
    {
        var unit = code is null ? caller.Unit : units.Find(code);
        return unit is not null && caller.Scope.IsInScope(unit.Code) ? unit : null;
    }

    private static WorkingGroupDto ToDto(AdminUnit unit, WorkingGroupRow? row) => new(
        unit.Code, unit.Name, unit.Level.ToString().ToLowerInvariant(),
        row?.Established ?? false, row?.DecisionNumber, row?.DecisionDate, row?.RegulationIssued ?? false,
        row?.VillageCount, row?.VillagesEstablished, row?.UpdatedBy, row?.UpdatedAt);
}
