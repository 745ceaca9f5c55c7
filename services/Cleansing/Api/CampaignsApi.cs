using Dakla06.Cleansing.Domain;
using Dakla06.Cleansing.Data;
using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Cleansing;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dakla06.Cleansing.Api;

public static class CampaignsApi
{
    public const int MaxNameLength = 300;

    /// <summary>Deadlines before this are refused; past deadlines are allowed so the 2022 campaigns can be recorded.</summary>
    public static readonly DateOnly EarliestDeadline = new(2000, 1, 1);

    public static RouteGroupBuilder MapCampaignsApi(this RouteGroupBuilder group)
    {
        var campaigns = group.MapGroup(string.Empty).WithTags("Campaigns");

        campaigns.MapGet(CleansingRoutes.Campaigns, ListCampaigns).WithName("ListCampaigns")
            .WithSummary("Cleansing campaigns of the caller's unit, of units below it and of units above it; newest deadline first.");

        campaigns.MapGet(CleansingRoutes.Campaign, GetCampaign).WithName("GetCampaign")
            .WithSummary("One campaign; 404 when it lies outside the caller's view.");

        campaigns.MapPost(CleansingRoutes.Campaigns, CreateCampaign).RequireRole(Roles.CleansingOfficer).WithName("CreateCampaign")
            .WithSummary("Starts a campaign of the caller's unit for a dataset, target units in scope and a deadline.");

        campaigns.MapGet(CleansingRoutes.CampaignProgress, GetProgress).WithName("GetCampaignProgress")
            .WithSummary("Cleaned ÷ flagged records per child unit of 'unit' (default: the caller's unit) and in total, with the \"x/y (z%)\" figures.");

        return group;
    }

