namespace Dakla06.Contracts.Http.Directives;

/// <summary>A unit's Project 06 working group (Tổ công tác); units without a record are not established (<c>updatedAt</c> null).</summary>
public sealed record WorkingGroupDto(
    string UnitCode,
    string UnitName,
    string Level,
    bool Established,
    string? DecisionNumber,
    DateOnly? DecisionDate,
    bool RegulationIssued,
    int? VillageCount,
    int? VillagesEstablished,
    string? UpdatedBy,
    DateTimeOffset? UpdatedAt);

public sealed record CoverageCountDto(long Established, long Total);

/// <summary>Per-level coverage over a subtree: the table leaders put in their reports.</summary>
public sealed record WorkingGroupCoverageDto(CoverageCountDto Districts, CoverageCountDto Communes, CoverageCountDto Villages);

/// <summary>Body of <c>PUT /working-groups/{unitCode}</c>.</summary>
public sealed record UpdateWorkingGroupRequest(
    bool? Established, string? DecisionNumber, DateOnly? DecisionDate, bool? RegulationIssued, int? VillageCount, int? VillagesEstablished);
