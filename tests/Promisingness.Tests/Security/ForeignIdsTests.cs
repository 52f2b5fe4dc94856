using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Credences;
using Promisingness.Web.Features.Discussion;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Security;

/// <summary>
/// Every write takes ids from its form or circuit; a member who sends ids that are not theirs to use (a
/// draft they may not see, someone else's comment) is refused, and nothing is written.
/// </summary>
public sealed class ForeignIdsTests : MentorAppTest
{
    [Fact]
    public async Task Writes_WithIdsOfAnUnreadableDraftOrAnotherMembersComment_AreRefusedAndWriteNothing()
    {
        var researcher = await Members.AddAsync(App, "curious@test.local", Roles.Researcher, Members.Mars);
        var editor = App.Get<EntryEditor>();
        var discussions = App.Get<Discussions>();
        var draft = Assert.IsType<SaveResult.Saved>(await editor.CreateAsync(Mentor, EntryKind.Page, new EntryInput("The mentor's draft", "Not yet for the team.", Visibility.Draft, null)));
        var thread = await discussions.OpenAsync(Mentor, draft.EntryId, "A note on my own draft.", anchor: null);
        var (goalId, _) = await discussions.EntryAsync("goal");
        var mentorsComment = await discussions.OpenAsync(Mentor, goalId, "The mentor's comment.", anchor: null);
        int draftCommentId, mentorsCommentId;
        using (var db = App.CreateDbContext())
        {
            draftCommentId = await db.Comments.Where(c => c.ThreadId == thread.Id).Select(c => c.Id).SingleAsync();
            mentorsCommentId = await db.Comments.Where(c => c.ThreadId == mentorsComment.Id).Select(c => c.Id).SingleAsync();
        }
        var before = await SnapshotAsync();

        Assert.IsType<SaveResult.Refused>(await editor.SaveAsync(researcher, draft.EntryId, 1, new EntryInput("Taken over", "Mine now.", Visibility.Team, null)));
        Assert.IsType<SaveResult.Refused>(await editor.RestoreAsync(researcher, draft.EntryId, 1));
        Assert.NotNull((await discussions.OpenAsync(researcher, draft.EntryId, "Peeking.", anchor: null)).Error);
        Assert.NotNull((await discussions.ReplyAsync(researcher, thread.Id!.Value, draftCommentId, "Peeking.")).Error);
        Assert.NotNull((await discussions.EditAsync(researcher, mentorsCommentId, "Rewritten by someone else.")).Error);
        Assert.NotNull((await discussions.DeleteAsync(researcher, mentorsCommentId)).Error);
        Assert.NotNull((await discussions.SetResolvedAsync(researcher, thread.Id!.Value, true)).Error);
        Assert.NotNull(await App.Get<CredenceBook>().RecordAsync(researcher, draft.EntryId, 42, "peeking"));

        Assert.Equal(before, await SnapshotAsync());
    }

    private async Task<string> SnapshotAsync()
    {
        using var db = App.CreateDbContext();
        var revisions = await db.Revisions.CountAsync();
        var comments = await db.Comments.Select(c => c.Id + ":" + c.BodyMarkdown + ":" + c.DeletedAt).ToListAsync();
        var threads = await db.CommentThreads.Select(t => t.Id + ":" + t.ResolvedAt).ToListAsync();
        var credences = await db.Credences.CountAsync();
        return $"{revisions} revisions; {string.Join(",", comments)}; {string.Join(",", threads)}; {credences} credences";
    }
}
