using System.Net;
using AngleSharp.Html.Parser;
using Promisingness.Tests.Infrastructure;
using Promisingness.Tests.Review;
using Promisingness.Web.Features.Summaries.Review;

namespace Promisingness.Tests.Http;

/// <summary>Over HTTP: anonymous visitors see published summaries only, and never a review note.</summary>
public sealed class SummaryPagesTests(SummaryPagesTests.Fixture fixture) : IClassFixture<SummaryPagesTests.Fixture>
{
    private const string ApprovalNote = "SECRET-APPROVAL-NOTE";
    private const string ChangesNote = "SECRET-CHANGES-NOTE";
    private const string SubmittedNote = "SECRET-SUBMISSION-NOTE";

    public sealed class Fixture : SummaryTestBed
    {
        public string Published { get; private set; } = "";
        public string PublishedTitle { get; private set; } = "";
        public string InReview { get; private set; } = "";
        public string InReviewTitle { get; private set; } = "";
        public string EditedAfterPublishing { get; private set; } = "";
        public string OnTeamTopic { get; private set; } = "";
        public string ChangesRequested { get; private set; } = "";
        public string TeamTopic { get; private set; } = "";
        public Dictionary<string, HttpClient> Clients { get; } = [];

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var published = await CreateAsync(body: "The published text about faithfulness.");
            await DoneAsync("author", published.EntryId, ReviewCommand.Submit, SubmittedNote);
            await DoneAsync("mentor", published.EntryId, ReviewCommand.Approve, ApprovalNote);
            await DoneAsync("mentor", published.EntryId, ReviewCommand.Publish);
            (Published, PublishedTitle) = (published.Slug, (await EntryAsync(published.EntryId)).Title);

            var inReview = Assert.IsType<Web.Features.Entries.Saving.SaveResult.Saved>(await Editor.CreateAsync(Users["author"], Web.Data.EntryKind.WeeklySummary,
                SummaryInput(SeverinMemberId, null, body: "A team-only text.", week: "2026-W47")));
            await DoneAsync("author", inReview.EntryId, ReviewCommand.Submit);
            await DoneAsync("mentor", inReview.EntryId, ReviewCommand.RequestChanges, ChangesNote);
            await EditAsync(inReview, "author", "A team-only text, improved as asked.");
            await DoneAsync("author", inReview.EntryId, ReviewCommand.Submit);
            (InReview, InReviewTitle) = (inReview.Slug, (await EntryAsync(inReview.EntryId)).Title);

            var edited = Assert.IsType<Web.Features.Entries.Saving.SaveResult.Saved>(await Editor.CreateAsync(Users["author"], Web.Data.EntryKind.WeeklySummary,
                SummaryInput(SeverinMemberId, null, body: "Published, then changed.", week: "2026-W46")));
            await DoneAsync("author", edited.EntryId, ReviewCommand.Submit);
            await DoneAsync("mentor", edited.EntryId, ReviewCommand.Approve);
            await DoneAsync("mentor", edited.EntryId, ReviewCommand.Publish);
            await EditAsync(edited, "author", "UNREVIEWED-CHANGE", Web.Data.Visibility.Public);
            EditedAfterPublishing = edited.Slug;

            var teamTopic = Assert.IsType<Web.Features.Entries.Saving.SaveResult.Saved>(await Editor.CreateAsync(Users["mentor"], Web.Data.EntryKind.Topic,
                new Web.Features.Entries.Saving.EntryInput("An internal topic", "Team only.", Web.Data.Visibility.Team, null)));
            var onTeamTopic = Assert.IsType<Web.Features.Entries.Saving.SaveResult.Saved>(await Editor.CreateAsync(Users["author"], Web.Data.EntryKind.WeeklySummary,
                SummaryInput(SeverinMemberId, teamTopic.EntryId, body: "About a topic the public does not see.", title: "A summary of the week", week: "2026-W45")));
            await DoneAsync("author", onTeamTopic.EntryId, ReviewCommand.Submit);
            await DoneAsync("mentor", onTeamTopic.EntryId, ReviewCommand.Approve);
            await DoneAsync("mentor", onTeamTopic.EntryId, ReviewCommand.Publish);
            (OnTeamTopic, TeamTopic) = (onTeamTopic.Slug, teamTopic.Slug);

