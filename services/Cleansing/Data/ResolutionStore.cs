using Dakla06.Contracts.Cleansing;
using Dakla06.People;
using Dakla06.ServiceDefaults.Messaging;
using Dapper;
using Npgsql;

namespace Dakla06.Cleansing.Data;

/// <summary>Resolution actions (wire names, stored in batch_records.resolution).</summary>
public static class Resolutions
{
    public const string AcceptSuggestion = "accepted-suggestion";
    public const string Corrected = "corrected";
    public const string Unfixable = "unfixable";
}

/// <summary>What an officer decided for one flagged record, with the values re-validated and whether they now match.</summary>
public sealed record RecordResolution(
    string Resolution,
    string? Note,
    string? IdNumber,
    string? FullName,
    string? DateOfBirth,
    string? Gender,
    string? CommuneCode,
    bool Cleaned,
    string ResolvedBy);

/// <summary>Writes resolutions of flagged records and their CleansingRecordResolved event in one transaction.</summary>
public sealed class ResolutionStore(NpgsqlDataSource dataSource, Outbox outbox, TimeProvider time)
{
    /// <summary>
    /// Stores the resolution unless the record was cleaned meanwhile (false then: a cleaned record is final, see the
    /// resolve endpoint). The event goes into the outbox in the same transaction, so it exists exactly when the
    /// resolution does.
    /// </summary>
    public async Task<bool> SaveAsync(StoredBatch batch, int lineNo, RecordResolution resolution, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE batch_records
               SET resolution = @Resolution, resolution_note = @Note, corrected_id_number = @IdNumber,
                   corrected_full_name = @FullName, corrected_date_of_birth = @DateOfBirth, corrected_gender = @Gender,
                   corrected_commune_code = @CommuneCode, cleaned = @Cleaned, resolved_by = @ResolvedBy, resolved_at = @at
             WHERE batch_id = @batchId AND line_no = @lineNo AND NOT cleaned AND class <> 'matched'
            """,
            new
            {
                resolution.Resolution, resolution.Note, resolution.IdNumber, resolution.FullName, resolution.DateOfBirth,
                resolution.Gender, resolution.CommuneCode, resolution.Cleaned, resolution.ResolvedBy,
                at = now.UtcDateTime, batchId = batch.Id, lineNo,
            },
            transaction, cancellationToken: cancellationToken));
        if (updated == 0)
        {
            return false;
        }

        await outbox.AddAsync(
            new CleansingRecordResolved(Guid.CreateVersion7(), now, batch.UnitCode, batch.Id, lineNo, batch.CampaignId,
                resolution.Resolution, resolution.Cleaned, resolution.ResolvedBy),
            transaction, cancellationToken);
        await outbox.CommitAsync(transaction, cancellationToken);
        return true;
    }
}
