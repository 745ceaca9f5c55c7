using Dakla06.Cleansing.Data;
using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Cleansing;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dakla06.Cleansing.Api;

public static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder group)
    {
        group.MapGet(CleansingRoutes.Audit, ListAudit)
            .RequireRole(Roles.Leader)
            .WithTags("Audit")
            .WithName("ListAudit")
            .WithSummary("Who read personal data unmasked, when and what (newest first); leaders only.");
        return group;
    }

    private static async Task<Results<Ok<PagedResult<AuditEntryDto>>, ValidationProblem>> ListAudit(
        Caller caller, CleansingAudit audit, [AsParameters] AuditQuery query, CancellationToken cancellationToken, int? page = null, int? pageSize = null)
    {
        var errors = new ValidationErrors();
        var pageRequest = PageRequest.From(page, pageSize, errors);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var result = await audit.ListAsync(caller.Scope, string.IsNullOrWhiteSpace(query.Username) ? null : query.Username.Trim(), query.BatchId, pageRequest, cancellationToken);
        return TypedResults.Ok(new PagedResult<AuditEntryDto>(result.Page, result.PageSize, result.Total,
            result.Items.Select(e => new AuditEntryDto(e.Id, e.Username, e.At, e.Action, e.SubjectId, e.LineNo, e.Detail)).ToList()));
    }
}
