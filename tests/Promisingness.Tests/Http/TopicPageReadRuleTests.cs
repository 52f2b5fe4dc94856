using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Http;

/// <summary>
/// Topic and question pages list the questions about a topic, the topics of a question and the entries linking to
/// them with compiled queries, one per kind of reader (ReaderQuery): each reader gets only the entries the read rule
/// gives them.
/// </summary>
public sealed class TopicPageReadRuleTests : MentorAppTest
{
    private const string TopicPath = "/topics/weak-to-strong-generalization";

    [Fact]
    public async Task TopicPage_ListsTheQuestionsAndLinksEachReaderMayRead_AndNoOthers()
    {
        var author = await Members.AddAsync(App, "rule-author@test.local", Roles.Researcher, Members.Aisc);
        await Members.AddAsync(App, "rule-other@test.local", Roles.Researcher, Members.Mars);
        int topicId;
        string topicTitle;
        using (var db = App.CreateDbContext())
        {
            var topic = await db.Entries.SingleAsync(e => e.Slug == "weak-to-strong-generalization");
            (topicId, topicTitle) = (topic.Id, topic.Title);
        }
        var editor = App.Get<EntryEditor>();
        Assert.IsType<SaveResult.Saved>(await editor.CreateAsync(Mentor, EntryKind.Question,
            new EntryInput("Team question about it", "Why?", Visibility.Team, null, LinkedTopicIds: [topicId])));
        Assert.IsType<SaveResult.Saved>(await editor.CreateAsync(Mentor, EntryKind.Page,
            new EntryInput("Team notes", $"See [[{topicTitle}]].", Visibility.Team, null)));
        Assert.IsType<SaveResult.Saved>(await editor.CreateAsync(author, EntryKind.Page,
            new EntryInput("My draft", $"Also [[{topicTitle}]].", Visibility.Draft, null)));
        Assert.IsType<SaveResult.Saved>(await editor.CreateAsync(Mentor, EntryKind.Page,
            new EntryInput("Public notes", $"Read [[{topicTitle}]].", Visibility.Public, null)));

        Assert.Equal(["Public notes"], await ListedAsync(App.CreateClient()));
        Assert.Equal(["Team question about it", "Public notes", "Team notes"], await ListedAsync(await Members.SignInAsync(App, "rule-other@test.local")));
        Assert.Equal(["Team question about it", "My draft", "Public notes", "Team notes"], await ListedAsync(await Members.SignInAsync(App, "rule-author@test.local")));
        Assert.Equal(["Team question about it", "My draft", "Public notes", "Team notes"],
            await ListedAsync(await Members.SignInAsync(App, $"mentor-{nameof(TopicPageReadRuleTests)}@test.local".ToLowerInvariant())));
    }

    [Fact]
    public async Task QuestionPage_ListsTheRelatedTopicsEachReaderMayRead_AndNoOthers()
    {
        await Members.AddAsync(App, "rule-reader@test.local", Roles.Researcher, Members.Mars);
        int publicTopic;
        using (var db = App.CreateDbContext())
        {
            publicTopic = (await db.Entries.SingleAsync(e => e.Slug == "weak-to-strong-generalization")).Id;
        }
        var editor = App.Get<EntryEditor>();
        var teamTopic = Assert.IsType<SaveResult.Saved>(await editor.CreateAsync(Mentor, EntryKind.Topic,
            new EntryInput("A team topic", "Internal.", Visibility.Team, null))).EntryId;
        var question = Assert.IsType<SaveResult.Saved>(await editor.CreateAsync(Mentor, EntryKind.Question,
            new EntryInput("Which topics help?", "Both.", Visibility.Public, null, LinkedTopicIds: [publicTopic, teamTopic])));
        var path = "/questions/" + question.Slug;

        Assert.Equal(["Weak to Strong Generalization"], await RelatedAsync(App.CreateClient(), path));
        Assert.Equal(["A team topic", "Weak to Strong Generalization"], await RelatedAsync(await Members.SignInAsync(App, "rule-reader@test.local"), path));
    }

    private static async Task<List<string>> RelatedAsync(HttpClient client, string path)
    {
        using (client)
        {
            var page = new HtmlParser().ParseDocument(await client.GetStringAsync(path));
            return [.. page.QuerySelectorAll("#related-topics ~ ul a").Select(a => a.TextContent)];
        }
    }

    /// <summary>Of the entries the test added: the questions about the topic, then the entries linking to it, by title.</summary>
    private static async Task<List<string>> ListedAsync(HttpClient client)
    {
        using (client)
        {
            var page = new HtmlParser().ParseDocument(await client.GetStringAsync(TopicPath));
            var added = new[] { "Team question about it", "My draft", "Team notes", "Public notes" };
            return [.. page.QuerySelectorAll("#topic-questions ~ ul a, .backlinks a").Select(a => a.TextContent).Where(added.Contains)];
        }
    }
}
