using System.Globalization;
using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Http.Enrolment;
using Dakla06.Enrolment.Data;
using Dakla06.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dakla06.Enrolment.Api;

public static class ApplicationsApi
{
    /// <summary>The audit log's action of an unmasked read of an application (its code in the detail).</summary>
    public const string ReadAction = "enrolment.application.read";

    public static RouteGroupBuilder MapApplicationsApi(this RouteGroupBuilder group)
    {
        group.MapGet(EnrolmentRoutes.Application, GetApplication)
            .WithTags("Applications")
            .WithName("GetEnrolmentApplication")
            .WithSummary("An application of the caller's scope with its card's progress; ID number, name and birth date masked unless the caller is a pii-reader (then the read is audit-logged).");
        return group;
    }

    private static async Task<Results<Ok<ApplicationDto>, NotFound>> GetApplication(
        string code, Caller caller, ApplicationStore store, PersonalDataAudit audit, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(caller.Scope, code, cancellationToken) is not { } row)
        {
            return TypedResults.NotFound();
        }

        var unmasked = caller.HasRole(Roles.PiiReader);
        if (unmasked)
        {
            await audit.WriteAsync(caller.Username, ReadAction, detail: row.Code, cancellationToken: cancellationToken);
        }

        return TypedResults.Ok(new ApplicationDto(
            row.Code,
            unmasked ? row.IdNumber : PersonalData.MaskIdNumber(row.IdNumber)!,
            unmasked ? row.FullName : PersonalData.MaskName(row.FullName)!,
            unmasked ? row.BirthDate.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) : PersonalData.MaskDateOfBirth(row.BirthDate),
            row.Gender == "nu" ? "Nữ" : "Nam",
            row.CommuneCode,
            AdminUnitDirectory.Default.NameOf(row.CommuneCode),
            row.ReceivedOn,
            row.Channel,
            row.Kind,
            row.WithEid2,
            row.CardReceivedOn,
            row.CardHandedOn,
            !unmasked));
    }
}
