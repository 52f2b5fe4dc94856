using Microsoft.AspNetCore.Routing.Matching;

namespace Promisingness.Web.Components.Public;

/// <summary>
/// Where a route has both an anonymous static endpoint and the interactive component endpoint, picks
/// the static one for anonymous visitors and the interactive one for signed-in members.
/// </summary>
internal sealed class AnonymousPageSelector : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => 0;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) =>
        endpoints.Any(e => e.Metadata.GetMetadata<AnonymousOnlyEndpoint>() is not null);

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var signedIn = httpContext.User.Identity?.IsAuthenticated == true;
        var hasAnonymousCandidate = false;
        for (var i = 0; i < candidates.Count; i++)
        {
            hasAnonymousCandidate |= candidates.IsValidCandidate(i) && IsAnonymousOnly(candidates[i].Endpoint);
        }
        for (var i = 0; i < candidates.Count; i++)
        {
            var anonymousOnly = IsAnonymousOnly(candidates[i].Endpoint);
            if (signedIn ? anonymousOnly : hasAnonymousCandidate && !anonymousOnly)
            {
                candidates.SetValidity(i, false);
            }
        }
        return Task.CompletedTask;
    }

    private static bool IsAnonymousOnly(Endpoint endpoint) => endpoint.Metadata.GetMetadata<AnonymousOnlyEndpoint>() is not null;
}

/// <summary>Endpoint metadata: this endpoint serves anonymous visitors only.</summary>
internal sealed class AnonymousOnlyEndpoint;
