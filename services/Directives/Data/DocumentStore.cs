using Dakla06.Contracts.Directives;
using Dakla06.Directives.Domain;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Messaging;
using Dakla06.ServiceDefaults.Persistence;
using Dakla06.ServiceDefaults.Security;
using Dapper;
using Npgsql;

namespace Dakla06.Directives.Data;

/// <summary>A directive document as stored and as the API returns it.</summary>
public sealed record DocumentRow(
    Guid Id,
    string DocumentType,
    string Number,
    string IssuingUnitCode,
    DateOnly IssuedOn,
    string Subject,
    string Summary,
    string CreatedBy,
    string CreatedByName,
    DateTimeOffset CreatedAt);

/// <summary>Filters of the document list; all optional.</summary>
public sealed record DocumentFilter(string? Type, DateOnly? From, DateOnly? To, string? Text);

/// <summary>Outcome of registering a document.</summary>
public enum CreateDocumentOutcome
{
    Created,
    /// <summary>The same Idempotency-Key was used before by this user: the earlier document is returned.</summary>
    Replayed,
    DuplicateNumber,
}

/// <summary>Dapper queries for directive documents. Every read is scoped by the caller's unit path in SQL.</summary>
public sealed class DocumentStore(NpgsqlDataSource dataSource, Outbox outbox, TimeProvider time)
{
    private const string Columns = """
        id, document_type, number, issuing_unit_code, issued_on, subject, summary,
        created_by, created_by_name, created_at
        """;

    private static readonly string ListFilter = $"""
        WHERE {UnitScope.SqlConditionInScopeOrAbove()}
          AND (@type::text IS NULL OR document_type = @type)
          AND (@from::date IS NULL OR issued_on >= @from)
          AND (@to::date IS NULL OR issued_on <= @to)
          AND (@text::text IS NULL OR subject ILIKE '%' || @text || '%' OR number ILIKE '%' || @text || '%')
        """;

    /// <summary>
    /// The list's page with the total of matching rows; binds @scope, @type, @from, @to, @text, @limit and @offset.
    /// Public so that <c>./dakla06 bench api</c> can run the very same SQL as its floor.
    /// </summary>
    public static readonly string ListQuery = $"""
        SELECT {Columns}, count(*) OVER () AS total
        FROM documents
        {ListFilter}
        ORDER BY issued_on DESC, created_at DESC, id
        LIMIT @limit OFFSET @offset
        """;

    /// <summary>Documents of the caller's unit, the units below it and the units above it, newest first.</summary>
    public async Task<PagedResult<DocumentRow>> ListAsync(UnitScope scope, DocumentFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<DocumentRow, long, (DocumentRow Row, long Total)>(
            new CommandDefinition(ListQuery, ListParameters(scope, filter, page), cancellationToken: cancellationToken),
            (row, total) => (row, total),
            splitOn: "total")).ToList();

        var total = rows.Count > 0 ? rows[0].Total : await CountAsync(connection, scope, filter, page, cancellationToken);
        return new PagedResult<DocumentRow>(page.Page, page.PageSize, total, rows.Select(r => r.Row).ToList());
    }

    /// <summary>One document when the caller may see it; null otherwise (the API answers 404 either way).</summary>
    public async Task<DocumentRow?> FindAsync(UnitScope scope, Guid id, CancellationToken cancellationToken)
    {
        var sql = $"SELECT {Columns} FROM documents WHERE id = @id AND {UnitScope.SqlConditionInScopeOrAbove()}";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<DocumentRow>(
            new CommandDefinition(sql, new { id, scope = scope.Path }, cancellationToken: cancellationToken));
    }

    /// <summary>Registers the document and its <see cref="DirectiveIssued"/> event in one transaction.</summary>
    public async Task<(CreateDocumentOutcome Outcome, DocumentRow? Document)> CreateAsync(
        NewDocument document, Caller caller, string? idempotencyKey, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = new DocumentRow(
            Guid.CreateVersion7(), document.Type.Code, document.Number, document.IssuingUnit.Code, document.IssuedOn,
            document.Subject, document.Summary, caller.Username, caller.DisplayName, time.GetUtcNow().UtcDateTime);

        const string insert = """
            INSERT INTO documents (id, document_type, number, issuing_unit_code, unit_path, issued_on, subject, summary,
                                   created_by, created_by_name, created_at, idempotency_key)
            VALUES (@Id, @DocumentType, @Number, @IssuingUnitCode, @unitPath::ltree, @IssuedOn, @Subject, @Summary,
                    @CreatedBy, @CreatedByName, @CreatedAt, @idempotencyKey)
            ON CONFLICT (created_by, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
            """;
        try
        {
            var inserted = await connection.ExecuteAsync(new CommandDefinition(insert, new
            {
                row.Id, row.DocumentType, row.Number, row.IssuingUnitCode, unitPath = document.IssuingUnit.Path, row.IssuedOn,
                row.Subject, row.Summary, row.CreatedBy, row.CreatedByName, row.CreatedAt, idempotencyKey,
            }, transaction, cancellationToken: cancellationToken));

            if (inserted == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                var earlier = await connection.QuerySingleAsync<DocumentRow>(new CommandDefinition(
                    $"SELECT {Columns} FROM documents WHERE created_by = @createdBy AND idempotency_key = @idempotencyKey",
                    new { createdBy = caller.Username, idempotencyKey }, cancellationToken: cancellationToken));
                return (CreateDocumentOutcome.Replayed, earlier);
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "ux_documents_number")
        {
            return (CreateDocumentOutcome.DuplicateNumber, null);
        }

        await outbox.AddAsync(new DirectiveIssued(
            Guid.CreateVersion7(), time.GetUtcNow(), row.IssuingUnitCode, row.Id, row.DocumentType, row.Number,
            row.IssuedOn, row.Subject, row.CreatedBy), transaction, cancellationToken);
        await outbox.CommitAsync(transaction, cancellationToken);
        return (CreateDocumentOutcome.Created, row);
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, UnitScope scope, DocumentFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        // Only reached for an empty page: either nothing matches (0) or the page lies past the end.
        if (page.Page == 1)
        {
            return 0;
        }

        var sql = $"""
            SELECT count(*) FROM documents
            {ListFilter}
            """;
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, ListParameters(scope, filter, page), cancellationToken: cancellationToken));
    }

    private static object ListParameters(UnitScope scope, DocumentFilter filter, PageRequest page) => new
    {
        scope = scope.Path,
        type = filter.Type,
        from = filter.From,
        to = filter.To,
        text = SqlText.Like(filter.Text),
        limit = page.PageSize,
        offset = page.Offset,
    };
}
