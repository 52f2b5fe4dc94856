namespace Promisingness.Web.Components.Account;

/// <summary>
/// The one rule for where sign-in, sign-out and the pages between them may send a person afterwards:
/// a path on this site, or the home page.
/// </summary>
public static class ReturnAddress
{
    public const string Home = "/";

    private static readonly Uri ThisSite = new("http://this.site/");

    /// <summary>
    /// The address itself, escaped for a Location header, when it is a path on this site
    /// ("/topics?x=1"); otherwise "/". It never throws, so a finished sign-in or sign-out
    /// cannot turn into an error because of where it was asked to go.
    /// </summary>
    public static string LocalOrHome(string? candidate)
    {
        if (string.IsNullOrEmpty(candidate) || !IsLocalPath(candidate))
        {
            return Home;
        }

        // A browser decodes before it follows: what an address says once decoded is what it means.
        var decoded = candidate;
        for (var round = 0; round < 3 && decoded.Contains('%', StringComparison.Ordinal); round++)
        {
            decoded = Uri.UnescapeDataString(decoded);
            if (!IsLocalPath(decoded))
            {
                return Home;
            }
        }

        // Non-ASCII characters cannot go into a header as they are; the resolved address carries them escaped.
        return Uri.TryCreate(ThisSite, candidate, out var resolved) && resolved.Host == ThisSite.Host
            ? resolved.PathAndQuery + resolved.Fragment
            : Home;
    }

    // One leading slash and then no second one, no backslash anywhere (browsers read "\" as "/"),
    // and nothing a browser strips before reading (control characters, tabs, line breaks).
    private static bool IsLocalPath(string address) =>
        address.StartsWith('/')
        && (address.Length == 1 || address[1] is not ('/' or '\\'))
        && !address.Contains('\\', StringComparison.Ordinal)
        && !address.Any(char.IsControl);
}
