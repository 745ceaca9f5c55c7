using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Http.Inspections;
using Dakla06.Inspections.Data;
using Dakla06.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dakla06.Inspections.Api;

public static class ReferenceApi
{
    public static RouteGroupBuilder MapReferenceApi(this RouteGroupBuilder group)
    {
        group.MapGet(InspectionsRoutes.Teams, ListTeams)
            .WithTags("Teams")
            .WithName("ListTeams")
            .WithSummary("Inspection teams of the caller's unit, the units above it and below it, with their members.");

        group.MapGet(InspectionsRoutes.Checklists, ListChecklists)
            .WithTags("Checklists")
            .WithName("ListChecklists")
            .WithSummary("The latest version of every checklist template, with its items (new inspections use it).");

        return group;
    }

    private static async Task<Ok<List<TeamDto>>> ListTeams(Caller caller, ChecklistStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListTeamsAsync(caller.Scope, cancellationToken))
            .Select(t => new TeamDto(t.Code, t.Name, t.UnitCode, AdminUnitDirectory.Default.NameOf(t.UnitCode), t.Members)).ToList());

    private static async Task<Ok<List<ChecklistDto>>> ListChecklists(ChecklistStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListLatestAsync(cancellationToken))
            .Select(c => new ChecklistDto(c.Code, c.Version, c.Title, c.TargetType, c.Items.Select(i => new ChecklistItemDto(i.No, i.Text, i.Critical, i.Weight)).ToList())).ToList());
}