            var changesRequested = Assert.IsType<Web.Features.Entries.Saving.SaveResult.Saved>(await Editor.CreateAsync(Users["author"], Web.Data.EntryKind.WeeklySummary,
                SummaryInput(SeverinMemberId, null, body: "A first try.", week: "2026-W44")));
            await DoneAsync("author", changesRequested.EntryId, ReviewCommand.Submit);
            await DoneAsync("mentor", changesRequested.EntryId, ReviewCommand.RequestChanges, "Please name the two papers.");
            ChangesRequested = changesRequested.Slug;

            Clients["anonymous"] = Members.Client(App);
            Clients["author"] = await Members.SignInAsync(App, "severin@test.local");
            Clients["mars"] = await Members.SignInAsync(App, "mars@test.local");
            Clients["mentor"] = await Members.SignInAsync(App, "bogdan@test.local");
        }
    }

    [Fact]
    public async Task Author_OfASummaryWithChangesRequested_ReadsTheMentorsNoteAtTheTop_UntilSubmittingAgain()
    {
        var document = new HtmlParser().ParseDocument(await GetAsync("author", $"/summaries/{fixture.ChangesRequested}"));

        var request = document.QuerySelector("[data-testid=changes-requested]")!;
        Assert.Contains("asked for changes", request.TextContent);
        Assert.Equal("Please name the two papers.", request.QuerySelector(".review-request__note")!.TextContent);
        // Above the text, where the author looks first.
        Assert.True(request.CompareDocumentPosition(document.QuerySelector("[data-discussable]")!).HasFlag(AngleSharp.Dom.DocumentPositions.Following));
        var resubmitted = new HtmlParser().ParseDocument(await GetAsync("author", $"/summaries/{fixture.InReview}"));
        Assert.Null(resubmitted.QuerySelector("[data-testid=changes-requested]"));
    }

    [Fact]
    public async Task Anonymous_SummariesList_ShowsOnlyPublishedOnes_WithoutStates()
    {
        var html = await GetAsync("anonymous", "/summaries");

        Assert.Contains($"href=\"summaries/{fixture.Published}\"", html);
        Assert.Contains("Theoretical Chain of Thought — Severin Field", html);
        Assert.DoesNotContain(fixture.InReview, html);
        Assert.DoesNotContain(fixture.EditedAfterPublishing, html);
        Assert.DoesNotContain("data-testid=\"review-state\"", html);
        Assert.DoesNotContain("Write this week", html);
        AssertNoReviewNotes(html);
    }

    [Fact]
    public async Task Anonymous_PublishedSummary_ShowsItsText_ButNoReviewNotesOrSteps()
    {
        var html = await GetAsync("anonymous", $"/summaries/{fixture.Published}");

        var document = new HtmlParser().ParseDocument(html);
        Assert.Equal(fixture.PublishedTitle, document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("The published text about faithfulness.", html);
        Assert.Null(document.QuerySelector("#review-heading"));
        AssertNoReviewNotes(html);
        var history = await GetAsync("anonymous", $"/entries/{fixture.Published}/history");
        Assert.DoesNotContain("revision-review", history);
        AssertNoReviewNotes(history);
    }

    [Theory]
    [InlineData("in-review")]
    [InlineData("edited")]
    public async Task Anonymous_UnpublishedSummary_IsNotFound_AndItsHistoryNeither(string which)
    {
        var slug = which == "in-review" ? fixture.InReview : fixture.EditedAfterPublishing;

        foreach (var path in new[] { $"/summaries/{slug}", $"/entries/{slug}/history", $"/entries/{slug}/diff?from=1&to=2" })
        {
            using var response = await fixture.Clients["anonymous"].GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("UNREVIEWED-CHANGE", html);
            AssertNoReviewNotes(html);
        }
    }

    [Theory]
    [InlineData("/feed.atom")]
    [InlineData("/sitemap.xml")]
    public async Task Anonymous_FeedAndSitemap_HoldThePublishedSummaryOnly(string path)
    {
        using var response = await fixture.Clients["anonymous"].GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(fixture.Published, text);
        Assert.DoesNotContain(fixture.InReview, text);
        Assert.DoesNotContain(fixture.EditedAfterPublishing, text);
        Assert.DoesNotContain("UNREVIEWED-CHANGE", text);
        AssertNoReviewNotes(text);
    }

    [Fact]
    public async Task Anonymous_TopicPage_ListsItsPublishedSummariesOnly()
    {
        var html = await GetAsync("anonymous", "/topics/theoretical-chain-of-thought");

        Assert.Contains("Weekly summaries on this topic", html);
        Assert.Contains(fixture.PublishedTitle, html);
        AssertNoReviewNotes(html);
    }

    [Fact]
    public async Task Anonymous_ReviewAndWeekPages_AskToSignIn()
    {
        foreach (var path in new[] { "/review", "/summaries/week/2026-W48", $"/review/{fixture.InReview}" })
        {
            using var response = await fixture.Clients["anonymous"].GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("Account/Login", response.Headers.Location!.ToString());
        }
    }

    [Fact]
    public async Task PublishedSummary_LinksItsTopic_OnlyForReadersWhoMayReadTheTopic()
    {
        Assert.Equal(["topics/theoretical-chain-of-thought"], await TopicLinksAsync("anonymous", fixture.Published));
        Assert.Empty(await TopicLinksAsync("anonymous", fixture.OnTeamTopic));
        Assert.Equal([$"topics/{fixture.TeamTopic}"], await TopicLinksAsync("mars", fixture.OnTeamTopic));
    }

    private async Task<List<string?>> TopicLinksAsync(string client, string summarySlug)
    {
        var page = new HtmlParser().ParseDocument(await GetAsync(client, $"/summaries/{summarySlug}"));
        return [.. page.QuerySelectorAll(".summary-meta a[href^='topics/']").Select(a => a.GetAttribute("href"))];
    }

    [Fact]
    public async Task Member_SeesTeamSummaries_WithTheirStateAndReviewNotes()
    {
        var list = await GetAsync("mars", "/summaries");
        var page = await GetAsync("mars", $"/summaries/{fixture.InReview}");

        Assert.Contains($"href=\"summaries/{fixture.InReview}\"", list);
        Assert.Contains("data-testid=\"review-state\"", list);
        Assert.Contains(ChangesNote, page);
        Assert.Contains("Submitted", page);
    }

    [Fact]
    public async Task Member_SeesTheApprovalOnTheRevisionItWasGivenTo()
    {
        var page = await GetAsync("author", $"/summaries/{fixture.EditedAfterPublishing}");

        var status = new HtmlParser().ParseDocument(page).QuerySelector("[data-testid=review-status]")!.TextContent;
        Assert.Contains("Needs re-review", status);
        Assert.Contains("Revision 1 approved by bogdan", status);
        Assert.Contains("Edited after approval", page);
        var history = new HtmlParser().ParseDocument(await GetAsync("author", $"/entries/{fixture.EditedAfterPublishing}/history"));
        var revisions = history.QuerySelectorAll("ol.revisions > li").ToDictionary(li => li.QuerySelector("strong")!.TextContent.Trim(), li => li.TextContent);
        Assert.Contains("Approved", revisions["Revision 1"]);
        Assert.Contains("Published", revisions["Revision 2"]);
        Assert.Contains("Edited after approval", revisions["Revision 3"]);
    }

    [Fact]
    public async Task Review_IsForTheMentor_AResearcherIsTurnedAway()
    {
        using var researcher = await fixture.Clients["mars"].GetAsync("/review");
        var mentor = await GetAsync("mentor", "/review");
        var item = await GetAsync("mentor", $"/review/{fixture.InReview}");

        Assert.Equal(HttpStatusCode.Forbidden, researcher.StatusCode);
        Assert.DoesNotContain(fixture.InReviewTitle, Readable(await researcher.Content.ReadAsStringAsync()));
        Assert.Contains(fixture.InReviewTitle, mentor);
        Assert.Contains("Threads you opened or were mentioned in that are still unresolved", mentor);
        Assert.Contains("Changes since revision 1, the previous submission", item);
        Assert.Contains("improved as asked", item);
    }

    [Fact]
    public async Task Week_ListsEveryoneAndWhereTheyStand()
    {
        var html = await GetAsync("mars", "/summaries/week/2026-W48");
        using var bad = await fixture.Clients["mars"].GetAsync("/summaries/week/not-a-week");

        Assert.Contains("Severin Field", html);
        Assert.Contains("has not written yet", html);
        Assert.Equal(HttpStatusCode.NotFound, bad.StatusCode);
    }

    /// <summary>The page's text as a reader sees it (entities decoded), then its markup.</summary>
    private async Task<string> GetAsync(string client, string path)
    {
        using var response = await fixture.Clients[client].GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Readable(await response.Content.ReadAsStringAsync());
    }

    private static string Readable(string html) => new HtmlParser().ParseDocument(html).Body!.TextContent + "\n" + html;

    private static void AssertNoReviewNotes(string html)
    {
        Assert.DoesNotContain(ApprovalNote, html);
        Assert.DoesNotContain(ChangesNote, html);
        Assert.DoesNotContain(SubmittedNote, html);
    }
}
