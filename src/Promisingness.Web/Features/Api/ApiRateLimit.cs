using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Promisingness.Web.Features.Api;

/// <summary>
/// Each token's budget of API requests per minute (RateLimits:ApiRequestsPerMinute), and each address's for anonymous
/// callers: one runaway script cannot slow the wiki for the people using it. A token is told apart by its secret's
/// hash, which is what identifies it in the database, so no query is spent on a request that is refused.
/// </summary>
internal sealed class ApiRateLimit(IConfiguration configuration) : IRateLimiterPolicy<string>
{
    public const string Policy = "api";

    private readonly int perMinute = Math.Max(1, configuration.GetValue("RateLimits:ApiRequestsPerMinute", 120));

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, _) =>
    {
        context.HttpContext.Response.Headers.RetryAfter = "60";
        await ApiProblems.TooMany($"This token (or address) made more than {perMinute} requests in a minute. Wait a minute, then try again.").ExecuteAsync(context.HttpContext);
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) => RateLimitPartition.GetFixedWindowLimiter(
        TokenAuthentication.Bearer(httpContext.Request) is { } token ? "token:" + AccessTokens.Hash(token) : "address:" + httpContext.Connection.RemoteIpAddress,
        _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
}
