using Dakla06.Directives.Data;
using Dakla06.Directives.Domain;
using Dakla06.ServiceDefaults;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Dakla06.Directives.Api;

/// <summary>A directive document as the API returns it.</summary>
public sealed record DocumentDto(
    Guid Id,
    string Type,
    string TypeName,
    string Number,
    string IssuingUnitCode,
    string IssuingUnitName,
    DateOnly IssuedOn,
    string Subject,
    string Summary,
    string CreatedBy,
    string CreatedByName,
    DateTimeOffset CreatedAt)
{
    public static DocumentDto From(DocumentRow row) => new(
        row.Id,
        row.DocumentType,
        DocumentType.FindStored(row.DocumentType)?.NameVi ?? row.DocumentType,
        row.Number,
        row.IssuingUnitCode,
        Contracts.AdminUnits.AdminUnitDirectory.Default.Find(row.IssuingUnitCode)?.Name ?? row.IssuingUnitCode,
        row.IssuedOn,
        row.Subject,
        row.Summary,
        row.CreatedBy,
        row.CreatedByName,
        new DateTimeOffset(DateTime.SpecifyKind(row.CreatedAt, DateTimeKind.Utc)));
}

/// <summary>Body of <c>POST /api/directives/documents</c>. Everything is optional here so that validation, not binding, names what is missing.</summary>
public sealed record CreateDocumentRequest(
    string? Type,
    string? Number,
    string? IssuingUnitCode,
    DateOnly? IssuedOn,
    string? Subject,
    string? Summary);

public static class DocumentsApi
{
    public static RouteGroupBuilder MapDocumentsApi(this RouteGroupBuilder group)
    {
        var documents = group.MapGroup("/documents").WithTags("Documents");

        documents.MapGet("/", ListDocuments)
            .WithName("ListDocuments")
            .WithSummary("Directive documents visible to the caller: their unit's, those of units below and above it.");

        documents.MapGet("/{id:guid}", GetDocument)
            .WithName("GetDocument")
            .WithSummary("One directive document; 404 when it does not exist or lies outside the caller's view.");

        documents.MapPost("/", CreateDocument)
            .RequireRole(Roles.DirectiveOfficer)
            .WithName("CreateDocument")
            .WithSummary("Registers a directive document of the caller's unit or a unit below it and publishes DirectiveIssued.");

        return group;
    }

    private static async Task<Results<Ok<PagedResult<DocumentDto>>, ValidationProblem>> ListDocuments(
        Caller caller,
        DocumentStore store,
        CancellationToken cancellationToken,
        string? type = null,
        DateOnly? from = null,
        DateOnly? to = null,
        string? q = null,
        int? page = null,
        int? pageSize = null)
    {
        var errors = new ValidationErrors();
        var pageRequest = PageRequest.From(page, pageSize, errors);
        if (type is not null && DocumentType.FindStored(type) is null)
        {
            errors.Add("type", $"Loại văn bản phải là một trong: {string.Join(", ", DocumentType.Stored.Select(t => t.Code))}.");
        }

        if (from > to)
        {
            errors.Add("from", "Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var result = await store.ListAsync(caller.Scope, new DocumentFilter(DocumentType.FindStored(type)?.Code, from, to, q), pageRequest, cancellationToken);
        return TypedResults.Ok(new PagedResult<DocumentDto>(result.Page, result.PageSize, result.Total, result.Items.Select(DocumentDto.From).ToList()));
    }

    private static async Task<Results<Ok<DocumentDto>, NotFound>> GetDocument(
        Guid id, Caller caller, DocumentStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(caller.Scope, id, cancellationToken) is { } row
            ? TypedResults.Ok(DocumentDto.From(row))
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
            _ => TypedResults.Created($"/api/directives/documents/{row!.Id}", DocumentDto.From(row)),
        };
    }
}
