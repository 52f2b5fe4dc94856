using System.Text;
using System.Text.RegularExpressions;

namespace Promisingness.Web.Features.Discussion;

/// <summary>
/// "@member-slug" in a comment: the picker inserts a member's slug, which is unique and has no spaces.
/// Mentions inside code (fenced blocks or `backticks`) are text, not mentions.
/// </summary>
public static partial class Mentions
{
    [GeneratedRegex(@"(?<![\w@/])@([a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?)(?![\w-])")]
    private static partial Regex Handle();

    public static IReadOnlySet<string> Parse(string markdown)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        Visit(markdown, text =>
        {
            foreach (Match match in Handle().Matches(text))
            {
                found.Add(match.Groups[1].Value);
            }
            return text;
        });
        return found;
    }

    /// <summary>Turns mentions of known members into links to their page, as Markdown; unknown handles stay text.</summary>
    public static string Linkify(string markdown, IReadOnlyDictionary<string, string> namesBySlug) =>
        Visit(markdown, text => Handle().Replace(text, match =>
            namesBySlug.TryGetValue(match.Groups[1].Value, out var name)
                ? $"[@{Escape(name)}](team/{match.Groups[1].Value})"
                : match.Value));

    /// <summary>Applies <paramref name="change"/> to the parts of the text outside code.</summary>
    private static string Visit(string markdown, Func<string, string> change)
    {
        var result = new StringBuilder(markdown.Length);
        var fenced = false;
        foreach (var line in markdown.Split('\n'))
        {
            if (result.Length > 0)
            {
                result.Append('\n');
            }
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                fenced = !fenced;
                result.Append(line);
                continue;
            }
            if (fenced || line.StartsWith("    ", StringComparison.Ordinal) || line.StartsWith('\t'))
            {
                result.Append(line);
                continue;
            }
            var parts = line.Split('`');
            for (var i = 0; i < parts.Length; i++)
            {
                result.Append(i % 2 == 0 ? change(parts[i]) : parts[i]);
                if (i < parts.Length - 1)
                {
                    result.Append('`');
                }
            }
        }
        return result.ToString();
    }

    private static string Escape(string name) => new([.. name.Where(c => c is not ('[' or ']' or '\\' or '*' or '_' or '`'))]);
}
