using Dakla06.Web.Presentation;
using Dakla06.Web.Shared;
using Microsoft.AspNetCore.Components;

namespace Dakla06.Web.Statistics;

/// <summary>A statistics page that shows one answer of the API for the unit and period in its address (<see cref="ReportScope"/>).</summary>
public abstract class ReportPage<TResponse> : AddressedReportPage<ReportScope, TResponse>
    where TResponse : class
{
    [SupplyParameterFromQuery(Name = "unit")]
    public string? UnitQuery { get; set; }

    [SupplyParameterFromQuery(Name = "from")]
    public string? FromQuery { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public string? ToQuery { get; set; }

    protected override ReportScope ScopeFromAddress() => ReportScope.Parse(UnitQuery, FromQuery, ToQuery, VietnameseFormat.Today(Time));

    protected override string Href(ReportScope scope, string page) => scope.Href(page);

    /// <summary>The same period for another unit on another statistics page.</summary>
    protected void Open(string page, string? unit) => Open(page, Scope with { Unit = unit });
}
