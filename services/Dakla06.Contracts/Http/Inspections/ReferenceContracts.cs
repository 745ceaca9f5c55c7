namespace Dakla06.Contracts.Http.Inspections;

/// <summary>An inspection team of a unit, with its members' usernames.</summary>
public sealed record TeamDto(string Code, string Name, string UnitCode, string UnitName, IReadOnlyList<string> Members);

/// <summary>One item of a checklist template; critical items that fail raise a finding by themselves.</summary>
public sealed record ChecklistItemDto(int No, string Text, bool Critical, int Weight);

/// <summary>The latest version of a checklist template (new inspections use it).</summary>
public sealed record ChecklistDto(string Code, int Version, string Title, string TargetType, IReadOnlyList<ChecklistItemDto> Items);
