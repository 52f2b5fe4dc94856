using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Security;

namespace Promisingness.Web.Components.Public;

/// <summary>
/// Base of the pages that render both statically (anonymous visitors) and interactively (members):
/// who is reading, and how to answer "moved" and "not found" in either mode.
/// </summary>
public abstract class WikiPage : ComponentBase
{
    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>Present while rendering on the server for a request (static, or the members' prerender).</summary>
    [CascadingParameter]
    protected HttpContext? HttpContext { get; set; }

    [Inject]
    protected NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private WikiUsers Users { get; set; } = default!;

    /// <summary>The reader as the database knows them now, or null for an anonymous visitor.</summary>
    protected async Task<WikiUser?> ReaderAsync() =>
        AuthenticationState is null ? null : await Users.LoadAsync((await AuthenticationState).User);

    /// <summary>An entry renamed since the link was made: send the reader to where it is now.</summary>
    protected void RedirectPermanently(string relativeUrl)
    {
        if (HttpContext is { Response.HasStarted: false })
        {
            HttpContext.Response.Redirect(Navigation.ToAbsoluteUri(relativeUrl).ToString(), permanent: true);
        }
        else
        {
            Navigation.NavigateTo(relativeUrl, replace: true);
        }
    }

    /// <summary>Redirects to a renamed entry's new address, or answers 404 when there is nothing to show.</summary>
    protected void Respond<T>(SlugResult<T> lookup, EntryKind kind) where T : class =>
        Respond(lookup, slug => EntryUrls.For(kind, slug));

    /// <summary>The same, for a page about an entry at another address (its history, a diff).</summary>
    protected void Respond<T>(SlugResult<T> lookup, Func<string, string> urlOfSlug) where T : class
    {
        if (lookup.MovedTo is { } slug)
        {
            RedirectPermanently(urlOfSlug(slug));
        }
        else if (lookup.Value is null)
        {
            MarkNotFound();
        }
    }

    protected void MarkNotFound()
    {
        if (HttpContext is { Response.HasStarted: false })
        {
            HttpContext.Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }
}
