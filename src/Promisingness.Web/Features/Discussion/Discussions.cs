using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Features.Notifications;
using Promisingness.Web.Markdown;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Discussion;

/// <summary>
/// Threads of comments on an entry, under it or on a passage. Only members who may read the entry see or
/// write them; everyone edits and deletes only their own comments; the opener, the entry's authors and
/// listed researchers, and the mentor resolve. Every change notifies and updates open pages live.
/// </summary>
public sealed partial class Discussions(
    IDbContextFactory<WikiDbContext> dbFactory,
    WikiUsers users,
    MarkdownRenderer markdown,
    Notifier notifier,
    DiscussionEvents events,
    InboxEvents inbox,
    WriteRateLimit rateLimit,
    Audit audit,
    TimeProvider clock)
{
    private const string NotFound = "This discussion does not exist, or you may not see it.";

    public async Task<IReadOnlyList<ThreadView>> ThreadsAsync(int entryId, WikiUser? reader, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var facts = await EntryAccess.FactsAsync(db, entryId, cancellationToken);
        if (facts is null || !EntryPermissions.Can(reader, EntryOperation.ReadComments, facts))
        {
            return [];
        }
        var text = await EntryTextAsync(db, entryId, cancellationToken);
        var threads = await db.CommentThreads.AsNoTracking().Where(t => t.EntryId == entryId).Include(t => t.Comments).OrderBy(t => t.Id).ToListAsync(cancellationToken);
        return [.. threads.Select(t => new ThreadView(
            t.Id, t.Quote, t.QuotePrefix, t.QuoteSuffix, t.RevisionNumber,
            t.Quote is { Length: > 0 } quote && !text.Contains(Normalize(quote), StringComparison.Ordinal),
            t.OpenedByName, t.OpenedByUserId, t.CreatedAt, t.ResolvedAt, t.ResolvedByName,
            [.. t.Comments.OrderBy(c => c.Id).Select(c => new CommentView(c.Id, c.ParentId, c.AuthorName, c.AssistantName, c.AuthorUserId,
                c.DeletedAt is null ? c.BodyHtml : "", c.DeletedAt is null ? c.BodyMarkdown : "", c.CreatedAt, c.EditedAt, c.DeletedAt is not null))],
            MayResolve(reader!, facts, t.OpenedByUserId), t.SuggestionId))];
    }

    /// <summary>The entry at a slug and its current revision, or (0, 0); reading rights are checked when its threads are read.</summary>
    public async Task<(int EntryId, int RevisionNumber)> EntryAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entry = await db.Entries.Where(e => e.Slug == slug).Select(e => new { e.Id, e.RevisionNumber }).FirstOrDefaultAsync(cancellationToken);
        return entry is null ? (0, 0) : (entry.Id, entry.RevisionNumber);
    }

    /// <summary>Opens a discussion of the entry: of the whole entry, of a passage (<paramref name="anchor"/>), or of one of its suggested edits.</summary>
    public async Task<DiscussionOutcome> OpenAsync(string userId, int entryId, string text, Anchor? anchor, CancellationToken cancellationToken = default,
        string? assistantName = null, int? suggestionId = null)
    {
        if (Problem(text) is { } problem)
        {
            return DiscussionOutcome.Refused(problem);
        }
        if (rateLimit.Refusal(userId) is { } tooFast)
        {
            return DiscussionOutcome.Refused(tooFast);
        }
        var user = await users.LoadAsync(userId, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var facts = await EntryAccess.FactsAsync(db, entryId, cancellationToken);
        if (facts is null || !EntryPermissions.Can(user, EntryOperation.Comment, facts))
        {
            return DiscussionOutcome.Refused(user is null ? "Sign in to discuss." : NotFound);
        }
        if (suggestionId is { } suggestion && !await db.Suggestions.AnyAsync(s => s.Id == suggestion && s.EntryId == entryId, cancellationToken))
        {
            return DiscussionOutcome.Refused("This suggested edit is not one of this entry's.");
        }
        var quote = anchor?.Quote.Trim() is { Length: > 0 } q ? q : null;
        if (quote?.Length > CommentThread.QuoteMaxLength)
        {
            return DiscussionOutcome.Refused($"Select at most {CommentThread.QuoteMaxLength} characters to comment on.");
        }
        var now = clock.GetUtcNow();
        var revision = await db.Entries.Where(e => e.Id == entryId).Select(e => e.RevisionNumber).FirstAsync(cancellationToken);
        var thread = new CommentThread
        {
            EntryId = entryId,
            RevisionNumber = revision,
            Quote = quote,
            QuotePrefix = quote is null ? null : Last(anchor!.Prefix, CommentThread.ContextMaxLength),
            QuoteSuffix = quote is null ? null : First(anchor!.Suffix, CommentThread.ContextMaxLength),
            SuggestionId = suggestionId,
            OpenedByUserId = user!.Id,
            OpenedByName = user.Name,
            CreatedAt = now,
        };
        var comment = await NewCommentAsync(db, user, assistantName, text, parentId: null, now, cancellationToken);
        thread.Comments.Add(comment);
        db.CommentThreads.Add(thread);
        await db.SaveChangesAsync(cancellationToken);

        var notified = await NotifyAsync(db, user, entryId, thread.Id, comment, [], now, cancellationToken);
        return Done(entryId, thread.Id, notified);
    }

    public async Task<DiscussionOutcome> ReplyAsync(string userId, int threadId, int? parentId, string text, CancellationToken cancellationToken = default, string? assistantName = null)
    {
        if (Problem(text) is { } problem)
        {
            return DiscussionOutcome.Refused(problem);
        }
        if (rateLimit.Refusal(userId) is { } tooFast)
        {
            return DiscussionOutcome.Refused(tooFast);
        }
        var user = await users.LoadAsync(userId, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var thread = await db.CommentThreads.Include(t => t.Comments).FirstOrDefaultAsync(t => t.Id == threadId, cancellationToken);
        var facts = thread is null ? null : await EntryAccess.FactsAsync(db, thread.EntryId, cancellationToken);
        if (thread is null || facts is null || !EntryPermissions.Can(user, EntryOperation.Comment, facts))
        {
            return DiscussionOutcome.Refused(user is null ? "Sign in to discuss." : NotFound);
        }
        if (parentId is { } parent && thread.Comments.All(c => c.Id != parent))
        {
            return DiscussionOutcome.Refused("The comment you answer is not in this discussion.");
        }
        var now = clock.GetUtcNow();
        var comment = await NewCommentAsync(db, user!, assistantName, text, parentId, now, cancellationToken);
        var participants = thread.Comments.Select(c => c.AuthorUserId).Append(thread.OpenedByUserId).ToList();
        thread.Comments.Add(comment);
        await db.SaveChangesAsync(cancellationToken);

        var notified = await NotifyAsync(db, user!, thread.EntryId, thread.Id, comment, participants, now, cancellationToken);
        return Done(thread.EntryId, comment.Id, notified);
    }

    public async Task<DiscussionOutcome> EditAsync(string userId, int commentId, string text, CancellationToken cancellationToken = default)
    {
        if (Problem(text) is { } problem)
        {
            return DiscussionOutcome.Refused(problem);
        }
        if (rateLimit.Refusal(userId) is { } tooFast)
        {
            return DiscussionOutcome.Refused(tooFast);
        }
        var user = await users.LoadAsync(userId, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (comment, refusal) = await OwnCommentAsync(db, user, commentId, cancellationToken);
        if (comment is null)
        {
            return DiscussionOutcome.Refused(refusal!);
        }
        var before = Mentions.Parse(comment.BodyMarkdown);
        var quoted = ExcerptOf(comment);
        var now = clock.GetUtcNow();
        comment.BodyMarkdown = text;
        comment.BodyHtml = await RenderAsync(db, text, cancellationToken);
        comment.EditedAt = now;
        await QuoteAgainAsync(db, comment, quoted, cancellationToken);
        AddAuditRow(db, user!, AuditActions.CommentEdited, comment);
        await db.SaveChangesAsync(cancellationToken);

        // Only people newly mentioned hear of an edit; the rest saw the comment already.
        var mentioned = await MentionedUsersAsync(db, Mentions.Parse(text).Except(before), cancellationToken);
        var notified = await notifier.AddAsync(db, mentioned, user!.Id,
            new Notifier.Message(NotificationKind.Mention, comment.Thread!.EntryId, user.Name, "mentioned you in a comment", comment.ThreadId, Excerpt: ExcerptOf(comment)), now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Done(comment.Thread.EntryId, comment.Id, notified);
    }

    /// <summary>The comment keeps its place, so replies stay where they were; its text is gone.</summary>
    public async Task<DiscussionOutcome> DeleteAsync(string userId, int commentId, CancellationToken cancellationToken = default)
    {
        var user = await users.LoadAsync(userId, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (comment, refusal) = await OwnCommentAsync(db, user, commentId, cancellationToken);
        if (comment is null)
        {
            return DiscussionOutcome.Refused(refusal!);
        }
        var quoted = ExcerptOf(comment);
        comment.DeletedAt = clock.GetUtcNow();
        comment.BodyMarkdown = "";
        comment.BodyHtml = "";
        await QuoteAgainAsync(db, comment, quoted, cancellationToken);
        AddAuditRow(db, user!, AuditActions.CommentDeleted, comment);
        await db.SaveChangesAsync(cancellationToken);
        return Done(comment.Thread!.EntryId, comment.Id, []);
    }

    /// <summary>Added before the change is saved, so the row and the change commit together.</summary>
    private void AddAuditRow(WikiDbContext db, WikiUser user, string action, Comment comment) =>
        audit.Add(db, user, action, $"comment #{comment.Id}", comment.Thread!.EntryId);

    public async Task<DiscussionOutcome> SetResolvedAsync(string userId, int threadId, bool resolved, CancellationToken cancellationToken = default)
    {
        var user = await users.LoadAsync(userId, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var thread = await db.CommentThreads.Include(t => t.Comments).FirstOrDefaultAsync(t => t.Id == threadId, cancellationToken);
        var facts = thread is null ? null : await EntryAccess.FactsAsync(db, thread.EntryId, cancellationToken);
        if (thread is null || facts is null || !EntryPermissions.Can(user, EntryOperation.Comment, facts))
        {
            return DiscussionOutcome.Refused(user is null ? "Sign in to discuss." : NotFound);
        }
        if (!MayResolve(user!, facts, thread.OpenedByUserId))
        {
            return DiscussionOutcome.Refused("Only whoever opened this discussion, the entry's authors and the mentor can resolve or reopen it.");
        }
        if ((thread.ResolvedAt is not null) == resolved)
        {
            return DiscussionOutcome.Done(thread.Id);
        }
        var now = clock.GetUtcNow();
        thread.ResolvedAt = resolved ? now : null;
        thread.ResolvedByName = resolved ? user!.Name : null;
        var participants = thread.Comments.Select(c => c.AuthorUserId).Append(thread.OpenedByUserId);
        var notified = await notifier.AddAsync(db, participants, user!.Id,
            new Notifier.Message(NotificationKind.Resolved, thread.EntryId, user.Name, resolved ? "resolved a discussion you took part in" : "reopened a discussion you took part in", thread.Id), now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Done(thread.EntryId, thread.Id, notified);
    }

    /// <summary>The one rule for resolving: the opener, the entry's authors and listed researchers, the mentor and admins.</summary>
    public static bool MayResolve(WikiUser user, EntryAccessFacts facts, string openedByUserId) =>
        !user.Locked && (user.SeesEverything || user.Id == openedByUserId || facts.AuthorUserIds.Contains(user.Id)
            || (user.MemberId is { } member && facts.ResearcherMemberIds.Contains(member)));

    /// <summary>Members who can be mentioned: those with an account, by their member slug.</summary>
    public async Task<IReadOnlyList<(string Slug, string Name)>> MentionableAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Members.Where(m => db.Users.Any(u => u.MemberId == m.Id)).OrderBy(m => m.Name).Select(m => new { m.Slug, m.Name }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.Slug, r.Name))];
    }

    private async Task<Comment> NewCommentAsync(WikiDbContext db, WikiUser user, string? assistantName, string text, int? parentId, DateTimeOffset now, CancellationToken cancellationToken) => new()
    {
        ParentId = parentId,
        AuthorUserId = user.Id,
        AuthorName = user.Name,
        AssistantName = assistantName,
        BodyMarkdown = text,
        BodyHtml = await RenderAsync(db, text, cancellationToken),
        CreatedAt = now,
    };

    /// <summary>A comment's HTML: its @mentions linked to the people's pages, its [[links]] resolved, its uploaded images sized.</summary>
    internal async Task<string> RenderAsync(WikiDbContext db, string text, CancellationToken cancellationToken)
    {
        var slugs = Mentions.Parse(text).ToList();
        var names = await db.Members.Where(m => slugs.Contains(m.Slug)).ToDictionaryAsync(m => m.Slug, m => m.Name, cancellationToken);
        var linked = Mentions.Linkify(text, names);
        var parsed = markdown.Parse(linked);
        return parsed.ToSafeHtml(db);
    }

    /// <summary>What a notification of the comment quotes: its rendered text as plain text, never its HTML.</summary>
    private static string ExcerptOf(Comment comment) => Excerpts.FromHtml(comment.BodyHtml, Notification.ExcerptMaxLength);

    /// <summary>
    /// The inboxes (and digests still to go) quote the comment as it is now: its new text after an edit, nothing once it
    /// is deleted. Saved with the comment's change. Mails already sent keep what they said.
    /// </summary>
    private static async Task QuoteAgainAsync(WikiDbContext db, Comment comment, string quoted, CancellationToken cancellationToken)
    {
        if (quoted.Length == 0)
        {
            return;
        }
        var now = ExcerptOf(comment);
        foreach (var notification in await db.Notifications.Where(n => n.ThreadId == comment.ThreadId && n.Excerpt == quoted).ToListAsync(cancellationToken))
        {
            notification.Excerpt = now;
        }
    }

    /// <summary>Mentioned people hear "mentioned you"; those in the thread "replied"; the entry's watchers "commented".</summary>
    private async Task<IReadOnlyList<string>> NotifyAsync(WikiDbContext db, WikiUser actor, int entryId, int threadId, Comment comment, IReadOnlyList<string> participants, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var mentioned = await MentionedUsersAsync(db, Mentions.Parse(comment.BodyMarkdown), cancellationToken);
        var watchers = await Watchers.OfAsync(db, entryId, cancellationToken);
        var excerpt = ExcerptOf(comment);
        var notified = new List<string>();
        notified.AddRange(await notifier.AddAsync(db, mentioned, actor.Id, new Notifier.Message(NotificationKind.Mention, entryId, actor.Name, "mentioned you in a comment", threadId, Excerpt: excerpt), now, cancellationToken));
        notified.AddRange(await notifier.AddAsync(db, participants.Except(notified), actor.Id, new Notifier.Message(NotificationKind.Reply, entryId, actor.Name, "replied in a discussion you took part in", threadId, Excerpt: excerpt), now, cancellationToken));
        notified.AddRange(await notifier.AddAsync(db, watchers.Except(notified), actor.Id, new Notifier.Message(NotificationKind.Comment, entryId, actor.Name, "commented on an entry you watch", threadId, Excerpt: excerpt), now, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        return notified;
    }

    private static async Task<IReadOnlyList<string>> MentionedUsersAsync(WikiDbContext db, IEnumerable<string> slugs, CancellationToken cancellationToken)
    {
        var wanted = slugs.ToList();
        return wanted.Count == 0 ? [] : await db.Users.Where(u => db.Members.Any(m => m.Id == u.MemberId && wanted.Contains(m.Slug))).Select(u => u.Id).ToListAsync(cancellationToken);
    }

    private static async Task<(Comment? Comment, string? Refusal)> OwnCommentAsync(WikiDbContext db, WikiUser? user, int commentId, CancellationToken cancellationToken)
    {
        var comment = await db.Comments.Include(c => c.Thread).FirstOrDefaultAsync(c => c.Id == commentId, cancellationToken);
        var facts = comment is null ? null : await EntryAccess.FactsAsync(db, comment.Thread!.EntryId, cancellationToken);
        if (comment is null || facts is null || !EntryPermissions.Can(user, EntryOperation.Comment, facts))
        {
            return (null, user is null ? "Sign in to discuss." : NotFound);
        }
        if (comment.AuthorUserId != user!.Id)
        {
            return (null, "You can change or delete only your own comments.");
        }
        if (comment.DeletedAt is not null)
        {
            return (null, "This comment was deleted.");
        }
        return (comment, null);
    }

    private DiscussionOutcome Done(int entryId, int id, IReadOnlyList<string> notified)
    {
        events.Raise(entryId);
        inbox.Raise(notified);
        return DiscussionOutcome.Done(id);
    }

    private static string? Problem(string text) =>
        string.IsNullOrWhiteSpace(text) ? "Write something first."
        : text.Length > Comment.BodyMaxLength ? $"A comment can have at most {Comment.BodyMaxLength:N0} characters; this one has {text.Length:N0}."
        : null;

    /// <summary>Everything a reader can select on the entry's page, as plain text, for telling whether a quoted passage is still there.</summary>
    private static async Task<string> EntryTextAsync(WikiDbContext db, int entryId, CancellationToken cancellationToken)
    {
        var entry = await db.Entries.AsNoTracking().Where(e => e.Id == entryId)
            .Select(e => new { e.Title, e.BodyHtml, Outputs = e.Outputs.Select(o => o.SummaryHtml).ToList(), Agenda = e.Meeting!.AgendaHtml, Decisions = e.Meeting.DecisionsHtml })
            .FirstAsync(cancellationToken);
        var html = string.Join(' ', new[] { entry.Title, entry.BodyHtml, entry.Agenda ?? "", entry.Decisions ?? "" }.Concat(entry.Outputs));
        return Normalize(WebUtility.HtmlDecode(Tag().Replace(html, "")));
    }

    /// <summary>
    /// Without any whitespace: a browser's selection puts line breaks between paragraphs where the HTML has
    /// none, so only the visible characters are compared.
    /// </summary>
    private static string Normalize(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private static string Last(string text, int length) => text.Length <= length ? text : text[^length..];

    private static string First(string text, int length) => text.Length <= length ? text : text[..length];

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();
}
