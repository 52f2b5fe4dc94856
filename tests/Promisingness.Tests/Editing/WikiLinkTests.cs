using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Markdown;

namespace Promisingness.Tests.Editing;

public sealed class WikiLinkTests : MentorAppTest
{
    [Fact]
    public void ToSafeHtml_WikiLinks_ResolveByTitleOrSlugAndKeepTheirLabel()
    {
        var renderer = new MarkdownRenderer();
        WikiLinkTarget? Resolve(string target) => Slugs.From(target) == "background" ? new WikiLinkTarget("pages/background") : null;

        var document = new HtmlParser().ParseDocument(renderer.ToSafeHtml("See [[Background]], [[background|the background]] and [[Nowhere yet]].", Resolve));

        var links = document.QuerySelectorAll("a.wikilink");
        Assert.Equal(["Background", "the background"], links.Select(a => a.TextContent));
        Assert.All(links, a => Assert.Equal("pages/background", a.GetAttribute("href")));
        Assert.All(links, a => Assert.Null(a.GetAttribute("title")));
        var missing = Assert.Single(document.QuerySelectorAll("span.wikilink-missing"));
        Assert.Equal(("Nowhere yet", "Nowhere yet"), (missing.TextContent, missing.GetAttribute("title")));
    }

    [Fact]
    public void OfferToCreate_LinkToAnEntryNotWrittenYet_BecomesALinkToWriteItWhateverItsNameHolds()
    {
        const string target = "Open \"problems\" <script>alert(1)</script> & more";
        var html = new MarkdownRenderer().ToSafeHtml($"Next: [[{target}|the <b>list</b>]].", _ => null);

        var document = new HtmlParser().ParseDocument(WikiLinkCreation.OfferToCreate(html));

        var link = Assert.Single(document.Body!.QuerySelectorAll("*"), e => e.LocalName != "p");
        Assert.Equal("a", link.LocalName);
        Assert.Equal(["class", "href", "title"], link.Attributes.Select(a => a.Name).Order());
        Assert.Equal(("wikilink-missing", "new/page?title=" + Uri.EscapeDataString(target), $"Create “{target}”", "the <b>list</b>"),
            (link.ClassName, link.GetAttribute("href"), link.GetAttribute("title"), link.TextContent));
    }

    [Fact]
    public async Task Page_LinkToAnEntryNotWrittenYet_OffersMembersToWriteItAndShowsVisitorsItsText()
    {
        await App.Get<EntryEditor>().CreateAsync(Mentor, EntryKind.Page, new EntryInput("Plans", "Next: [[Open problems]].", Visibility.Public, null));

        using var member = await Members.SignInAsync(App, $"mentor-{nameof(WikiLinkTests)}@test.local".ToLowerInvariant());
        var asMember = new HtmlParser().ParseDocument(await member.GetStringAsync("/pages/plans"));
        var anonymous = new HtmlParser().ParseDocument(await App.CreateClient().GetStringAsync("/pages/plans"));

        Assert.Equal("new/page?title=Open%20problems", asMember.QuerySelector("main a.wikilink-missing")?.GetAttribute("href"));
        Assert.Null(anonymous.QuerySelector("main a.wikilink-missing"));
        Assert.Equal("Open problems", anonymous.QuerySelector("main span.wikilink-missing")?.TextContent);
    }

    [Fact]
    public async Task Save_LinkToAnExistingEntry_LinksItAndShowsAsABacklinkThere()
    {
        var result = await App.Get<EntryEditor>().CreateAsync(Mentor, EntryKind.Page, new EntryInput("Reading list", "Start with [[Goal]].", Visibility.Public, null));
        Assert.IsType<SaveResult.Saved>(result);

        var page = new HtmlParser().ParseDocument(await App.CreateClient().GetStringAsync("/pages/reading-list"));
        Assert.Equal("pages/goal", page.QuerySelector("main a.wikilink")?.GetAttribute("href"));
        var goal = new HtmlParser().ParseDocument(await App.CreateClient().GetStringAsync("/pages/goal"));
        Assert.Contains(goal.QuerySelectorAll(".backlinks a"), a => a.TextContent == "Reading list");
    }

    [Fact]
    public async Task Create_EntryALinkWaitedFor_MakesTheWaitingLinkWork()
    {
        var editor = App.Get<EntryEditor>();
        await editor.CreateAsync(Mentor, EntryKind.Page, new EntryInput("Plans", "Next: [[Open problems]].", Visibility.Public, null));
        var before = new HtmlParser().ParseDocument(await App.CreateClient().GetStringAsync("/pages/plans"));
        Assert.NotNull(before.QuerySelector("main span.wikilink-missing"));
        Assert.Null(before.QuerySelector("main a.wikilink-missing"));

        await editor.CreateAsync(Mentor, EntryKind.Page, new EntryInput("Open problems", "A list.", Visibility.Public, null));

        var after = new HtmlParser().ParseDocument(await App.CreateClient().GetStringAsync("/pages/plans"));
        Assert.Equal("pages/open-problems", after.QuerySelector("main a.wikilink")?.GetAttribute("href"));
    }

    [Fact]
    public async Task Rename_KeepsOldLinksWorkingThroughTheRedirect()
    {
        var editor = App.Get<EntryEditor>();
        await editor.CreateAsync(Mentor, EntryKind.Page, new EntryInput("Notes", "About [[Goal]].", Visibility.Public, null));
        using (var db = App.CreateDbContext())
        {
            var goal = await db.Entries.SingleAsync(e => e.Slug == "goal");
            await editor.SaveAsync(Mentor, goal.Id, goal.RevisionNumber, new EntryInput("Our goal", goal.BodyMarkdown, Visibility.Public, null));
        }

        using var client = App.CreateClient(new() { AllowAutoRedirect = false });
        var notes = new HtmlParser().ParseDocument(await client.GetStringAsync("/pages/notes"));
        var href = notes.QuerySelector("main a.wikilink")!.GetAttribute("href")!;
        using var followed = await client.GetAsync("/" + href);
        Assert.True(followed.StatusCode is HttpStatusCode.OK or HttpStatusCode.MovedPermanently, $"{href} answered {(int)followed.StatusCode}");
        var ourGoal = new HtmlParser().ParseDocument(await client.GetStringAsync("/pages/our-goal"));
        Assert.Contains(ourGoal.QuerySelectorAll(".backlinks a"), a => a.TextContent == "Notes");
    }
}
