using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Features.Entries.Saving;

namespace Promisingness.Tests.Editing;

public sealed class TagsAndLinkedTopicsTests : MentorAppTest
{
    [Theory]
    [InlineData("Scalable Oversight, W2S", new[] { "scalable-oversight", "w2s" })]
    [InlineData("a, A ,  a;b", new[] { "a", "b" })]
    [InlineData(" , !!!, ", new string[0])]
    public void Parse_WritesEachTagOneWay(string text, string[] expected) => Assert.Equal(expected, TagRules.Parse(text));

    [Fact]
    public void Parse_KeepsEveryTagAndEveryLetter_SoTheLimitsCanRefuseThem()
    {
        var many = TagRules.Parse(string.Join(", ", Enumerable.Range(1, 2000).Select(i => $"tag{i}")));
        Assert.Equal(2000, many.Count);
        Assert.Equal(new string('a', 60), Assert.Single(TagRules.Parse(new string('a', 60))));
    }

    [Theory]
    [InlineData(21, 10, "An entry can have at most 20 tags; these are 21. Remove 1.")]
    [InlineData(2000, 10, "An entry can have at most 20 tags; these are 2000. Remove 1980.")]
    [InlineData(1, 41, "A tag can have at most 40 characters; “aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1” has 41.")]
    public async Task Save_TooManyOrTooLongTags_IsRefusedBesideTheTagsField_AndNothingIsSaved(int count, int length, string message)
    {
        var tags = TagRules.Parse(string.Join(", ", Enumerable.Range(1, count).Select(i => new string('a', length - i.ToString(System.Globalization.CultureInfo.InvariantCulture).Length) + i)));
        using var db = App.CreateDbContext();
        var goal = await db.Entries.SingleAsync(e => e.Slug == "goal");

        var result = await App.Get<EntryEditor>().SaveAsync(Mentor, goal.Id, 1, new EntryInput(goal.Title, goal.BodyMarkdown + " more", Visibility.Public, null, "tagged", Tags: tags));

        Assert.Equal(message, Assert.IsType<SaveResult.Invalid>(result).Errors[nameof(EntryInput.Tags)]);
        using var check = App.CreateDbContext();
        Assert.False(await check.EntryTags.AnyAsync(t => t.Entry!.Slug == "goal"));
        Assert.Equal(1, await check.Revisions.CountAsync(r => r.Entry!.Slug == "goal"));
    }

    [Fact]
    public async Task Save_TwentyTagsOfFortyCharacters_IsSavedWhole()
    {
        var tags = TagRules.Parse(string.Join(", ", Enumerable.Range(10, 20).Select(i => new string('b', 38) + i)));
        using var db = App.CreateDbContext();
        var goal = await db.Entries.SingleAsync(e => e.Slug == "goal");

        Assert.IsType<SaveResult.Saved>(await App.Get<EntryEditor>().SaveAsync(Mentor, goal.Id, 1, new EntryInput(goal.Title, goal.BodyMarkdown, Visibility.Public, null, "tagged", Tags: tags)));

        using var check = App.CreateDbContext();
        Assert.Equal(20, await check.EntryTags.CountAsync(t => t.Entry!.Slug == "goal" && t.Name.Length == 40));
    }

    [Fact]
    public async Task Save_Tags_ShowOnTheEntryAndOnTheTagPageAndAreInTheRevision()
    {
        using (var db = App.CreateDbContext())
        {
            var goal = await db.Entries.SingleAsync(e => e.Slug == "goal");
            await App.Get<EntryEditor>().SaveAsync(Mentor, goal.Id, 1, new EntryInput(goal.Title, goal.BodyMarkdown, Visibility.Public, null, "tagged", Tags: ["strategy", "superalignment"]));
        }

        var page = new HtmlParser().ParseDocument(await App.CreateClient().GetStringAsync("/pages/goal"));
        Assert.Equal(["#strategy", "#superalignment"], page.QuerySelectorAll("ul.tags a").Select(a => a.TextContent));
        var all = new HtmlParser().ParseDocument(await App.CreateClient().GetStringAsync("/tags"));
        Assert.Contains(all.QuerySelectorAll("a"), a => a.TextContent.Contains("strategy", StringComparison.Ordinal));
        var tag = new HtmlParser().ParseDocument(await App.CreateClient().GetStringAsync("/tags/strategy"));
        Assert.Contains(tag.QuerySelectorAll("ul.tagged a"), a => a.TextContent == "Goal");
        using var check = App.CreateDbContext();
        Assert.Contains("superalignment", (await check.Revisions.SingleAsync(r => r.Entry!.Slug == "goal" && r.Number == 2)).FieldsJson);
        using var missing = await App.CreateClient().GetAsync("/tags/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task TagPage_HidesEntriesTheReaderMayNotSee()
    {
        var editor = App.Get<EntryEditor>();
        await editor.CreateAsync(Mentor, EntryKind.Page, new EntryInput("Internal notes", "x", Visibility.Team, null, "", Tags: ["internal"]));

        using var anonymous = await App.CreateClient().GetAsync("/tags/internal");

        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
        Assert.DoesNotContain("Internal notes", await anonymous.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Save_QuestionLinkedToATopic_ShowsOnBothPages()
    {
        using (var db = App.CreateDbContext())
        {
            var question = await db.Entries.Where(e => e.Kind == EntryKind.Question).OrderBy(e => e.Position).FirstAsync();
            var topic = await db.Entries.SingleAsync(e => e.Slug == "weak-to-strong-generalization");
            var result = await App.Get<EntryEditor>().SaveAsync(Mentor, question.Id, 1,
                new EntryInput(question.Title, question.BodyMarkdown, Visibility.Public, null, "linked", LinkedTopicIds: [topic.Id, question.Id]));
            Assert.IsType<SaveResult.Saved>(result);
        }

        var questionPage = await App.CreateClient().GetStringAsync("/questions/how-safe-can-human-level-automated-alignment-researchers-be-made");
        var topicPage = new HtmlParser().ParseDocument(await App.CreateClient().GetStringAsync("/topics/weak-to-strong-generalization"));
        Assert.Contains("topics/weak-to-strong-generalization", questionPage);
        Assert.Contains(topicPage.QuerySelectorAll("#topic-questions ~ ul a"), a => a.TextContent.StartsWith("How safe can", StringComparison.Ordinal));
        using var db2 = App.CreateDbContext();
        Assert.Equal(1, await db2.QuestionTopics.CountAsync());
    }
}
