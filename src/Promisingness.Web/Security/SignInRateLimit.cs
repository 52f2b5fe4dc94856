using System.Threading.RateLimiting;

namespace Promisingness.Web.Security;

/// <summary>
/// Floods of sign-in, password-reset and invitation posts are answered with 429, per client address,
/// before Identity spends 210,000 PBKDF2 iterations on each.
/// </summary>
internal static class SignInRateLimit
{
    // The login page asks for passkey options by itself on every load, so those are not counted as attempts.
    private static readonly string[] GuardedPaths = ["/Account/Login", "/Account/ForgotPassword", "/Account/ResetPassword", "/invite/"];

    public static void AddSignInRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var permitsPerMinute = configuration.GetValue("RateLimits:SignInPerMinute", 10);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync("Too many attempts from your address. Wait a minute, then try again.", cancellationToken);
            };
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsGuarded(context.Request)
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = permitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter("unguarded"));
        });
    }

    private static bool IsGuarded(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && GuardedPaths.Any(path => request.Path.StartsWithSegments(path.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));
}
