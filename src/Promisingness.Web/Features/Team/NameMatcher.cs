using System.Globalization;
using System.Text;

namespace Promisingness.Web.Features.Team;

/// <summary>
/// Decides whether two spellings name the same person: the README lists "Minh Nguyen" in the team and
/// credits "Nguyen Nhat Minh" on a topic, and people are written with other case, accents or a typo.
/// </summary>
public static class NameMatcher
{
    public static bool SamePerson(string a, string b)
    {
        var left = Tokens(a);
        var right = Tokens(b);
        if (left.Count == 0 || right.Count == 0)
        {
            return false;
        }
        if (left.SetEquals(right))
        {
            return true;
        }
        var (shorter, longer) = left.Count <= right.Count ? (left, right) : (right, left);
        // "Minh Nguyen" within "Nguyen Nhat Minh": every part of a two-or-more-part name appears in the other.
        if (shorter.Count >= 2 && shorter.IsSubsetOf(longer))
        {
            return true;
        }
        var joinedA = string.Join(' ', left.Order());
        var joinedB = string.Join(' ', right.Order());
        return left.Count == right.Count && Distance(joinedA, joinedB) <= Math.Max(1, Math.Min(joinedA.Length, joinedB.Length) / 10);
    }

    public static HashSet<string> Tokens(string name)
    {
        var builder = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            builder.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }
        return [.. builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)];
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
