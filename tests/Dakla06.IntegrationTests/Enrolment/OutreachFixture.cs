using Dakla06.Contracts.Http.Enrolment;
using Dakla06.Enrolment;
using Dakla06.IntegrationTests.Support;

namespace Dakla06.IntegrationTests.Enrolment;

/// <summary>The enrolment API on its own database and broker virtual host, for the outreach tests (stuck, missing, targets).</summary>
public class OutreachFixture() : ServiceFixture<EnrolmentMarker, EnrolmentClient>("enrolment", http => new EnrolmentClient(http));
