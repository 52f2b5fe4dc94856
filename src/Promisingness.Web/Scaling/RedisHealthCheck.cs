using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Promisingness.Web.Scaling;

/// <summary>
/// /healthz's view of the other instances. Degraded, not unhealthy, when Redis is configured but away: this
/// instance still serves and saves correctly on its own, so a load balancer should keep it, while whoever
/// watches the health sees that live updates from other instances are being missed.
/// </summary>
public sealed class RedisHealthCheck(OtherInstances others) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(others.Connected switch
        {
            null => HealthCheckResult.Healthy("No Redis is configured: one instance."),
            true => HealthCheckResult.Healthy("Redis is connected."),
            false => HealthCheckResult.Degraded("Redis is configured but not connected: live updates from other instances are missed, and their saves reach this instance's cached pages within about a second."),
        });
}
