using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Http.Directives;
using Dakla06.Directives.Data;
using Dakla06.Directives.Domain;
using Dakla06.ServiceDefaults;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Dakla06.Directives.Api;

public static class DocumentsApi
{
    public static RouteGroupBuilder MapDocumentsApi(this RouteGroupBuilder group)
    {
        var documents = group.MapGroup(string.Empty).WithTags("Documents");

        documents.MapGet(DirectivesRoutes.Documents, ListDocuments)
            .WithName("ListDocuments")
            .WithSummary("Directive documents visible to the caller: their unit's, those of units below and above it.");

        documents.MapGet(DirectivesRoutes.Document, GetDocument)
            .WithName("GetDocument")
            .WithSummary("One directive document; 404 when it does not exist or lies outside the caller's view.");

        documents.MapPost(DirectivesRoutes.Documents, CreateDocument)
            .RequireRole(Roles.DirectiveOfficer)
            .WithName("CreateDocument")
            .WithSummary("Registers a directive document of the caller's unit or a unit below it and publishes DirectiveIssued.");

        return group;
    }

    private static async Task<Results<Ok<PagedResult<DocumentDto>>, ValidationProblem>> ListDocuments(
        Caller caller,
        DocumentStore store,
        [AsParameters] DocumentQuery query,
        CancellationToken cancellationToken,
        int? page = null,
        int? pageSize = null)
    {
        var errors = new ValidationErrors();
        var pageRequest = PageRequest.From(page, pageSize, errors);
        if (query.Type is not null && DocumentType.FindStored(query.Type) is null)
        {
            errors.Add("type", $"Loại văn bản phải là một trong: {string.Join(", ", DocumentType.Stored.Select(t => t.Code))}.");
        }

        if (query.From > query.To)
        {
            errors.Add("from", "Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var result = await store.ListAsync(caller.Scope, new DocumentFilter(DocumentType.FindStored(query.Type)?.Code, query.From, query.To, query.Q), pageRequest, cancellationToken);
        return TypedResults.Ok(new PagedResult<DocumentDto>(result.Page, result.PageSize, result.Total, result.Items.Select(ToDto).ToList()));
    }

    private static async Task<Results<Ok<DocumentDto>, NotFound>> GetDocument(
        Guid id, Caller caller, DocumentStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(caller.Scope, id, cancellationToken) is { } row
            ? TypedResults.Ok(ToDto(row))
            : TypedResults.NotFound();

    private static async Task<Results<Created<DocumentDto>, ValidationProblem, ProblemHttpResult>> CreateDocument(
        CreateDocumentRequest request,
        Caller caller,
        DocumentStore store,
        TimeProvider time,
        CancellationToken cancellationToken,
        [FromHeader(Name = IdempotencyKey.Header)] string? idempotencyKey = null)
    {
        var errors = new ValidationErrors();
        IdempotencyKey.Validate(idempotencyKey, errors);

        var document = NewDocument.TryCreate(
            request.Type, request.Number, request.IssuingUnitCode, request.IssuedOn, request.Subject, request.Summary,
            VietnamTime.Today(time), errors);
        if (document is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        if (!caller.Scope.IsInScope(document.IssuingUnit.Code))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Đơn vị ban hành ngoài phạm vi",
                detail: $"Bạn chỉ được tạo văn bản của {caller.Unit.Name} hoặc đơn vị trực thuộc.");
        }

        var (outcome, row) = await store.CreateAsync(document, caller, idempotencyKey, cancellationToken);
        return outcome switch
        {
            CreateDocumentOutcome.DuplicateNumber => TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Số ký hiệu đã tồn tại",
                detail: $"{document.IssuingUnit.Name} đã có văn bản số {document.Number} trong năm {document.IssuedOn.Year}."),
            _ => TypedResults.Created(DirectivesRoutes.Path(DirectivesRoutes.Document, row!.Id), ToDto(row)),
        };
    }

    private static DocumentDto ToDto(DocumentRow row) => new(
        row.Id,
        row.DocumentType,
        DocumentType.FindStored(row.DocumentType)?.NameVi ?? row.DocumentType,
        row.Number,
        row.IssuingUnitCode,
        AdminUnitDirectory.Default.NameOf(row.IssuingUnitCode),
        row.IssuedOn,
        row.Subject,
        row.Summary,
        row.CreatedBy,
        row.CreatedByName,
        row.CreatedAt);
}
