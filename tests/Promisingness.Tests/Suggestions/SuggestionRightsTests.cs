using Promisingness.Web.Data;
using Promisingness.Web.Features.Suggestions;

namespace Promisingness.Tests.Suggestions;

/// <summary>
/// Who may suggest (whoever may read and comment on the entry) and who may accept or reject (whoever may edit it), on
/// Severin's AISC team page and on his draft.
/// </summary>
public sealed class SuggestionRightsTests : SuggestionTestBed
{
    [Fact]
    public async Task SuggestingAndDeciding_FollowTheEntrysCommentAndEditRights()
    {
        var team = await PageAsync();
        var draft = await PageAsync(visibility: Visibility.Draft, title: "Severin's draft");
        // actor: may suggest on the team page, may decide there, may suggest on the draft, may decide there.
        var expected = new Dictionary<string, (bool SuggestTeam, bool DecideTeam, bool SuggestDraft, bool DecideDraft)>
        {
            ["nobody"] = (false, false, false, false),     // an anonymous visitor
            ["mars"] = (true, false, false, false),        // reads the team page, another program's: suggests, never decides
            ["peer"] = (true, true, false, false),         // the page's program; not an author of the draft
            ["author"] = (true, true, true, true),
            ["mentor"] = (true, true, true, true),
            ["admin"] = (true, true, true, true),
            ["locked"] = (false, false, false, false),     // a locked mentor is no more than a visitor
        };

        var seen = new Dictionary<string, (bool, bool, bool, bool)>();
        foreach (var actor in expected.Keys)
        {
            seen[actor] = (await MaySuggestAsync(actor, team), await MayDecideAsync(actor, team), await MaySuggestAsync(actor, draft), await MayDecideAsync(actor, draft));
        }

        Assert.Equal(expected.Select(e => $"{e.Key}: {e.Value}"), seen.Select(e => $"{e.Key}: {e.Value}"));
    }

    private async Task<bool> MaySuggestAsync(string actor, int entryId) =>
        await SuggestAsync(actor, entryId, Changed((0, $"One, as {actor} would say."))) is SuggestionResult.Done;

    /// <summary>Rejects a change of a fresh suggestion by the mentor: done, or refused.</summary>
    private async Task<bool> MayDecideAsync(string actor, int entryId)
    {
        var id = await SuggestedAsync("mentor", entryId, Changed((4, $"Five, for {actor}.")));
        return await Suggestions.RejectAsync(Users[actor], id, 0) is SuggestionResult.Done;
    }
}
