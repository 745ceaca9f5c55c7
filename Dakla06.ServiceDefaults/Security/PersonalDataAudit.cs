using Dapper;
using Npgsql;

namespace Dakla06.ServiceDefaults.Security;

/// <summary>One unmasked read of personal data: who, when, what (<see cref="Action"/>) and of which subject.</summary>
public sealed class AuditEntry
{
    public long Id { get; init; }

    public string Username { get; init; } = string.Empty;

    public DateTimeOffset At { get; init; }

    public string Action { get; init; } = string.Empty;

    /// <summary>What was read, in the service's terms (cleansing: a batch; null for a read of the registry itself).</summary>
    public Guid? SubjectId { get; init; }

    /// <summary>A line or item of the subject (cleansing: a record's line number).</summary>
    public int? LineNo { get; init; }

    public string? Detail { get; init; }
}

/// <summary>
/// The audit of unmasked reads, the platform rule for every service holding personal data: each read of ID numbers,
/// names, birth dates, phones or addresses by a <c>pii-reader</c> is written down before the data is returned, so a
/// read is never unrecorded. Masking itself is <see cref="PersonalData"/>.
/// </summary>
/// <remarks>
/// Each service keeps the log in its own database, in a table of this shape (its own migration creates it):
/// <code>
/// CREATE TABLE audit_log (
///     id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
///     username    text        NOT NULL,
///     at          timestamptz NOT NULL DEFAULT now(),
///     action      text        NOT NULL,   -- what kind of read, a constant of the service
///     subject_id  uuid        NULL,       -- what was read (a batch, an application …), null for the service's register
///     line_no     integer     NULL,       -- a line or item of the subject
///     detail      text        NULL);
/// CREATE INDEX ix_audit_log_at ON audit_log (at DESC, id DESC);
/// </code>
/// Listing the log is the service's own query, scoped in SQL by the units of its subjects.
/// </remarks>
public sealed class PersonalDataAudit(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>The columns of an <see cref="AuditEntry"/> in the table aliased <c>a</c>, for the service's list query.</summary>
    public const string EntryColumns = "a.id, a.username, a.at, a.action, a.subject_id, a.line_no, a.detail";

    /// <summary>Writes one row; call it before the unmasked data is returned.</summary>
    public async Task WriteAsync(string username, string action, Guid? subjectId = null, int? lineNo = null, string? detail = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO audit_log (username, at, action, subject_id, line_no, detail) VALUES (@username, @at, @action, @subjectId, @lineNo, @detail)",
            new { username, at = time.GetUtcNow().UtcDateTime, action, subjectId, lineNo, detail },
            cancellationToken: cancellationToken));
    }
}
