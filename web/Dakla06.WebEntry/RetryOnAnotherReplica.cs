using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Dakla06.WebEntry;

/// <summary>
/// A replica that died (killed, crashed, restarting) is noticed by the health checks only seconds later; until then a
/// request sent to it fails before it reached any application code. Such a request, when it can be sent again (no body
/// was read: page loads, the circuit's reconnect), goes to another replica at once, so the user lands there on their
/// next interaction instead of seeing an error page.
/// </summary>
public sealed class RetryOnAnotherReplica(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var proxy = context.GetReverseProxyFeature();
        var candidates = proxy.AvailableDestinations;
        await next(context);

        while (CanSendAgain(context) && proxy.ProxiedDestination is { } failed)
        {
            var others = candidates.Where(d => d != failed).ToList();
            if (others.Count == 0)
            {
                return;
            }

            candidates = others;
            proxy.AvailableDestinations = others;
            context.Features.Set<IForwarderErrorFeature>(null);
            context.Response.Clear();
            await next(context);
        }
    }

    /// <summary>The request never reached a replica's application and nothing of it has been consumed or answered.</summary>
    private static bool CanSendAgain(HttpContext context) =>
        context.Features.Get<IForwarderErrorFeature>()?.Error == ForwarderError.Request
        && !context.Response.HasStarted
        && !context.RequestAborted.IsCancellationRequested
        && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            || context.Request.ContentLength == 0);
}
