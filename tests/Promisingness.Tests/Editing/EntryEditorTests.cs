using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Editing;

public class EntryEditorTests : IAsyncLifetime
{
    private readonly WikiApp app;

    // A subclass marked [OnPostgres] overrides Provider; it answers a constant, so calling it here is safe.
#pragma warning disable CA2214
    public EntryEditorTests() => app = WikiApp.On(Provider);
#pragma warning restore CA2214

    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;
    private string aisc = "";
    private string mars = "";
    private string mentor = "";

    public async Task InitializeAsync()
    {
        aisc = await Members.AddAsync(app, "edit-aisc@test.local", Roles.Researcher, Members.Aisc);
        mars = await Members.AddAsync(app, "edit-mars@test.local", Roles.Researcher, Members.Mars);
        mentor = await Members.AddAsync(app, "edit-mentor@test.local", Roles.Mentor);
    }

    public Task DisposeAsync()
    {
        app.Dispose();
        return Task.CompletedTask;
    }

    private EntryEditor Editor => app.Get<EntryEditor>();

    private EntryDrafts Drafts => app.Get<EntryDrafts>();

    private async Task<Entry> EntryAsync(string slug)
    {
        using var db = app.CreateDbContext();
        return await db.Entries.Include(e => e.Revisions).SingleAsync(e => e.Slug == slug);
    }

    private static EntryInput Input(Entry entry, string? body = null, string? title = null, Visibility? visibility = null) =>
        new(title ?? entry.Title, body ?? entry.BodyMarkdown, visibility ?? entry.Visibility, entry.ProgramId, "test edit");

    [DatabaseTheory]
    [InlineData("Team then publi\u0441")]
    [InlineData("\uFF34\uFF45\uFF41\uFF4D then public")]
    [InlineData("\u0422e\u0430m then \u03C1ublic")]
    [InlineData("Team then pub\u00ADlic")]
    public async Task Create_TitleThatLooksLikeAnotherEntrys_IsRefusedNamingIt(string lookAlike)
    {
        Assert.IsType<SaveResult.Saved>(await Editor.CreateAsync(aisc, EntryKind.Page, new EntryInput("Team then public", "Ours.", Visibility.Team, Members.Aisc)));

        var result = await Editor.CreateAsync(mars, EntryKind.Page, new EntryInput(lookAlike, "Theirs.", Visibility.Team, Members.Mars));

        Assert.Contains("“Team then public”", Assert.IsType<SaveResult.Invalid>(result).Errors[nameof(EntryInput.Title)]);
        using var db = app.CreateDbContext();
        Assert.Equal(1, await db.Entries.CountAsync(e => e.Slug.StartsWith("team-then-public")));
    }

    [DatabaseFact]
    public async Task Save_AppendsARevisionAndNeverChangesOldOnes()
    {
        var goal = await EntryAsync("goal");
        var first = goal.Revisions.Single();

        var result = await Editor.SaveAsync(aisc, goal.Id, 1, Input(goal, body: goal.BodyMarkdown + "\n\nA new paragraph."));

        var saved = Assert.IsType<SaveResult.Saved>(result);
        Assert.Equal(2, saved.RevisionNumber);
        var after = await EntryAsync("goal");
        Assert.Equal([1, 2], after.Revisions.Select(r => r.Number).Order());
        var unchanged = after.Revisions.Single(r => r.Number == 1);
        Assert.Equal((first.BodyMarkdown, first.BodyHtml, first.Title), (unchanged.BodyMarkdown, unchanged.BodyHtml, unchanged.Title));
        Assert.Contains("A new paragraph.", after.BodyHtml);
        Assert.Equal("edit-aisc", after.Revisions.Single(r => r.Number == 2).AuthorName);
    }

    [DatabaseFact]
    public async Task Save_FromAStaleRevision_IsAConflictThatKeepsTheTextAsADraft()
    {
        var goal = await EntryAsync("goal");
        await Editor.SaveAsync(mentor, goal.Id, 1, Input(goal, body: "Mentor's version."));

        var result = await Editor.SaveAsync(aisc, goal.Id, 1, Input(goal, body: "Researcher's version."));

        var conflict = Assert.IsType<SaveResult.Conflict>(result);
        Assert.Equal((2, "Mentor's version.", "edit-mentor"), (conflict.TheirRevisionNumber, conflict.TheirBody, conflict.TheirAuthor));
        Assert.Equal("Researcher's version.", (await Drafts.DraftAsync(aisc, goal.Id))!.Body);
        Assert.Equal(2, (await EntryAsync("goal")).RevisionNumber);
    }

