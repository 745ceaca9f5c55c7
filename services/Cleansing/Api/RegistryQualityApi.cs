using Dakla06.Cleansing.Domain;
using Dakla06.Cleansing.Quality;
using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Http.Cleansing;
using Dakla06.ServiceDefaults;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Dakla06.Cleansing.Api;

/// <summary>Registry quality: the figures per category and unit at a date, the catalogue, a rule run on demand.</summary>
public static class RegistryQualityApi
{
    public const string ByChild = "child";
    public const string AllCategories = "all";

    public static RouteGroupBuilder MapRegistryQualityApi(this RouteGroupBuilder group)
    {
        var quality = group.MapGroup(string.Empty).WithTags("RegistryQuality");

        quality.MapGet(CleansingRoutes.RegistryQuality, GetProgress).WithName("GetRegistryQuality")
            .WithSummary("Per category: items found (y), closed (x) by outcome and open, z = x/y, for the unit's subtree (default the caller's unit) as of the end of asOf (default today), and per child unit with by=child; read from kept counts. 404 outside the caller's scope.");

        quality.MapGet(CleansingRoutes.RegistryQualityCatalogue, GetCatalogue).WithName("GetRegistryQualityCatalogue")
            .WithSummary("The configured categories with Vietnamese names and accepted outcomes, the outcomes, the reasons of cannot_update, the mandatory fields and the old-ID rule.");

        quality.MapPost(CleansingRoutes.RegistryQualityRun, Run).RequireRole(Roles.CleansingOfficer).WithName("RunRegistryQualityRules")
            .WithSummary("Runs the registry-quality rules over the whole registry now (every registry import runs them too). Province cleansing officers only.");

        return group;
    }

    private static async Task<Results<Ok<RegistryQualityDto>, ValidationProblem, NotFound>> GetProgress(
        Caller caller, NpgsqlDataSource dataSource, QualitySettings settings, TimeProvider time, [AsParameters] RegistryQualityQuery query,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var unit = QueryUnits.Find(query.Unit, "unit", errors) ?? caller.Unit;
        if (query.By is not null && query.By != ByChild)
        {
            errors.Add("by", $"by chỉ nhận giá trị '{ByChild}'.");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        if (!caller.Unit.Contains(unit))
        {
            return TypedResults.NotFound(); // a read outside the scope answers like a unit that is not there
        }

        var asOf = query.AsOf ?? VietnamTime.Today(time);
        var children = query.By == ByChild ? AdminUnitDirectory.Default.ChildrenOf(unit.Code) : [];
        var rows = await QualityCounts.ReadAsync(dataSource, [unit.Code, .. children.Select(c => c.Code)], asOf, cancellationToken);
        var byUnit = rows.ToLookup(r => r.UnitCode, StringComparer.Ordinal);
        return TypedResults.Ok(new RegistryQualityDto(
            asOf, Figures(unit, byUnit[unit.Code], settings), [.. children.Select(c => Figures(c, byUnit[c.Code], settings))]));
    }

    private static QualityUnitFiguresDto Figures(AdminUnit unit, IEnumerable<QualityCountRow> rows, QualitySettings settings)
    {
        var byCategory = rows.ToDictionary(r => r.Category, StringComparer.Ordinal);
        var categories = settings.Categories
            .Select(c => Figure(c, settings.NameOf(c), byCategory.GetValueOrDefault(c) ?? new QualityCountRow(unit.Code, c, 0, 0, 0, 0, 0)))
            .ToList();
        var total = new QualityCountRow(unit.Code, AllCategories,
            categories.Sum(c => c.Found), categories.Sum(c => c.Fixed), categories.Sum(c => c.Updated), categories.Sum(c => c.CannotUpdate),
            categories.Sum(c => c.MarkedNoOldId));
        return new QualityUnitFiguresDto(unit.Code, unit.Name, categories, Figure(AllCategories, "Tất cả", total));
    }

    private static QualityFigureDto Figure(string category, string name, QualityCountRow row) => new(
        category, name, row.Found, row.Closed, row.Found - row.Closed, row.Fixed, row.Updated, row.CannotUpdate, row.MarkedNoOldId,
        ProgressFigure.Percent(row.Closed, row.Found), ProgressFigure.Format(row.Closed, row.Found));

    private static Ok<QualityCatalogueDto> GetCatalogue(QualitySettings settings) => TypedResults.Ok(new QualityCatalogueDto(
        [.. settings.Categories.Select(c => new QualityCategoryDto(c, settings.NameOf(c), settings.IsList(c) ? "list" : "rule", settings.OutcomesOf(c)))],
        [.. QualityOutcomes.All.Select(o => new QualityNamedCodeDto(o, QualityOutcomes.Names[o]))],
        [.. settings.CannotUpdateReasons.Select(r => new QualityNamedCodeDto(r.Key, r.Value))],
        [.. settings.MandatoryFields.Select(f => new QualityNamedCodeDto(f, QualitySettings.FieldNames[f]))],
        settings.OldIdRule));

    private static async Task<Results<Ok<QualityRuleRunDto>, ProblemHttpResult>> Run(Caller caller, QualityRules rules, CancellationToken cancellationToken)
    {
        // The registry is the province's: one run covers every commune.
        if (caller.Unit.Level != AdminLevel.Province)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Chỉ cấp tỉnh được rà soát chất lượng CSDL dân cư",
                detail: $"Rà soát toàn bộ CSDL dân cư chỉ dành cho cán bộ làm sạch dữ liệu cấp tỉnh; {caller.Unit.Name} không có quyền này.");
        }

        var run = await rules.RunAsync(cancellationToken);
        return TypedResults.Ok(new QualityRuleRunDto(run.Persons, run.Opened, run.Closed, run.Reopened, run.Confirmed, run.RegistryVersion, run.RanAt));
    }
}
