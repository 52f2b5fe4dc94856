using System.Text.RegularExpressions;

namespace Promisingness.Web.Features.ImportExport.Readme;

/// <summary>
/// The links of a README to files uploaded to the wiki ("/files/{sha-256}/{name}", Features/Attachments). An exported
/// README is read elsewhere (on GitHub), where "/files/…" leads nowhere, so its links point at the published wiki
/// (Wiki:PublicUrl); an import turns them back, so that a README exported and imported again changes nothing. Only
/// link and image destinations change (inline, and reference definitions); the text around them, TeX included, stays
/// as written.
/// </summary>
internal static partial class ReadmeFileLinks
{
    // "](" of an inline link or image (with its address in <…> too), or "[label]:" of a definition, then the address.
    private const string Destination = @"(?<=\]\(\s*<?|^ {0,3}\[[^\]\n]+\]:[ \t]*<?)";
    private const string UploadedFile = @"(?=files/[0-9a-f]{64}/)";

    [GeneratedRegex(Destination + "/" + UploadedFile, RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex OnTheWiki();

    /// <summary>The README with its links to uploaded files on <paramref name="site"/>; as it is when the address is unknown.</summary>
    public static string ToSite(string readme, Uri? site) =>
        site is null ? readme : OnTheWiki().Replace(readme, Base(site));

    /// <summary>The README with its links to uploaded files on <paramref name="site"/> back on the wiki's own "/files/…".</summary>
    public static string FromSite(string readme, Uri? site) =>
        site is null ? readme : Regex.Replace(readme, Destination + Regex.Escape(Base(site)) + UploadedFile, "/", RegexOptions.Multiline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5));

    /// <summary>Whether the README links uploaded files on the wiki's own "/files/…" (which only the wiki answers).</summary>
    public static bool LinksTheWiki(string readme) => OnTheWiki().IsMatch(readme);

    private static string Base(Uri site) => site.AbsoluteUri.EndsWith('/') ? site.AbsoluteUri : site.AbsoluteUri + "/";
}
