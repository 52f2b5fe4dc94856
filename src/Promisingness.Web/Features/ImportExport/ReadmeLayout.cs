using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Promisingness.Web.Features.ImportExport.Readme;

namespace Promisingness.Web.Features.ImportExport;

/// <summary>
/// How the imported README was laid out where the entries do not say it (settings, not columns): where the team
/// and the questions sections stood, the team section and each topic's "Researched by" line as written. The export
/// uses each only while it still says what the wiki says (the same people), else writes the seed's own form.
/// </summary>
internal static class ReadmeLayout
{
    public const string TeamSectionKey = "readme.team-section";
    public const string TeamAtKey = "readme.team-at";
    public const string QuestionsAtKey = "readme.questions-at";
    public const string BylinePrefix = "readme.byline.";

    /// <summary>The longest text a setting holds (WikiSettingConfiguration); a longer one is not kept.</summary>
    public const int MaxValueLength = 2000;

    /// <summary>The settings that record the document's layout; a null value means the setting is absent.</summary>
    public static Dictionary<string, string?> Of(ReadmeDocument document, IReadOnlyList<string> topicSlugs)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            // Kept even in the seed's own form: the export lists programs in the wiki's order, which may not be the README's.
            [TeamSectionKey] = Fits(document.TeamSection ?? (document.Team.Count > 0 ? ReadmeWriter.TeamSection(document.Team) : null)),
            [TeamAtKey] = document.TeamAt > 0 ? document.TeamAt.ToString(CultureInfo.InvariantCulture) : null,
            [QuestionsAtKey] = document.QuestionsAt > 0 ? document.QuestionsAt.ToString(CultureInfo.InvariantCulture) : null,
        };
        for (var i = 0; i < document.Topics.Count; i++)
        {
            var topic = document.Topics[i];
            if (topic.Byline is not null || topic.BodyJoinsByline)
            {
                // "+" when the body continues the byline's paragraph, then the byline as written (empty: the writer's own).
                settings[BylineKey(topicSlugs[i])] = Fits((topic.BodyJoinsByline ? "+" : "-") + topic.Byline);
            }
        }
        return settings;
    }

    /// <summary>The document with the recorded layout put back where it still holds; <paramref name="topicSlugs"/> are its topics' entries' slugs.</summary>
    public static ReadmeDocument Apply(ReadmeDocument document, IReadOnlyDictionary<string, string> settings, IReadOnlyList<string> topicSlugs)
    {
        var teamSection = settings.GetValueOrDefault(TeamSectionKey);
        if (teamSection is not null && !SameNames(ReadmeParser.Parse(teamSection).TeamMembers.Order(StringComparer.Ordinal), document.TeamMembers.Order(StringComparer.Ordinal)))
        {
            teamSection = null;
        }
        var topics = document.Topics.Select((topic, i) =>
        {
            if (topic.Researchers.Count == 0 || settings.GetValueOrDefault(BylineKey(topicSlugs[i])) is not { Length: > 0 } stored)
            {
                return topic;
            }
            var byline = stored[1..];
            var names = byline.Length == 0 ? topic.Researchers : ReadmeTopicReader.Names(byline);
            return names is not null && SameNames(names, topic.Researchers)
                ? topic with { Byline = byline.Length == 0 ? null : byline, BodyJoinsByline = stored[0] == '+' && topic.Body.Length > 0 }
                : topic;
        });
        return document with
        {
            Topics = [.. topics],
            TeamSection = teamSection,
            TeamAt = Number(settings.GetValueOrDefault(TeamAtKey)),
            QuestionsAt = Number(settings.GetValueOrDefault(QuestionsAtKey)),
        };
    }

    public static string BylineKey(string slug) =>
        BylinePrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(slug)))[..32];

    private static bool SameNames(IEnumerable<string> a, IEnumerable<string> b) => a.SequenceEqual(b, StringComparer.Ordinal);

    private static string? Fits(string? value) => value is { Length: <= MaxValueLength } ? value : null;

    private static int Number(string? value) => int.TryParse(value, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