    [DatabaseFact]
    public async Task Save_ConflictingEditsToDifferentParts_OffersTheMergedText()
    {
        var goal = await EntryAsync("goal");
        var original = "First paragraph.\n\nMiddle paragraph.\n\nLast paragraph.";
        await Editor.SaveAsync(mentor, goal.Id, 1, Input(goal, body: original));
        await Editor.SaveAsync(mentor, goal.Id, 2, Input(goal, body: original.Replace("Last paragraph.", "Last paragraph, by the mentor.")));

        var result = await Editor.SaveAsync(aisc, goal.Id, 2, Input(goal, body: original.Replace("First paragraph.", "First paragraph, by the researcher.")));

        var conflict = Assert.IsType<SaveResult.Conflict>(result);
        Assert.Equal("First paragraph, by the researcher.\n\nMiddle paragraph.\n\nLast paragraph, by the mentor.", conflict.MergedBody);
    }

    [DatabaseFact]
    public async Task Save_TwentyAtOnceFromTheSameRevision_OneWinsAndNineteenTextsAreKept()
    {
        var goal = await EntryAsync("goal");
        var editors = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            editors.Add(await Members.AddAsync(app, $"crowd{i}@test.local", Roles.Researcher, Members.Aisc));
        }

        var results = await Task.WhenAll(editors.Select((user, i) => Task.Run(() => Editor.SaveAsync(user, goal.Id, 1, Input(goal, body: $"Version {i}.")))));

