using System.Text.Json.Serialization;
using Dakla06.Contracts.AdminUnits;
using Dakla06.Directives.Data;
using Dakla06.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dakla06.Directives.Api;

/// <summary>Task counts by status; the keys are the status names (<c>in_progress</c>, <c>reported_done</c>).</summary>
public sealed record StatusCountsDto(
    [property: JsonPropertyName("assigned")] long Assigned,
    [property: JsonPropertyName("in_progress")] long InProgress,
    [property: JsonPropertyName("reported_done")] long ReportedDone,
    [property: JsonPropertyName("accepted")] long Accepted,
    [property: JsonPropertyName("total")] long Total);

/// <summary>One child unit's numbers (its whole subtree); <c>onTimeRate</c> is 0..1, null when nothing was accepted.</summary>
public sealed record UnitSummaryDto(string UnitCode, string UnitName, StatusCountsDto Counts, long Overdue, double? OnTimeRate)
{
    public static UnitSummaryDto From(SummaryRow row) => new(
        row.UnitCode,
        AdminUnitDirectory.Default.Find(row.UnitCode)?.Name ?? row.UnitCode,
        new StatusCountsDto(row.Assigned, row.InProgress, row.ReportedDone, row.Accepted, row.Total),
        row.Overdue,
        row.Accepted == 0 ? null : (double)row.AcceptedOnTime / row.Accepted);
}

/// <summary>The rollup leaders read: the unit's numbers and each direct child unit's.</summary>
public sealed record SummaryDto(
    string UnitCode,
    string UnitName,
    StatusCountsDto Counts,
    long Overdue,
    double? OnTimeRate,
    IReadOnlyList<UnitSummaryDto> Children);

public static class SummaryApi
{
    public static RouteGroupBuilder MapSummaryApi(this RouteGroupBuilder group)
    {
        group.MapGet("/summary", GetSummary)
            .WithTags("Summary")
            .WithName("GetSummary")
            .WithSummary("Tasks by assignee unit over a unit's subtree (default the caller's unit): counts by status, overdue, on-time rate, and the same per direct child unit.");
        return group;
    }

    private static async Task<Results<Ok<SummaryDto>, NotFound>> GetSummary(
        Caller caller, SummaryStore store, AdminUnitDirectory units, CancellationToken cancellationToken, string? unit = null)
    {
        var target = unit is null ? caller.Unit : units.Find(unit);
        if (target is null || !caller.Scope.IsInScope(target.Code))
        {
            return TypedResults.NotFound();
        }

        var (own, children) = await store.SummarizeAsync(target, cancellationToken);
        var total = UnitSummaryDto.From(own);
        return TypedResults.Ok(new SummaryDto(
            total.UnitCode, total.UnitName, total.Counts, total.Overdue, total.OnTimeRate, children.Select(UnitSummaryDto.From).ToList()));
    }
}
