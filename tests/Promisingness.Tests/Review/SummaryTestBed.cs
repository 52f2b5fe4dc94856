using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Admin;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Features.Summaries.Review;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Review;

/// <summary>
/// A fresh wiki with the people a review involves: Severin (AISC researcher, the usual author), a second
/// AISC researcher, a MARS researcher, the mentor (Bogdan's account), another mentor, the admin.
/// </summary>
public abstract class SummaryTestBed : IAsyncLifetime
{
    public const string Week = "2026-W48";

    private WikiApp? app;

    protected WikiApp App => app ??= WikiApp.On(Provider);

    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected Dictionary<string, string> Users { get; } = [];

    protected int SeverinMemberId { get; private set; }
    protected int BogdanMemberId { get; private set; }
    protected int TopicId { get; private set; }

    protected EntryEditor Editor => App.Get<EntryEditor>();
    protected ReviewWorkflow Workflow => App.Get<ReviewWorkflow>();

    public virtual async Task InitializeAsync()
    {
        using (var db = App.CreateDbContext())
        {
            SeverinMemberId = (await db.Members.SingleAsync(m => m.Slug == "severin-field")).Id;
            BogdanMemberId = (await db.Members.SingleAsync(m => m.Slug == "bogdan-ionut-cirstea")).Id;
            TopicId = (await db.Entries.SingleAsync(e => e.Slug == "theoretical-chain-of-thought")).Id;
            Users["admin"] = (await db.Users.SingleAsync(u => u.Email == WikiApp.AdminEmail)).Id;
        }
        Users["author"] = await Members.AddAsync(App, "severin@test.local", Roles.Researcher, Members.Aisc, SeverinMemberId);
        Users["peer"] = await Members.AddAsync(App, "peer@test.local", Roles.Researcher, Members.Aisc);
        Users["mars"] = await Members.AddAsync(App, "mars@test.local", Roles.Researcher, Members.Mars);
        Users["mentor"] = await Members.AddAsync(App, "bogdan@test.local", Roles.Mentor, memberId: BogdanMemberId);
        Users["mentor2"] = await Members.AddAsync(App, "second-mentor@test.local", Roles.Mentor);
        Users["locked"] = await Members.AddAsync(App, "locked-mentor@test.local", Roles.Mentor);
        await App.Get<UserAdministration>().LockAsync(Users["admin"], Users["locked"]);
        Users["nobody"] = "no-such-user";
    }

    public Task DisposeAsync()
    {
        app?.Dispose();
        return Task.CompletedTask;
    }

    protected static EntryInput SummaryInput(int authorMemberId, int? topicId, string body = "What I read this week.", string title = "", string week = Week, Visibility visibility = Visibility.Team) =>
        new(title, body, visibility, null, "", Summary: new SummaryInput(week, topicId, authorMemberId));

    /// <summary>A summary of Severin's week on the topic, written by Severin (or by whoever is named).</summary>
    protected async Task<SaveResult.Saved> CreateAsync(string writer = "author", int? authorMemberId = null, string body = "What I read this week.")
    {
        var result = await Editor.CreateAsync(Users[writer], EntryKind.WeeklySummary, SummaryInput(authorMemberId ?? SeverinMemberId, TopicId, body));
        return Assert.IsType<SaveResult.Saved>(result);
    }

    protected async Task<SaveResult.Saved> EditAsync(SaveResult.Saved summary, string writer, string body, Visibility visibility = Visibility.Team)
    {
        var current = await EntryAsync(summary.EntryId);
        var result = await Editor.SaveAsync(Users[writer], summary.EntryId, current.RevisionNumber,
            new EntryInput(current.Title, body, visibility, current.ProgramId, "edit", Summary: new SummaryInput(current.Summary!.Week, current.Summary.TopicId, current.Summary.AuthorMemberId)));
        return Assert.IsType<SaveResult.Saved>(result);
    }

    protected async Task<Entry> EntryAsync(int entryId)
    {
        using var db = App.CreateDbContext();
        return await db.Entries.Include(e => e.Summary).Include(e => e.Revisions).AsSplitQuery().SingleAsync(e => e.Id == entryId);
    }

    protected async Task<List<ReviewStep>> StepsAsync(int entryId)
    {
        using var db = App.CreateDbContext();
        return await db.ReviewSteps.Where(s => s.EntryId == entryId).OrderBy(s => s.Id).ToListAsync();
    }

    protected async Task<ReviewResult> ActAsync(string actor, int entryId, ReviewCommand command, string note = "A note.")
    {
        var revision = (await EntryAsync(entryId)).RevisionNumber;
        return await Workflow.ActAsync(Users[actor], entryId, command, revision, note);
    }

    protected async Task DoneAsync(string actor, int entryId, ReviewCommand command, string note = "A note.") =>
        Assert.IsType<ReviewResult.Done>(await ActAsync(actor, entryId, command, note));
}
