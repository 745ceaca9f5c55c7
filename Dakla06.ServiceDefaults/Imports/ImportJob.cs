using Dakla06.ServiceDefaults.Security;

namespace Dakla06.ServiceDefaults.Imports;

/// <summary>An import job as <see cref="ImportJobStore"/> stores it: its file, its importer's scope, its progress and counts.</summary>
public sealed class ImportJob
{
    public Guid Id { get; init; }

    /// <summary>What the file holds (the service's own words, e.g. enrolment's <c>applications</c>).</summary>
    public string Kind { get; init; } = string.Empty;

    public string FileName { get; init; } = string.Empty;

    public string StoredFile { get; init; } = string.Empty;

    public long FileSize { get; init; }

    public string UnitCode { get; init; } = string.Empty;

    public string UnitPath { get; init; } = string.Empty;

    public string Status { get; init; } = string.Empty;

    public long BytesRead { get; init; }

    /// <summary>The last line of the file whose outcome is committed: a resumed job goes on after it.</summary>
    public long LastLine { get; init; }

    public long Processed { get; init; }

    public long Inserted { get; init; }

    public long Updated { get; init; }

    public long Unchanged { get; init; }

    public long Rejected { get; init; }

    public string? Error { get; init; }

    public int Attempts { get; init; }

    public string CreatedBy { get; init; } = string.Empty;

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>By bytes read until the job completes (100 then).</summary>
    public int ProgressPercent =>
        Status == Contracts.Http.Statistics.ImportStatuses.Completed ? 100
        : FileSize <= 0 ? 0
        : (int)Math.Clamp(BytesRead * 100 / FileSize, 0, 99);
}

/// <summary>A new import job: the stored upload and who sent it for which scope.</summary>
public sealed record NewImportJob(Guid Id, string Kind, string FileName, string StoredFile, long FileSize, UnitScope Scope, string CreatedBy);

/// <summary>A rejected line of an import: its line (header = 1), the column as the file names it (<c>line</c> for the whole line) and why, in Vietnamese.</summary>
public sealed record ImportLineError(long Line, string Field, string Message);

/// <summary>What one chunk did to its lines; <c>rejected</c> includes the lines refused by the database checks.</summary>
public sealed record ChunkCounts(long Inserted, long Updated, long Unchanged, long Rejected)
{
    public long Processed => Inserted + Updated + Unchanged + Rejected;
}

/// <summary>The job lost its lease to another worker (this one was too slow or presumed dead): stop without writing.</summary>
public sealed class ImportLeaseLostException(Guid importId) : Exception($"Import {importId} is now another worker's.");
