using System.Xml.Linq;
using AngleSharp.Html.Parser;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Features.Recent;
using Promisingness.Web.Features.Suggestions;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Recent;

public sealed class RecentChangesTests : MentorAppTest
{
    [Fact]
    public async Task Anonymous_SeesOnlyPublicRevisionsOfPublicEntries_InThePageAndTheFeed()
    {
        var editor = App.Get<EntryEditor>();
        await editor.CreateAsync(Mentor, EntryKind.Page, new EntryInput("Team secrets", "hidden text", Visibility.Team, null, "secret note"));
        var open = Assert.IsType<SaveResult.Saved>(await editor.CreateAsync(Mentor, EntryKind.Page, new EntryInput("Open page", "first", Visibility.Team, null, "written for the team")));
        await editor.SaveAsync(Mentor, open.EntryId, 1, new EntryInput("Open page", "second", Visibility.Public, null, "published now"));
        var client = App.CreateClient();

        var page = await client.GetStringAsync("/recent");
        var feed = XDocument.Parse(await client.GetStringAsync("/feed.atom"));

        Assert.DoesNotContain("Team secrets", page);
        Assert.DoesNotContain("written for the team", page);
        Assert.Contains("published now", page);
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var titles = feed.Root!.Elements(atom + "entry").Select(e => e.Element(atom + "title")!.Value).ToList();
        Assert.Contains("Open page (revision 2)", titles);
        Assert.DoesNotContain(titles, t => t.StartsWith("Team secrets", StringComparison.Ordinal) || t == "Open page (revision 1)");
        Assert.DoesNotContain("secret note", feed.ToString());
    }

    [Fact]
    public async Task Members_SeeOpenSuggestedEdits_AboveTheChanges_AndAnonymousVisitorsDoNot()
    {
        var alice = await Members.AddAsync(App, "alice@test.local", Roles.Researcher, Members.Aisc);
        var page = Assert.IsType<SaveResult.Saved>(await App.Get<EntryEditor>().CreateAsync(Mentor, EntryKind.Page, new EntryInput("Shared notes", "first text", Visibility.Public, null)));
        var mentor = await Members.SignInAsync(App, $"mentor-{nameof(RecentChangesTests)}@test.local".ToLowerInvariant());
        var before = await mentor.GetStringAsync("/recent");

        Assert.IsType<SuggestionResult.Done>(await App.Get<SuggestedEdits>().CreateAsync(alice, page.EntryId, 1,
            new EntryInput("Shared notes", "better text", Visibility.Public, null, "clearer wording")));
        var after = new HtmlParser().ParseDocument(await mentor.GetStringAsync("/recent")).QuerySelector("[data-testid=open-suggestions]")!;
        var anonymous = await App.CreateClient().GetStringAsync("/recent");

        Assert.Contains("No suggested edit waits for a decision.", before);
        Assert.Contains("Shared notes", after.TextContent);
        Assert.Contains("suggested by alice", after.TextContent);
        Assert.Contains("clearer wording", after.TextContent);
        Assert.EndsWith($"pages/{page.Slug}#suggestion-1", after.QuerySelector("a")!.GetAttribute("href"));
        Assert.DoesNotContain("open-suggestions", anonymous);
        Assert.DoesNotContain("clearer wording", anonymous);
    }

    [Fact]
    public async Task Feed_ShowsMathInAnExcerptAsItsTeX()
    {
        var editor = App.Get<EntryEditor>();
        var page = Assert.IsType<SaveResult.Saved>(await editor.CreateAsync(Mentor, EntryKind.Page, new EntryInput("Scaling law", "Soon.", Visibility.Public, null)));
        // Without an edit note, the feed shows the start of the text.
        await editor.SaveAsync(Mentor, page.EntryId, 1,
            new EntryInput("Scaling law", "The loss falls as $L = A / N^{\\alpha}$ with size, for $N < 10^9$:\n\n$$\nC \\approx 6ND\n$$", Visibility.Public, null, ""));

        var feed = XDocument.Parse(await App.CreateClient().GetStringAsync("/feed.atom"));

        XNamespace atom = "http://www.w3.org/2005/Atom";
        var entry = feed.Root!.Elements(atom + "entry").Single(e => e.Element(atom + "title")!.Value == "Scaling law (revision 2)");
        Assert.Equal("The loss falls as $L = A / N^{\\alpha}$ with size, for $N < 10^9$: $$C \\approx 6ND$$", entry.Element(atom + "summary")!.Value);
    }

    [Fact]
    public async Task Filters_ByProgramPersonAndKind_AndPagesAreCapped()
    {
        var alice = await Members.AddAsync(App, "alice@test.local", Roles.Researcher, Members.Aisc);
        var editor = App.Get<EntryEditor>();
        await editor.CreateAsync(alice, EntryKind.Question, new EntryInput("Alice asks", "?", Visibility.Team, Members.Aisc));
        await editor.CreateAsync(Mentor, EntryKind.Page, new EntryInput("Mentor writes", "!", Visibility.Team, null));
        var recent = App.Get<RecentChanges>();
        var mentor = await App.Get<WikiUsers>().LoadAsync(Mentor);

        Assert.Equal(["Alice asks"], (await recent.ListAsync(mentor, new RecentFilter(ProgramId: Members.Aisc))).Changes.Select(c => c.EntryTitle));
        Assert.Equal(["Alice asks"], (await recent.ListAsync(mentor, new RecentFilter(Person: "alice"))).Changes.Select(c => c.EntryTitle));
        Assert.Contains("Mentor writes", (await recent.ListAsync(mentor, new RecentFilter(Kind: EntryKind.Page))).Changes.Select(c => c.EntryTitle));
        Assert.DoesNotContain("Alice asks", (await recent.ListAsync(mentor, new RecentFilter(Kind: EntryKind.Page))).Changes.Select(c => c.EntryTitle));
        Assert.Empty((await recent.ListAsync(mentor, new RecentFilter(Page: int.MaxValue))).Changes);
    }

    [Fact]
    public async Task RecentPage_LinksEachEditToItsDiff()
    {
        var page = new HtmlParser().ParseDocument(await App.CreateClient().GetStringAsync("/recent?kind=Topic"));

        Assert.NotEmpty(page.QuerySelectorAll("[data-testid=recent] li"));
        Assert.All(page.QuerySelectorAll("[data-testid=recent] li > a:first-child"), a => Assert.StartsWith("topics/", a.GetAttribute("href")));
    }
}
