using Promisingness.Web.Data;

namespace Promisingness.Web.Features.Entries;

public static class OutputStatuses
{
    /// <summary>What a README link says about its output: "[lesswrong post coming soon]()" is still to come, a Google Doc is a draft.</summary>
    public static OutputStatus Infer(string? title, string url)
    {
        if (url.Length == 0 || (title?.Contains("coming soon", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            return OutputStatus.ComingSoon;
        }
        var isGoogleDoc = Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host.Equals("docs.google.com", StringComparison.OrdinalIgnoreCase);
        return isGoogleDoc || (title?.Contains("draft", StringComparison.OrdinalIgnoreCase) ?? false)
            ? OutputStatus.Draft
            : OutputStatus.Published;
    }

    public static string Label(OutputStatus status) => status switch
    {
        OutputStatus.Published => "Published",
        OutputStatus.Draft => "Draft",
        OutputStatus.ComingSoon => "Coming soon",
        _ => "Removed",
    };
}
