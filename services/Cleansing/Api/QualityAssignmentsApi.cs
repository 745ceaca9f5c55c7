using System.Globalization;
using Dakla06.Cleansing.Data;
using Dakla06.Cleansing.Quality;
using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Cleansing;
using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Cleansing;
using Dakla06.ServiceDefaults;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dakla06.Cleansing.Api;

/// <summary>Registry-quality assignments: a category's open items handed to the communes as directive tasks (issue 13, part 6).</summary>
public static class QualityAssignmentsApi
{
    /// <summary>How far ahead a due date may lie.</summary>
    public const int MaxDueYears = 5;

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static RouteGroupBuilder MapQualityAssignmentsApi(this RouteGroupBuilder group)
    {
        var assignments = group.MapGroup(string.Empty).WithTags("RegistryQuality");

        assignments.MapPost(CleansingRoutes.RegistryQualityAssignments, Assign).RequireRole(Roles.CleansingOfficer).WithName("AssignRegistryQuality")
            .WithSummary("Gives every commune under the unit with open items of the category one directive task, closed when its open items reach zero. Province and district cleansing officers.");

        assignments.MapGet(CleansingRoutes.RegistryQualityAssignments, List).WithName("ListRegistryQualityAssignments")
            .WithSummary("The communes' assignments under 'unit' (default: the caller's unit) with their \"x/y (z%)\"; open ones first.");

        return group;
    }

    private static async Task<Results<Ok<QualityAssignmentDto>, ValidationProblem, ProblemHttpResult>> Assign(
        AssignQualityRequest? request, Caller caller, QualityAssignmentStore store, QualitySettings settings, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var category = request?.Category?.Trim();
        if (category is null || !settings.IsCategory(category))
        {
            errors.Add("category", $"Nhóm lỗi phải là một trong: {string.Join(", ", settings.Categories)}.");
        }

        var unit = caller.Unit;
        if (!string.IsNullOrWhiteSpace(request?.UnitCode))
        {
            if (AdminUnitDirectory.Default.Find(request.UnitCode.Trim()) is { } asked)
            {
                unit = asked;
            }
            else
            {
                errors.Add("unitCode", $"Không có đơn vị mã {request.UnitCode}.");
            }
        }

        var today = VietnamTime.Today(time);
        if (request?.DueOn is not { } dueOn)
        {
            errors.Add("dueOn", "Hạn hoàn thành là bắt buộc.");
            dueOn = default;
        }
        else if (dueOn < today || dueOn > today.AddYears(MaxDueYears))
        {
            errors.Add("dueOn", $"Hạn hoàn thành phải từ hôm nay đến {today.AddYears(MaxDueYears):dd/MM/yyyy}.");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        // The communes' superiors hand out the work: a commune does not assign itself.
        if (caller.Unit.Level == AdminLevel.Commune)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Chỉ cấp tỉnh, cấp huyện được giao",
                detail: "Giao xã, phường làm sạch CSDL dân cư dành cho cán bộ làm sạch dữ liệu cấp tỉnh và cấp huyện.");
        }

        if (!caller.Unit.Contains(unit))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Đơn vị ngoài phạm vi",
                detail: $"{caller.Unit.Name} không giao việc cho {unit.Name}.");
        }

        var id = Guid.CreateVersion7();
        var result = await store.AssignAsync(new NewAssignment(id, category!, unit, dueOn, caller.Username), cancellationToken);
        return TypedResults.Ok(new QualityAssignmentDto(id, category!, settings.NameOf(category!), unit.Code, unit.Name, dueOn,
            [.. result.Assigned.Select(c => ToDto(c, settings))], [.. result.AlreadyAssigned.Select(c => ToDto(c, settings))]));
    }

    private static async Task<Results<Ok<PagedResult<QualityAssignedCommuneDto>>, ValidationProblem, NotFound>> List(
        Caller caller, QualityAssignmentStore store, QualitySettings settings, [AsParameters] QualityAssignmentQuery query,
        CancellationToken cancellationToken, int? page = null, int? pageSize = null)
    {
        var errors = new ValidationErrors();
        var pageRequest = PageRequest.From(page, pageSize, errors);
        if (query.Category is { } category && !settings.IsCategory(category))
        {
            errors.Add("category", $"Nhóm lỗi phải là một trong: {string.Join(", ", settings.Categories)}.");
        }

        var unit = caller.Unit;
        if (!string.IsNullOrWhiteSpace(query.Unit))
        {
            if (AdminUnitDirectory.Default.Find(query.Unit.Trim()) is { } asked)
            {
                unit = asked;
            }
            else
            {
                errors.Add("unit", $"Không có đơn vị mã {query.Unit}.");
            }
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        if (!caller.Unit.Contains(unit))
        {
            return TypedResults.NotFound(); // a read outside the scope answers like a unit that is not there
        }

        var (total, items) = await store.ListAsync(caller.Scope, unit.Path, query.Category, query.Open, pageRequest, cancellationToken);
        return TypedResults.Ok(new PagedResult<QualityAssignedCommuneDto>(pageRequest.Page, pageRequest.PageSize, total,
            [.. items.Select(c => ToDto(c, settings))]));
    }

    private static QualityAssignedCommuneDto ToDto(StoredAssignedCommune c, QualitySettings settings)
    {
        var percent = c.Total == 0 ? 0 : Math.Round(c.Closed * 100.0 / c.Total, 1, MidpointRounding.AwayFromZero);
        return new QualityAssignedCommuneDto(c.AssignmentId, c.Category, settings.NameOf(c.Category), c.CommuneCode,
            AdminUnitDirectory.Default.NameOf(c.CommuneCode), c.DueOn, c.AssignedBy, c.AssignedAt, c.Total, c.Closed, c.Open, percent,
            string.Create(Vietnamese, $"{c.Closed:N0}/{c.Total:N0} ({percent:0.#}%)"), c.CompletedAt,
            RegistryQualityTasks.SourceId(c.AssignmentId, c.CommuneCode));
    }
}
