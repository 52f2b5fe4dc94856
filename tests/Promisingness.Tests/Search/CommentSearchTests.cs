using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Discussion;
using Promisingness.Web.Features.Editing;
using Promisingness.Web.Features.Search;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Search;

/// <summary>Members find entries by their discussion; nobody else ever matches on comment text.</summary>
public sealed class CommentSearchTests : MentorAppTest
{
    private async Task<int> GoalAsync()
    {
        using var db = App.CreateDbContext();
        return await db.Entries.Where(e => e.Slug == "goal").Select(e => e.Id).SingleAsync();
    }

    private async Task<IReadOnlyList<SearchHit>> SearchAsync(string text, string? userId)
    {
        var reader = userId is null ? null : await App.Get<WikiUsers>().LoadAsync(userId);
        return (await App.Get<SearchService>().SearchAsync(new SearchRequest(text), reader)).Hits;
    }

    [Fact]
    public async Task Member_FindsAnEntryByAWordOnlyInItsDiscussion_WithTheCommentAsSnippetAndALinkToTheThread()
    {
        var thread = await App.Get<Discussions>().OpenAsync(Mentor, await GoalAsync(), "Compare with the axolotl benchmark.", null);
        var researcher = await Members.AddAsync(App, "r@test.local", Roles.Researcher, Members.Mars);

        var hit = Assert.Single(await SearchAsync("axolotl", researcher));

        Assert.Equal($"pages/goal#thread-{thread.Id}", hit.Url);
        Assert.Equal("In the discussion: ", hit.Snippet[0].Text);
        Assert.Contains(hit.Snippet, p => p.Marked && p.Text.Equals("axolotl", StringComparison.OrdinalIgnoreCase));
        Assert.Single(await SearchAsync("axol", researcher));
    }

    [Fact]
    public async Task Anonymous_NeverMatchesOnCommentText_AlsoOverHttp()
    {
        await App.Get<Discussions>().OpenAsync(Mentor, await GoalAsync(), "Compare with the axolotl benchmark.", null);

        Assert.Empty(await SearchAsync("axolotl", null));
        var page = new HtmlParser().ParseDocument(await App.CreateClient().GetStringAsync("/search?q=axolotl"));
        Assert.Empty(page.QuerySelectorAll(".search-result"));
        Assert.DoesNotContain("axolotl benchmark", page.Body!.TextContent);
    }

    [Fact]
    public async Task Researcher_DoesNotFindACommentOnADraftTheyMayNotRead()
    {
        var draft = Assert.IsType<SaveResult.Saved>(await App.Get<EntryEditor>().CreateAsync(Mentor, EntryKind.Page, new EntryInput("Mentor's notes", "private", Visibility.Draft, null)));
        await App.Get<Discussions>().OpenAsync(Mentor, draft.EntryId, "The pangolin plan.", null);
        var researcher = await Members.AddAsync(App, "r@test.local", Roles.Researcher, Members.Mars);

        Assert.Empty(await SearchAsync("pangolin", researcher));
        Assert.Single(await SearchAsync("pangolin", Mentor));
    }

    [Fact]
    public async Task DeletedAndEditedComments_AreFoundByWhatTheySayNow()
    {
        var discussions = App.Get<Discussions>();
        var goal = await GoalAsync();
        await discussions.OpenAsync(Mentor, goal, "First thought about narwhals.", null);
        var mentor = await App.Get<WikiUsers>().LoadAsync(Mentor);
        var comment = (await discussions.ThreadsAsync(goal, mentor))[0].Comments[0].Id;

        await discussions.EditAsync(Mentor, comment, "Second thought about walruses.");
        Assert.Empty(await SearchAsync("narwhals", Mentor));
        Assert.Single(await SearchAsync("walruses", Mentor));

        await discussions.DeleteAsync(Mentor, comment);
        Assert.Empty(await SearchAsync("walruses", Mentor));
    }

    [Theory]
    [InlineData("\"axolotl")]
    [InlineData("axolotl*) OR (")]
    [InlineData("NEAR(axolotl benchmark)")]
    [InlineData("'; DROP TABLE Comments; --")]
    public async Task HostileInput_OverComments_GivesResultsOrNone(string text)
    {
        await App.Get<Discussions>().OpenAsync(Mentor, await GoalAsync(), "Compare with the axolotl benchmark.", null);

        var hits = await SearchAsync(text, Mentor);

        Assert.True(hits.Count <= 1);
        using var db = App.CreateDbContext();
        Assert.Equal(1, await db.Comments.CountAsync());
    }
}