    private static async Task<Results<Ok<IReadOnlyList<CampaignDto>>, ValidationProblem>> ListCampaigns(
        Caller caller, CampaignStore store, [AsParameters] CampaignQuery query, CancellationToken cancellationToken)
    {
        var dataset = query.Dataset;
        if (dataset is not null && !Datasets.IsKnown(dataset))
        {
            var errors = new ValidationErrors();
            errors.Add("dataset", $"Loại dữ liệu phải là một trong: {string.Join(", ", Datasets.All)}.");
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var rows = await store.ListAsync(caller.Scope, dataset, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<CampaignDto>>([.. rows.Select(ToDto)]);
    }

    private static async Task<Results<Ok<CampaignDto>, NotFound>> GetCampaign(Guid id, Caller caller, CampaignStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(caller.Scope, id, cancellationToken) is { } campaign ? TypedResults.Ok(ToDto(campaign)) : TypedResults.NotFound();

    private static async Task<Results<Created<CampaignDto>, ValidationProblem, ProblemHttpResult>> CreateCampaign(
        CreateCampaignRequest? request, Caller caller, CampaignStore store, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var name = request?.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors.Add("name", "Tên chiến dịch là bắt buộc.");
        }
        else if (name.Length > MaxNameLength)
        {
            errors.Add("name", $"Tên chiến dịch tối đa {MaxNameLength} ký tự.");
        }

        var dataset = request?.Dataset?.Trim();
        if (!Datasets.IsKnown(dataset))
        {
            errors.Add("dataset", $"Loại dữ liệu phải là một trong: {string.Join(", ", Datasets.All)}.");
        }

        if (request?.Deadline is not { } deadline)
        {
            errors.Add("deadline", "Hạn hoàn thành là bắt buộc.");
            deadline = default;
        }
        else if (deadline < EarliestDeadline)
        {
            errors.Add("deadline", $"Hạn hoàn thành phải từ {EarliestDeadline:dd/MM/yyyy} trở đi.");
        }

        var targets = new List<AdminUnit>();
        var codes = request?.TargetUnitCodes ?? [];
        if (codes.Count == 0)
        {
            errors.Add("targetUnitCodes", "Cần chọn ít nhất một đơn vị thực hiện.");
        }

        foreach (var code in codes.Select(c => c?.Trim()).Distinct(StringComparer.Ordinal))
        {
            if (AdminUnitDirectory.Default.Find(code) is { } unit)
            {
                targets.Add(unit);
            }
            else
            {
                errors.Add("targetUnitCodes", $"Không có đơn vị mã {code}.");
            }
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var outside = targets.Where(t => !caller.Unit.Contains(t)).ToList();
        if (outside.Count > 0)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Đơn vị ngoài phạm vi",
                detail: $"{caller.Unit.Name} không giao chiến dịch cho: {string.Join(", ", outside.Select(u => u.Name))}.");
        }

        var campaign = await store.CreateAsync(
            new NewCampaign(Guid.CreateVersion7(), name!, dataset!, deadline, caller.Unit.Code, caller.Unit.Path,
                [.. targets.OrderBy(t => t.Path, StringComparer.Ordinal).Select(t => t.Code)], caller.Username),
            cancellationToken);
        return TypedResults.Created(CleansingRoutes.Path(CleansingRoutes.Campaign, campaign.Id), ToDto(campaign));
    }

    private static async Task<Results<Ok<CampaignProgressDto>, ValidationProblem, NotFound>> GetProgress(
        Guid id, Caller caller, CampaignStore store, CancellationToken cancellationToken, string? unit = null)
    {
        var at = caller.Unit;
        if (!string.IsNullOrWhiteSpace(unit))
        {
            if (AdminUnitDirectory.Default.Find(unit) is not { } asked)
            {
                var errors = new ValidationErrors();
                errors.Add("unit", $"Không có đơn vị mã {unit}.");
                return TypedResults.ValidationProblem(errors.ToDictionary());
            }

            if (!caller.Unit.Contains(asked))
            {
                return TypedResults.NotFound(); // a read outside the scope answers like a unit that is not there
            }

            at = asked;
        }

        if (await store.FindAsync(caller.Scope, id, cancellationToken) is not { } campaign)
        {
            return TypedResults.NotFound();
        }

        var counts = (await store.ProgressAsync(caller.Scope, id, at.Path, cancellationToken))
            .ToDictionary(c => c.Path, StringComparer.Ordinal);
        // A row per child unit the campaign reaches (it lies in a target or holds one), in the directory's order; a
        // child outside the targets still shows when it uploaded batches to the campaign anyway.
        var rows = new List<CampaignProgressRowDto>();
        foreach (var child in AdminUnitDirectory.Default.ChildrenOf(at.Code))
        {
            if (campaign.Reaches(child) || counts.ContainsKey(child.Path))
            {
                var count = counts.GetValueOrDefault(child.Path);
                rows.Add(ProgressRow(child, count?.Flagged ?? 0, count?.Cleaned ?? 0));
            }
        }

        // Batches uploaded for the unit itself (a district's own list) get their own row.
        if (counts.TryGetValue(at.Path, out var own))
        {
            rows.Insert(0, ProgressRow(at, own.Flagged, own.Cleaned));
        }

        var total = ProgressRow(at, counts.Values.Sum(c => c.Flagged), counts.Values.Sum(c => c.Cleaned));
        return TypedResults.Ok(new CampaignProgressDto(campaign.Id, campaign.Name, at.Code, at.Name, rows, total));
    }

    private static CampaignDto ToDto(StoredCampaign c) => new(
        c.Id, c.Name, c.Dataset, c.Deadline, c.UnitCode, AdminUnitDirectory.Default.NameOf(c.UnitCode), c.TargetUnitCodes,
        [.. c.TargetUnitCodes.Select(AdminUnitDirectory.Default.NameOf)], c.CreatedBy, c.CreatedAt);

    private static CampaignProgressRowDto ProgressRow(AdminUnit unit, long flagged, long cleaned) =>
        new(unit.Code, unit.Name, flagged, cleaned, ProgressFigure.Percent(cleaned, flagged), ProgressFigure.Format(cleaned, flagged));
}
