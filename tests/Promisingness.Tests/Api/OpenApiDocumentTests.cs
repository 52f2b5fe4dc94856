using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Features.Api;

namespace Promisingness.Tests.Api;

/// <summary>The OpenAPI document scripts generate clients from: every API route in it, each with its answers.</summary>
public sealed class OpenApiDocumentTests : IDisposable
{
    private readonly WikiApp app = new(seed: false);

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Document_ListsEveryApiRoute_WithItsResponses()
    {
        var document = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;
        var routes = app.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith(ApiEndpoints.Prefix, StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods.Select(m => (Path: e.RoutePattern.RawText!, Method: m.ToLowerInvariant())))
            .ToList();

        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.True(routes.Count >= 6);
        var paths = document.GetProperty("paths");
        foreach (var (path, method) in routes)
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is not in the OpenAPI document.");
            Assert.True(item.TryGetProperty(method, out var operation), $"{method} {path} is not in the OpenAPI document.");
            var responses = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
            Assert.Contains(responses, r => r.StartsWith('2'));
            Assert.Contains("401", responses);
        }
        Assert.DoesNotContain(paths.EnumerateObject(), p => !p.Name.StartsWith(ApiEndpoints.Prefix, StringComparison.Ordinal));
        foreach (var path in new[] { "/api/v1/entries/{slug}/revisions/{number}/diff", "/api/v1/questions", "/api/v1/summaries", "/api/v1/changes", "/api/v1/entries/{slug}/comments/{id}/replies" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is not in the OpenAPI document.");
        }
    }
}
