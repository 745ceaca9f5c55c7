using Dakla06.Web.Presentation;
using Dakla06.Web.Shared;
using Microsoft.AspNetCore.Components;

namespace Dakla06.Web.Enrolment;

/// <summary>An enrolment report page: one answer of the API for the unit and day in its address (<see cref="EnrolmentScope"/>).</summary>
public abstract class EnrolmentPage<TResponse> : AddressedReportPage<EnrolmentScope, TResponse>
    where TResponse : class
{
    [SupplyParameterFromQuery(Name = "unit")]
    public string? UnitQuery { get; set; }

    [SupplyParameterFromQuery(Name = "asOf")]
    public string? AsOfQuery { get; set; }

    protected override EnrolmentScope ScopeFromAddress() => EnrolmentScope.Parse(UnitQuery, AsOfQuery, VietnameseFormat.Today(Time));

    protected override string Href(EnrolmentScope scope, string page) => scope.Href(page);

    /// <summary>The same day for another unit on another enrolment page.</summary>
    protected void Open(string page, string? unit) => Open(page, Scope with { Unit = unit });
}
