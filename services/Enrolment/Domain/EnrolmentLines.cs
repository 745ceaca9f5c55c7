using Dakla06.Contracts.AdminUnits;

namespace Dakla06.Enrolment.Domain;

/// <summary>A line of an enrolment import file that passed the checks a line can do alone, ready for the staging COPY.</summary>
public abstract record EnrolmentLine(long Line);

/// <summary>An application (hồ sơ CCCD). <c>Gender</c> is <c>nam</c> or <c>nu</c>; <c>Under14</c> when the applicant was under 14 on the day received.</summary>
public sealed record ApplicationLine(
    long Line,
    string Code,
    string IdNumber,
    string FullName,
    DateOnly BirthDate,
    string Gender,
    AdminUnit Commune,
    DateOnly ReceivedOn,
    string Channel,
    string Kind,
    bool WithEid2,
    bool Under14) : EnrolmentLine(Line);

/// <summary>A card event of an application: received from C06, or handed to the citizen (<c>Event</c> as the file writes it).</summary>
public sealed record CardEventLine(long Line, string ApplicationCode, string Event, DateOnly Day) : EnrolmentLine(Line);

/// <summary>A VNeID account of level 1 or 2, registered (and activated, when <c>ActivatedOn</c> is set).</summary>
public sealed record EidAccountLine(
    long Line, string IdNumber, AdminUnit Commune, short Level, string Channel, DateOnly RegisteredOn, DateOnly? ActivatedOn) : EnrolmentLine(Line);
