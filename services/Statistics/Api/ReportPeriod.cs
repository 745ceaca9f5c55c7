using Dakla06.Contracts.AdminUnits;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;

namespace Dakla06.Statistics.Api;

/// <summary>The unit and period of a report query, checked: the caller's unit when none is named, a unit outside the caller's scope is not found.</summary>
public sealed record ReportPeriod(AdminUnit Unit, DateOnly From, DateOnly To)
{
    /// <summary>The longest period one request may cover (a breakdown by month is a query per month).</summary>
    public const int MaxDays = 5 * 366;

    /// <summary>
    /// The checked period, or null: with errors naming <c>unit</c>, <c>from</c>, <c>to</c> (→ 400), or without errors when
    /// the unit lies outside the caller's scope (→ 404).
    /// </summary>
    public static ReportPeriod? Check(Caller caller, string? unitCode, DateOnly? from, DateOnly? to, ValidationErrors errors)
    {
        var unit = QueryUnits.Find(unitCode, "unit", errors);
        CheckDates(from, to, errors);
        if (!errors.IsEmpty)
        {
            return null;
        }

        unit ??= caller.Unit;
        return caller.Scope.Unit.Contains(unit) ? new ReportPeriod(unit, from!.Value, to!.Value) : null;
    }

    /// <summary>Adds an error under <c>from</c> or <c>to</c> unless both are given, in order, and at most <see cref="MaxDays"/> apart.</summary>
    public static void CheckDates(DateOnly? from, DateOnly? to, ValidationErrors errors)
    {
        if (from is null)
        {
            errors.Add("from", "Ngày bắt đầu (from) là bắt buộc.");
        }

        if (to is null)
        {
            errors.Add("to", "Ngày kết thúc (to) là bắt buộc.");
        }
        else if (from is { } start && to < start)
        {
            errors.Add("to", "Ngày kết thúc phải từ ngày bắt đầu trở đi.");
        }
        else if (from is { } first && to.Value.DayNumber - first.DayNumber > MaxDays)
        {
            errors.Add("to", "Khoảng thời gian tối đa 5 năm.");
        }
    }
}
