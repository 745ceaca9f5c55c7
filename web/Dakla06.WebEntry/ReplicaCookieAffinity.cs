using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Model;
using Yarp.ReverseProxy.SessionAffinity;

namespace Dakla06.WebEntry;

/// <summary>
/// Keeps a browser on its replica with a cookie that names it (<c>web-2</c>). YARP's own cookie policies set the cookie
/// only when a request came without a matching one, so a request that was moved to another replica within the same
/// request (<see cref="RetryOnAnotherReplica"/>) would keep pointing at the dead one; this one sets it whenever the
/// replica that answered is not the one the cookie names. The name is no secret: it only says where the circuit is.
/// </summary>
public sealed class ReplicaCookieAffinity : ISessionAffinityPolicy
{
    public const string PolicyName = "ReplicaCookie";

    public string Name => PolicyName;

    public AffinityResult FindAffinitizedDestinations(
        HttpContext context, ClusterState cluster, SessionAffinityConfig config, IReadOnlyList<DestinationState> destinations)
    {
        if (context.Request.Cookies[config.AffinityKeyName] is not { Length: > 0 } replica)
        {
            return new AffinityResult(null, AffinityStatus.AffinityKeyNotSet);
        }

        var destination = destinations.FirstOrDefault(d => d.DestinationId == replica);
        return destination is null
            ? new AffinityResult(null, AffinityStatus.DestinationNotFound)
            : new AffinityResult(destination, AffinityStatus.OK);
    }

    public void AffinitizeResponse(HttpContext context, ClusterState cluster, SessionAffinityConfig config, DestinationState destination)
    {
        if (context.Request.Cookies[config.AffinityKeyName] == destination.DestinationId)
        {
            return;
        }

        context.Response.Cookies.Append(config.AffinityKeyName, destination.DestinationId, new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            Path = "/",
        });
    }
}
