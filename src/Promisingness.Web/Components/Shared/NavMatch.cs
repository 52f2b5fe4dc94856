using Microsoft.AspNetCore.Components;

namespace Promisingness.Web.Components.Shared;

/// <summary>
/// The rule of Blazor's NavLink with NavLinkMatch.Prefix, for the app bar's links. The layout renders them as
/// plain anchors: it re-renders on every navigation anyway, and eight NavLink components, each with its render
/// buffers and a LocationChanged handler, would be held in every member's circuit (bench/ scenario 4 measures it).
/// </summary>
internal static class NavMatch
{
    /// <summary>The class NavLink gives a current link: "active", or null for none.</summary>
    public static string? ActiveClass(bool current) => current ? "active" : null;

    /// <summary>The aria-current NavLink gives a current link: "page", or null for none.</summary>
    public static string? AriaCurrent(bool current) => current ? "page" : null;

    public static bool IsCurrent(NavigationManager navigation, string href)
    {
        var target = navigation.ToAbsoluteUri(href).AbsoluteUri;
        var current = navigation.Uri;
        if (string.Equals(current, target, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        // The router takes http://host/path as http://host/path/, and so does NavLink.
        if (current.Length == target.Length - 1 && target[^1] == '/' && target.StartsWith(current, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        // "topics" is current on "topics/x" and "topics?page=2", not on "topicsx".
        return current.Length > target.Length
            && current.StartsWith(target, StringComparison.OrdinalIgnoreCase)
            && (!char.IsLetterOrDigit(target[^1]) || !char.IsLetterOrDigit(current[target.Length]));
    }
}