        Assert.Single(results.OfType<SaveResult.Saved>());
        Assert.Equal(19, results.OfType<SaveResult.Conflict>().Count());
        var after = await EntryAsync("goal");
        Assert.Equal(2, after.Revisions.Count);
        var winner = editors[Array.FindIndex(results, r => r is SaveResult.Saved)];
        foreach (var (user, i) in editors.Select((u, i) => (u, i)).Where(x => x.u != winner))
        {
            Assert.Equal($"Version {i}.", (await Drafts.DraftAsync(user, goal.Id))!.Body);
        }
    }

    [DatabaseFact]
    public async Task RefusedAndInvalidSaves_GiveTheirTurnBack()
    {
        var goal = await EntryAsync("goal");
        for (var i = 0; i < 10; i++)
        {
            Assert.IsType<SaveResult.Refused>(await Editor.SaveAsync("not-a-member", goal.Id, 1, Input(goal, body: "Signed out")));
            Assert.IsType<SaveResult.Invalid>(await Editor.SaveAsync(aisc, goal.Id, 1, Input(goal, title: new string('x', 10_000))));
        }

        var saved = await Editor.SaveAsync(aisc, goal.Id, 1, Input(goal, body: "Saved after them.")).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.IsType<SaveResult.Saved>(saved);
    }

    [DatabaseFact]
    public async Task Restore_AppendsTheOldTextAsANewRevision()
    {
        var goal = await EntryAsync("goal");
        await Editor.SaveAsync(aisc, goal.Id, 1, Input(goal, body: "Rewritten."));

        var result = await Editor.RestoreAsync(aisc, goal.Id, 1);

        Assert.Equal(3, Assert.IsType<SaveResult.Saved>(result).RevisionNumber);
        var after = await EntryAsync("goal");
        Assert.Equal(goal.BodyMarkdown, after.BodyMarkdown);
        Assert.Equal("Restored revision 1", after.Revisions.Single(r => r.Number == 3).EditNote);
        Assert.Equal("Rewritten.", after.Revisions.Single(r => r.Number == 2).BodyMarkdown);
    }

    [DatabaseFact]
    public async Task Save_Rename_LeavesTheOldSlugAsARedirect()
    {
        var goal = await EntryAsync("goal");

        var saved = Assert.IsType<SaveResult.Saved>(await Editor.SaveAsync(aisc, goal.Id, 1, Input(goal, title: "Our goal")));

        Assert.Equal("our-goal", saved.Slug);
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        using var response = await client.GetAsync("/pages/goal");
        Assert.Equal(System.Net.HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.EndsWith("/pages/our-goal", response.Headers.Location!.ToString());
    }

    [DatabaseFact]
    public async Task Save_RenamedBack_TakesItsOldSlugAgain()
    {
        var goal = await EntryAsync("goal");
        Assert.IsType<SaveResult.Saved>(await Editor.SaveAsync(aisc, goal.Id, 1, Input(goal, title: "Our goal")));

        var back = Assert.IsType<SaveResult.Saved>(await Editor.SaveAsync(aisc, goal.Id, 2, Input(goal, title: "Goal")));

        Assert.Equal("goal", back.Slug);
        using var db = app.CreateDbContext();
        Assert.Equal(["our-goal"], await db.SlugRedirects.Where(r => r.EntryId == goal.Id).Select(r => r.Slug).ToListAsync());
    }

    [DatabaseFact]
    public async Task Create_TitleWhoseSlugIsARedirect_TakesTheFirstFreeNumberedSlug_PastManyTaken()
    {
        var goal = await EntryAsync("goal");
        Assert.IsType<SaveResult.Saved>(await Editor.SaveAsync(aisc, goal.Id, 1, Input(goal, title: "Our goal")));
        // More numbered slugs taken than the editor reads at once (20): it reads on until one is free.
        for (var n = 2; n <= 21; n++)
        {
            Assert.IsType<SaveResult.Saved>(await Editor.CreateAsync(aisc, EntryKind.Page, new EntryInput($"Goal {n}", "Taken.", Visibility.Team, null)));
        }

        var created = Assert.IsType<SaveResult.Saved>(await Editor.CreateAsync(aisc, EntryKind.Page, new EntryInput("Goal", "A new one.", Visibility.Team, null)));

        Assert.Equal("goal-22", created.Slug);
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        using var response = await client.GetAsync("/pages/goal");
        Assert.Equal(System.Net.HttpStatusCode.MovedPermanently, response.StatusCode); // The old address still leads to the renamed entry.
    }

    [DatabaseTheory]
    [InlineData("", "Title")]
    [InlineData("    ", "Title")]
    public async Task Save_EmptyTitle_IsRefusedBesideTheField(string title, string field)
    {
        var goal = await EntryAsync("goal");

        var invalid = Assert.IsType<SaveResult.Invalid>(await Editor.SaveAsync(aisc, goal.Id, 1, Input(goal, title: title)));

        Assert.True(invalid.Errors.ContainsKey(field));
        Assert.Equal(1, (await EntryAsync("goal")).RevisionNumber);
    }

    [DatabaseFact]
    public async Task Save_TooLongTitleOrBody_IsRefusedAndNothingSaved()
    {
        var goal = await EntryAsync("goal");

        var title = Assert.IsType<SaveResult.Invalid>(await Editor.SaveAsync(aisc, goal.Id, 1, Input(goal, title: new string('t', 201))));
        var body = Assert.IsType<SaveResult.Invalid>(await Editor.SaveAsync(aisc, goal.Id, 1, Input(goal, body: new string('b', EntryRules.MaxBodyBytes + 1))));

        Assert.Contains("200", title.Errors["Title"]);
        Assert.Contains("1 MB", body.Errors["Body"]);
        Assert.Equal(1, (await EntryAsync("goal")).RevisionNumber);
    }

    [DatabaseFact]
    public async Task Save_OneMegabyteBody_IsStoredIntact()
    {
        var goal = await EntryAsync("goal");
        var text = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"Line {i} of a long review.\n"));
        text = text[..Math.Min(text.Length, EntryRules.MaxBodyBytes - 10)];

        Assert.IsType<SaveResult.Saved>(await Editor.SaveAsync(aisc, goal.Id, 1, Input(goal, body: text)));

        Assert.Equal(text, (await EntryAsync("goal")).BodyMarkdown);
    }

    [DatabaseFact]
    public async Task Save_ResearcherMakingAnEntryPublic_IsRefused()
    {
        var goal = await EntryAsync("goal");
        using (var db = app.CreateDbContext())
        {
            await db.Entries.Where(e => e.Id == goal.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Visibility, Visibility.Team));
        }
        goal = await EntryAsync("goal");

        var refused = await Editor.SaveAsync(aisc, goal.Id, 1, Input(goal, visibility: Visibility.Public));
        var allowed = await Editor.SaveAsync(mentor, goal.Id, 1, Input(goal, visibility: Visibility.Public));

        Assert.IsType<SaveResult.Refused>(refused);
        Assert.IsType<SaveResult.Saved>(allowed);
    }

    [DatabaseFact]
    public async Task Save_ResearcherOfAnotherProgram_IsRefusedOnAProgramsEntry()
    {
        var goal = await EntryAsync("goal");
        using (var db = app.CreateDbContext())
        {
            await db.Entries.Where(e => e.Id == goal.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.ProgramId, Members.Aisc));
        }
        goal = await EntryAsync("goal");

        Assert.IsType<SaveResult.Refused>(await Editor.SaveAsync(mars, goal.Id, 1, Input(goal, body: "MARS edit")));
        Assert.IsType<SaveResult.Saved>(await Editor.SaveAsync(aisc, goal.Id, 1, Input(goal, body: "AISC edit")));
    }

    [DatabaseFact]
    public async Task Create_ForAnotherProgram_IsRefused()
    {
        var result = await Editor.CreateAsync(aisc, EntryKind.Topic, new EntryInput("MARS business", "x", Visibility.Team, Members.Mars));

        Assert.IsType<SaveResult.Refused>(result);
        using var db = app.CreateDbContext();
        Assert.False(await db.Entries.AnyAsync(e => e.Title == "MARS business"));
    }

    [DatabaseFact]
    public async Task Create_NewTopic_IsATeamEntryWithItsFirstRevision()
    {
        var result = await Editor.CreateAsync(aisc, EntryKind.Topic, new EntryInput("Scalable oversight", "What we found.", Visibility.Team, Members.Aisc, ""));

        var saved = Assert.IsType<SaveResult.Saved>(result);
        var topic = await EntryAsync(saved.Slug);
        Assert.Equal((EntryKind.Topic, Visibility.Team, 1), (topic.Kind, topic.Visibility, topic.RevisionNumber));
        Assert.False(topic.InReadme);
        using var anonymous = await app.CreateClient().GetAsync($"/topics/{saved.Slug}");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, anonymous.StatusCode);
    }

    [DatabaseFact]
    public async Task Create_TitleOfAnExistingEntry_IsRefusedBesideTheTitle()
    {
        var result = await Editor.CreateAsync(aisc, EntryKind.Page, new EntryInput("Background", "Another.", Visibility.Team, null, ""));

        Assert.Contains("already an entry", Assert.IsType<SaveResult.Invalid>(result).Errors["Title"]);
    }

    [DatabaseFact]
    public async Task Save_RenameOntoAnotherEntrysTitle_IsRefused()
    {
        var goal = await EntryAsync("goal");

        var result = await Editor.SaveAsync(aisc, goal.Id, 1, Input(goal, title: "Background"));

        Assert.IsType<SaveResult.Invalid>(result);
        Assert.Equal("goal", (await EntryAsync("goal")).Slug);
    }

    [DatabaseFact]
    public async Task NewDraft_ForAnEntryNotCreatedYet_IsKeptUntilTheEntryIsCreated()
    {
        await Drafts.SaveNewDraftAsync(aisc, EntryKind.Topic, "Half a topic", "Typed before the tab closed.");

        Assert.Equal("Typed before the tab closed.", (await Drafts.NewDraftAsync(aisc, EntryKind.Topic))!.Body);
        Assert.Null(await Drafts.NewDraftAsync(aisc, EntryKind.Question));
        Assert.Null(await Drafts.NewDraftAsync(mars, EntryKind.Topic));

        Assert.IsType<SaveResult.Saved>(await Editor.CreateAsync(aisc, EntryKind.Topic, new EntryInput("Half a topic", "Typed before the tab closed.", Visibility.Team, Members.Aisc)));
        Assert.Null(await Drafts.NewDraftAsync(aisc, EntryKind.Topic));
    }

    [DatabaseFact]
    public async Task Draft_SurvivesUntilDiscarded()
    {
        var goal = await EntryAsync("goal");
        await Drafts.SaveDraftAsync(aisc, goal.Id, 1, "Goal", "Half-written thought");

        Assert.Equal("Half-written thought", (await app.Get<EntryDrafts>().DraftAsync(aisc, goal.Id))!.Body);
        await Drafts.DiscardDraftAsync(aisc, goal.Id);
        Assert.Null(await Drafts.DraftAsync(aisc, goal.Id));
    }

    [DatabaseFact]
    public async Task Save_DiscardsTheWritersDraftWithItButNotAnotherMembers()
    {
        var goal = await EntryAsync("goal");
        await Drafts.SaveDraftAsync(aisc, goal.Id, 1, "Goal", "Typed, then saved");
        await Drafts.SaveDraftAsync(mentor, goal.Id, 1, "Goal", "The mentor's own half-written edit");

        Assert.IsType<SaveResult.Saved>(await Editor.SaveAsync(aisc, goal.Id, 1, Input(goal, body: "Typed, then saved")));

        Assert.Null(await Drafts.DraftAsync(aisc, goal.Id));
        Assert.Equal("The mentor's own half-written edit", (await Drafts.DraftAsync(mentor, goal.Id))!.Body);
    }

    [DatabaseFact]
    public async Task Save_TopicOutputs_AreStoredAndAnOutputTakenOutIsKeptAsRemoved()
    {
        var topic = await EntryAsync("weak-to-strong-generalization");
        var severin = await MemberIdAsync("severin-field");
        var fields = new TopicInput([severin], [new OutputInput("Only post", "https://www.lesswrong.com/posts/x/only", OutputStatus.Published, "Short summary.")]);

        var saved = Assert.IsType<SaveResult.Saved>(await Editor.SaveAsync(aisc, topic.Id, 1, Input(topic) with { Topic = fields }));

        using var db = app.CreateDbContext();
        var after = await db.Entries.Include(e => e.Outputs).Include(e => e.Researchers).SingleAsync(e => e.Id == topic.Id);
        Assert.Equal([severin], after.Researchers.Select(r => r.MemberId));
        Assert.Equal(["Only post"], after.Outputs.Where(o => o.Status != OutputStatus.Removed).Select(o => o.Title));
        Assert.Single(after.Outputs, o => o.Status == OutputStatus.Removed);
        Assert.Equal(2, saved.RevisionNumber);
    }

    [DatabaseTheory]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://example.org/file")]
    [InlineData("not a url")]
    public async Task Save_OutputWithAnAddressThatIsNotTheWeb_IsRefusedBesideTheField(string url)
    {
        var topic = await EntryAsync("weak-to-strong-generalization");
        var fields = new TopicInput([], [new OutputInput("Post", url, OutputStatus.Published, "")]);

        var invalid = Assert.IsType<SaveResult.Invalid>(await Editor.SaveAsync(aisc, topic.Id, 1, Input(topic) with { Topic = fields }));

        Assert.Contains("https://", invalid.Errors[EntryRules.OutputField(0, "Url")]);
        Assert.Equal(1, (await EntryAsync("weak-to-strong-generalization")).RevisionNumber);
    }

    [DatabaseFact]
    public async Task Restore_Topic_BringsBackItsOutputsAndResearchers()
    {
        var topic = await EntryAsync("weak-to-strong-generalization");
        await Editor.SaveAsync(aisc, topic.Id, 1, Input(topic) with { Topic = new TopicInput([], []) });

        Assert.IsType<SaveResult.Saved>(await Editor.RestoreAsync(aisc, topic.Id, 1));

        using var db = app.CreateDbContext();
        var after = await db.Entries.Include(e => e.Outputs).Include(e => e.Researchers).SingleAsync(e => e.Id == topic.Id);
        Assert.Equal(2, after.Researchers.Count);
        Assert.Equal(2, after.Outputs.Count(o => o.Status == OutputStatus.Published));
    }

    private async Task<int> MemberIdAsync(string slug)
    {
        using var db = app.CreateDbContext();
        return (await db.Members.SingleAsync(m => m.Slug == slug)).Id;
    }
}

[OnPostgres]
public sealed class EntryEditorOnPostgresTests : EntryEditorTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
