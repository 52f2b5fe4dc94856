using Promisingness.Web.Features.Api;

namespace Promisingness.Web.Features.Mcp;

/// <summary>
/// The MCP server at /mcp (Streamable HTTP) for research assistants: the same callers as /api/v1 (a token's member,
/// or an anonymous visitor who reads what the public reads, as on the public pages and the API), the same rate limit
/// per token, and the same admin switch. Stateless, so any instance behind the load balancer answers any request.
/// </summary>
public static class McpEndpoint
{
    public const string Path = "/mcp";

    public static IServiceCollection AddWikiMcp(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddMcpServer(options =>
            {
                options.ServerInfo = new() { Name = "Promisingness Wiki", Version = "1" };
                options.ServerInstructions = "A research wiki on how promising it is to automate alignment research. Tools read entries, questions and "
                    + "recent changes as the token's member may, and post comments for them (scope comment or above). Public entries are also resources.";
            })
            .WithHttpTransport(options => options.Stateless = true)
            .WithTools<WikiTools>()
            .WithListResourcesHandler(WikiResources.ListAsync)
            .WithReadResourceHandler(WikiResources.ReadAsync);
        return services;
    }

    public static void MapWikiMcp(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapMcp(Path)
            .RequireAuthorization(ApiServices.CallerPolicy)
            .RequireRateLimiting(ApiRateLimit.Policy)
            .Add(endpoint =>
            {
                // The SDK's handlers are plain request delegates (endpoint filters do not reach them): the switch wraps each.
                var inner = endpoint.RequestDelegate!;
                endpoint.RequestDelegate = async context =>
                {
                    if (await context.RequestServices.GetRequiredService<MachineAccess>().IsOnAsync(context.RequestAborted))
                    {
                        await inner(context);
                    }
                    else
                    {
                        await ApiProblems.Unavailable("An admin has switched machine access off for this wiki.").ExecuteAsync(context);
                    }
                };
            });
}
