using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;

namespace Promisingness.Web.Diagnostics;

/// <summary>
/// The reference a failed request shows its visitor and writes to the log beside the exception: the
/// request's W3C trace id, so it also finds the request in any trace the host collects.
/// </summary>
public static class FailureReference
{
    public static string Of(HttpContext? context) =>
        Activity.Current?.TraceId.ToHexString() ?? context?.TraceIdentifier ?? "unknown";

    /// <summary>A reference for a failure inside a member's live page, where no request is in flight.</summary>
    public static string New() => Guid.NewGuid().ToString("N")[..12];
}

/// <summary>Logs every unhandled exception with the reference the error page shows; the page itself is rendered by /Error.</summary>
internal sealed class LoggedFailure(ILogger<LoggedFailure> logger) : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // The route pattern, not the path: a path can hold a token (an invitation's does).
        var route = (httpContext.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
        logger.LogError(exception, "Request {Method} {Route} failed; the visitor was shown reference {Reference}", httpContext.Request.Method, route, FailureReference.Of(httpContext));
        return ValueTask.FromResult(false);
    }
}
