namespace Dakla06.Contracts.Http.Cleansing;

/// <summary>A cleansing campaign of a unit: a dataset, the units that carry it out and a deadline.</summary>
public sealed record CampaignDto(
    Guid Id,
    string Name,
    string Dataset,
    DateOnly Deadline,
    string UnitCode,
    string UnitName,
    IReadOnlyList<string> TargetUnitCodes,
    IReadOnlyList<string> TargetUnitNames,
    string CreatedBy,
    DateTimeOffset CreatedAt);

/// <summary>Body of <c>POST /campaigns</c>; all optional so that validation names what is missing.</summary>
public sealed record CreateCampaignRequest(string? Name, string? Dataset, DateOnly? Deadline, IReadOnlyList<string>? TargetUnitCodes);

/// <summary>Filter of <c>GET /campaigns</c>.</summary>
public sealed record CampaignQuery(string? Dataset = null);

/// <summary>
/// One unit's progress: records flagged (any class but matched) and cleaned in the campaign's batches, the share
/// cleaned in percent (one decimal; 0 when nothing is flagged) and the figure leaders report, "x/y (z%)".
/// </summary>
public sealed record CampaignProgressRowDto(string UnitCode, string UnitName, long Flagged, long Cleaned, double Percent, string Figure);

/// <summary>Progress of a campaign under one unit: a row per child unit that the campaign targets (and the unit itself when it has its own batches), and the total.</summary>
public sealed record CampaignProgressDto(Guid CampaignId, string CampaignName, string UnitCode, string UnitName, IReadOnlyList<CampaignProgressRowDto> Rows, CampaignProgressRowDto Total);
