using System.Threading.RateLimiting;

namespace Promisingness.Web.Security;

/// <summary>
/// Each member's budget of writes (saves, restores, comments, estimates) per minute, over a sliding
/// window: a script in a stolen session, or a stuck client, cannot flood the history and everyone's
/// inbox. Autosaved drafts are not counted. RateLimits:WritesPerMinute sets the budget.
/// </summary>
public sealed class WriteRateLimit : IDisposable
{
    public const string TooFast = "You are saving very fast; wait a few seconds, then try again. Nothing was saved.";

    private readonly PartitionedRateLimiter<string> limiter;

    public WriteRateLimit(IConfiguration configuration)
    {
        var perMinute = Math.Max(1, configuration.GetValue("RateLimits:WritesPerMinute", 30));
        limiter = PartitionedRateLimiter.Create<string, string>(userId => RateLimitPartition.GetSlidingWindowLimiter(userId, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            // Permits come back five seconds at a time, so "a few seconds" is true.
            SegmentsPerWindow = 12,
            QueueLimit = 0,
        }));
    }

    /// <summary>Null when this user may write now (and counts the write); otherwise the message to show.</summary>
    public string? Refusal(string userId)
    {
        using var lease = limiter.AttemptAcquire(userId);
        return lease.IsAcquired ? null : TooFast;
    }

    public void Dispose() => limiter.Dispose();
}
