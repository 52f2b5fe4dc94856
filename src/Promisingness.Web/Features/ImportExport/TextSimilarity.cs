using Promisingness.Web.Features.Team;

namespace Promisingness.Web.Features.ImportExport;

/// <summary>How much two texts share, from 0 (nothing) to 1 (the same words), ignoring order and case.</summary>
public static class TextSimilarity
{
    public static double Of(string a, string b) => Jaccard(NameMatcher.Tokens(a), NameMatcher.Tokens(b));

    public static double Jaccard<T>(IReadOnlySet<T> a, IReadOnlySet<T> b)
    {
        if (a.Count == 0 && b.Count == 0)
        {
            return 1;
        }
        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }
}
