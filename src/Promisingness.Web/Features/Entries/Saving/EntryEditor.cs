using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Caching;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Editing;
using Promisingness.Web.Features.Inbox;
using Promisingness.Web.Features.Meetings;
using Promisingness.Web.Features.Summaries;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Entries.Saving;

/// <summary>
/// Creating, saving and restoring entries from the browser. Every save names the revision it was based
/// on and moves the entry only if that is still the current one (the revision number is a concurrency
/// token); otherwise the save is refused as a conflict and the user's text is kept as a draft.
/// </summary>
public sealed class EntryEditor(
    IDbContextFactory<WikiDbContext> dbFactory,
    RevisionRecorder recorder,
    WikiUsers users,
    PublicPageCache cache,
    EditingPresence presence,
    Notifier notifier,
    InboxEvents inbox,
    SummaryFields summaryFields,
    WriteRateLimit rateLimit,
    SaveTurns turns,
    EntryDrafts drafts,
    ILogger<EntryEditor> logger,
    TimeProvider clock)
{
    public static readonly IReadOnlyList<EntryKind> EditableKinds = [EntryKind.Page, EntryKind.Topic, EntryKind.Question, EntryKind.Meeting, EntryKind.WeeklySummary];

    public Task<SaveResult> CreateAsync(string userId, EntryKind kind, EntryInput input, CancellationToken cancellationToken = default) =>
        GuardAsync($"Creating a {kind}", turn => CreateUnguardedAsync(userId, kind, input, turn, cancellationToken), cancellationToken);

    private async Task<SaveResult> CreateUnguardedAsync(string userId, EntryKind kind, EntryInput input, IDisposable turn, CancellationToken cancellationToken)
    {
        input = await summaryFields.CompleteAsync(input, cancellationToken);
        if (Invalid(input) is { } invalid)
        {
            return invalid;
        }
        var user = await users.LoadAsync(userId, cancellationToken);
        if (WriterRefusal(user) is { } writerRefusal)
        {
            return writerRefusal;
        }
        if (!EditableKinds.Contains(kind))
        {
            return new SaveResult.Refused($"{kind} entries are not written here.");
        }
        if (!EntryPermissions.Can(user, EntryOperation.Create, EntryAccessFacts.NewEntry(input.ProgramId)))
        {
            return new SaveResult.Refused(user is null ? "Sign in to write." : "You can create entries for your own program or shared ones only.");
        }
        if (KindVisibilityProblem(kind, input) is { } staysWithTheTeam)
        {
            return staysWithTheTeam;
        }
        if (input.Visibility == Visibility.Public && !EntryPermissions.Can(user, EntryOperation.MakePublic, EntryAccessFacts.NewEntry(input.ProgramId)))
        {
            return new SaveResult.Refused("Only the mentor or an admin can publish an entry. Save it for the team first.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await SummaryFields.CheckAsync(db, user, kind, input, entry: null, cancellationToken) is { } summaryProblem)
        {
            return summaryProblem;
        }
        var title = input.Title.Trim();
        var (duplicate, taken, redirects) = await TakenSlugsAsync(db, title, entryId: null, cancellationToken);
        if (duplicate is not null)
        {
            return duplicate;
        }
        var entry = new Entry
        {
            Kind = kind,
            Slug = "",
            Title = "",
            ProgramId = input.ProgramId,
            Visibility = input.Visibility,
            Position = 1 + (await db.Entries.Where(e => e.Kind == kind).MaxAsync(e => (int?)e.Position, cancellationToken) ?? 0),
            BodyMarkdown = input.Body,
        };
        SlugMoves.Retitle(db, entry, title, taken, redirects);
        await ApplyTopicAsync(db, entry, input.Topic, cancellationToken);
        TagRules.Apply(entry, input.Tags ?? []);
        await LinkTopicsAsync(db, entry, input.LinkedTopicIds, cancellationToken);
        await MeetingFieldWriter.ApplyAsync(db, entry, input.Meeting, clock.GetUtcNow(), cancellationToken);
        await SummaryFields.ApplyAsync(db, entry, input.Summary, clock.GetUtcNow(), cancellationToken);
        db.Entries.Add(entry);
        recorder.RecordIfChanged(db, entry, before: null, AuthorOf(user!), clock.GetUtcNow(), Note(input.EditNote, "Created"));
        recorder.RenderLinksTo(db, entry.Slug);
        await db.SaveChangesAsync(cancellationToken);
        await drafts.DiscardNewDraftAsync(userId, kind, cancellationToken);
        await cache.EvictAsync([PublicPageCache.Tag], [], hereDone: turn.Dispose, cancellationToken);
        return new SaveResult.Saved(entry.Id, entry.Slug, entry.RevisionNumber);
    }

    public Task<SaveResult> SaveAsync(string userId, int entryId, int baseRevision, EntryInput input, CancellationToken cancellationToken = default) =>
        GuardAsync($"Saving entry #{entryId}", turn => SaveAsync(userId, entryId, baseRevision, input, action: null, turn, cancellationToken), cancellationToken);

    // action: what the audit log calls this save when it is more than an edit (a restore).
    private async Task<SaveResult> SaveAsync(string userId, int entryId, int baseRevision, EntryInput input, string? action, IDisposable turn,
        CancellationToken cancellationToken)
    {
        input = await summaryFields.CompleteAsync(input, cancellationToken);
        if (Invalid(input) is { } invalid)
        {
            return invalid;
        }
        var user = await users.LoadAsync(userId, cancellationToken);
        if (WriterRefusal(user) is { } writerRefusal)
        {
            return writerRefusal;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await RefusalAsync(db, user, entryId, input, cancellationToken) is { } refused)
        {
            return refused;
        }

        var entry = await EntryGraph.WithFieldsAsync(db, entryId, cancellationToken)
            ?? throw new InvalidOperationException($"Entry #{entryId} was deleted during the save.");
        if (entry.RevisionNumber != baseRevision)
        {
            return await ConflictAsync(user!, entryId, baseRevision, input, cancellationToken);
        }
        if (await SummaryFields.CheckAsync(db, user, entry.Kind, input, entry, cancellationToken) is { } summaryProblem)
        {
            return summaryProblem;
        }
        if (KindVisibilityProblem(entry.Kind, input) is { } staysWithTheTeam)
        {
            return staysWithTheTeam;
        }

        var before = RevisionRecorder.Snapshot(entry);
        var title = input.Title.Trim();
        var oldSlug = entry.Slug;
        // The same title keeps its address, so the slugs around it need not be read.
        if (title != entry.Title)
        {
            var (duplicate, taken, redirects) = await TakenSlugsAsync(db, title, entryId, cancellationToken);
            if (duplicate is not null)
            {
                return duplicate;
            }
            SlugMoves.Retitle(db, entry, title, taken, redirects);
        }
        entry.BodyMarkdown = input.Body;
        entry.Visibility = input.Visibility;
        entry.ProgramId = input.ProgramId;
        await ApplyTopicAsync(db, entry, input.Topic, cancellationToken);
        if (input.Tags is not null)
        {
            TagRules.Apply(entry, input.Tags);
        }
        await LinkTopicsAsync(db, entry, input.LinkedTopicIds, cancellationToken);
        await MeetingFieldWriter.ApplyAsync(db, entry, input.Meeting, clock.GetUtcNow(), cancellationToken);
        await SummaryFields.ApplyAsync(db, entry, input.Summary, clock.GetUtcNow(), cancellationToken);
        if (!recorder.RecordIfChanged(db, entry, before, AuthorOf(user!), clock.GetUtcNow(), Note(input.EditNote, ""), action))
        {
            await drafts.DiscardDraftAsync(userId, entryId, cancellationToken);
            return new SaveResult.Unchanged(entry.RevisionNumber);
        }
        if (entry.Slug != oldSlug)
        {
            recorder.RenderLinksTo(db, entry.Slug);
        }
        // The writer's autosaved draft goes in the same transaction as the save it became.
        if (await EntryDrafts.TrackedDraftOf.For(db)(db, userId, entryId, cancellationToken) is { } draft)
        {
            db.EditDrafts.Remove(draft);
        }
        var changedPages = PublicPageCache.TagsChangedBy(db, entry, before);
        try
        {
            if (!await SummaryFields.SaveIfReviewStateUnchangedAsync(db, entry, cancellationToken))
            {
                // A reviewer decided between our read and our write: save again on the state as it is now.
                return await SaveAsync(userId, entryId, baseRevision, input, action, turn, cancellationToken);
            }
        }
        catch (DbUpdateException e) when (LostRace.Is(e))
        {
            // Someone saved between our read and our write: the UPDATE matched no row (or, on PostgreSQL, our
            // revision number was just taken).
            return await ConflictAsync(user!, entryId, baseRevision, input, cancellationToken);
        }
        try
        {
            await NotifyWatchersAsync(user!, entry.Id, entry.RevisionNumber, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The revision is committed: telling the writer the save failed would have them save it again.
            logger.LogError(e, "Revision {Revision} of entry #{EntryId} is saved, but its watchers could not be told", entry.RevisionNumber, entry.Id);
        }
        finally
        {
            // The revision is committed: its pages are evicted even when telling the watchers failed.
            await cache.EvictAsync(changedPages, [.. db.ChangeTracker.Entries<Activity>().Select(a => a.Entity.Id)], hereDone: turn.Dispose, cancellationToken);
        }
        presence.NotifySaved(entry.Id, entry.RevisionNumber, user!.Name);
        return new SaveResult.Saved(entry.Id, entry.Slug, entry.RevisionNumber);
    }

    /// <summary>Brings back an old revision's title and text as a new revision: history only grows.</summary>
    public Task<SaveResult> RestoreAsync(string userId, int entryId, int revisionNumber, CancellationToken cancellationToken = default) =>
        GuardAsync($"Restoring revision {revisionNumber} of entry #{entryId}", turn => RestoreUnguardedAsync(userId, entryId, revisionNumber, turn, cancellationToken), cancellationToken);

    private async Task<SaveResult> RestoreUnguardedAsync(string userId, int entryId, int revisionNumber, IDisposable turn, CancellationToken cancellationToken)
    {
        Revision? old;
        Entry? current;
        MeetingInput? meeting = null;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            old = await db.Revisions.AsNoTracking().FirstOrDefaultAsync(r => r.EntryId == entryId && r.Number == revisionNumber, cancellationToken);
            current = await db.Entries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == entryId, cancellationToken);
            if (old is not null && current?.Kind == EntryKind.Meeting)
            {
                meeting = await MeetingFieldWriter.InputFromRevisionAsync(db, EntryFields.FromJson(old.FieldsJson), cancellationToken);
            }
        }
        if (old is null || current is null)
        {
            return new SaveResult.Refused("That revision does not exist.");
        }
        var input = new EntryInput(old.Title, old.BodyMarkdown, current.Visibility, current.ProgramId, $"Restored revision {revisionNumber}",
            current.Kind == EntryKind.Topic ? await TopicFromRevisionAsync(old, cancellationToken) : null,
            EntryFields.FromJson(old.FieldsJson).Tags ?? [],
            current.Kind == EntryKind.Question ? EntryFields.FromJson(old.FieldsJson).LinkedTopicIds ?? [] : null,
            meeting,
            Summary: current.Kind == EntryKind.WeeklySummary ? await summaryFields.FromRevisionAsync(old, cancellationToken) : null);
        return await SaveAsync(userId, entryId, current.RevisionNumber, input, ActivityActions.EntryRestored, turn, cancellationToken);
    }

    /// <summary>Opens an entry for editing, or says why this user may not.</summary>
    public async Task<EditSession?> OpenAsync(string userId, string slug, CancellationToken cancellationToken = default)
    {
        var user = await users.LoadAsync(userId, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entry = await db.Entries.ReadableBy(user).AsNoTracking()
            .Include(e => e.Researchers).Include(e => e.Outputs).Include(e => e.Tags).Include(e => e.LinkedTopics)
            .Include(e => e.Meeting).Include(e => e.Attendees).Include(e => e.ActionItems)
            .Include(e => e.Summary)
            .AsSplitQuery()
            .FirstOrDefaultAsync(e => e.Slug == slug, cancellationToken);
        if (entry is null)
        {
            return null;
        }
        var facts = (await EntryAccess.FactsAsync(db, entry.Id, cancellationToken))!;
        var refusal = !EditableKinds.Contains(entry.Kind) ? $"{entry.Kind} entries are not edited here yet."
            : !EntryPermissions.Can(user, EntryOperation.Edit, facts) ? "You may not edit this entry: it belongs to another program and you are not listed on it."
            : null;
        return new EditSession(entry.Id, entry.Kind, entry.Slug, entry.Title, entry.BodyMarkdown, entry.Visibility, entry.ProgramId, entry.RevisionNumber,
            EntryPermissions.Can(user, EntryOperation.MakePublic, facts), refusal, entry.Kind == EntryKind.Topic ? TopicOf(entry) : null,
            [.. entry.Tags.Select(t => t.Name).Order(StringComparer.Ordinal)],
            [.. entry.LinkedTopics.Select(t => t.TopicId)],
            entry.Kind == EntryKind.Meeting ? MeetingFieldWriter.InputOf(entry) : null,
            Summary: SummaryFields.InputOf(entry));
    }

    /// <summary>A blank entry of a kind, for the "new" form.</summary>
    public async Task<EditSession> BlankAsync(string userId, EntryKind kind, CancellationToken cancellationToken = default)
    {
        var user = await users.LoadAsync(userId, cancellationToken);
        var facts = EntryAccessFacts.NewEntry(user?.ProgramId);
        var refusal = !EditableKinds.Contains(kind) ? $"{kind} entries are not written here yet."
            : !EntryPermissions.Can(user, EntryOperation.Create, facts) ? "Sign in to write." : null;
        MeetingInput? meeting = null;
        if (kind == EntryKind.Meeting && refusal is null)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            meeting = new MeetingInput(today, user?.MemberId is { } attendee ? [attendee] : [], await MeetingAgenda.RollOverAsync(db, user, cancellationToken), "", []);
        }
        // Meetings are the whole team's: shared, not owned by the note-taker's program.
        return new EditSession(0, kind, "", meeting is null ? "" : MeetingFieldWriter.DefaultTitle(meeting.Date), "", Visibility.Team,
            user?.IsResearcher == true && kind != EntryKind.Meeting ? user.ProgramId : null, 0,
            EntryPermissions.Can(user, EntryOperation.MakePublic, facts), refusal,
            kind == EntryKind.Topic ? new TopicInput(user?.MemberId is { } me ? [me] : [], []) : null,
            Meeting: meeting,
            Summary: kind == EntryKind.WeeklySummary ? SummaryFields.Blank(user, clock.GetUtcNow()) : null);
    }

    /// <summary>
    /// A write the database refuses (busy past its timeout, disk full) becomes a message the editor shows beside
    /// the user's text, which stays where it is, and a reference that the log holds with the exception.
    /// </summary>
    private async Task<SaveResult> GuardAsync(string what, Func<IDisposable, Task<SaveResult>> write, CancellationToken cancellationToken)
    {
        // A write waits for a turn (SaveTurns) and gives it back when it ends or, earlier, once it has evicted this
        // instance's cache (PublicPageCache.EvictAsync's hereDone): the other instances' answers may take seconds.
        using var turn = await turns.WaitAsync(cancellationToken);
        try
        {
            return await write(turn);
        }
        catch (Exception e) when (DatabaseFaults.Report(e, logger, what) is { } failure)
        {
            return new SaveResult.Failed(failure.Message, failure.Reference);
        }
    }

    private static TopicInput TopicOf(Entry entry) => new(
        [.. entry.Researchers.OrderBy(r => r.Position).Select(r => r.MemberId)],
        [.. entry.Outputs.Where(o => o.Status != OutputStatus.Removed).OrderBy(o => o.Position).Select(o => new OutputInput(o.Title, o.Url, o.Status, o.SummaryMarkdown))]);

    private async Task<TopicInput> TopicFromRevisionAsync(Revision revision, CancellationToken cancellationToken)
    {
        var fields = EntryFields.FromJson(revision.FieldsJson);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var slugs = fields.Researchers.Select(r => r.Member).ToList();
        var ids = await db.Members.Where(m => slugs.Contains(m.Slug)).ToDictionaryAsync(m => m.Slug, m => m.Id, cancellationToken);
        return new TopicInput(
            [.. slugs.Where(ids.ContainsKey).Select(s => ids[s])],
            [.. fields.Outputs.Where(o => o.Status != OutputStatus.Removed).Select(o => new OutputInput(o.Title, o.Url, o.Status, o.Summary))]);
    }

    /// <summary>
    /// Sets a topic's researchers and outputs. Rows are updated in place; an output taken out is kept,
    /// marked removed, like one gone from the README, so the history can always show it.
    /// </summary>
    private static async Task ApplyTopicAsync(WikiDbContext db, Entry entry, TopicInput? topic, CancellationToken cancellationToken)
    {
        if (topic is null || entry.Kind != EntryKind.Topic)
        {
            return;
        }
        var ids = topic.ResearcherMemberIds.Distinct().ToList();
        var members = await db.Members.Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
        entry.Researchers.RemoveAll(r => !members.ContainsKey(r.MemberId));
        foreach (var (id, position) in ids.Where(members.ContainsKey).Select((id, i) => (id, i)))
        {
            var row = entry.Researchers.FirstOrDefault(r => r.MemberId == id);
            if (row is null)
            {
                row = new TopicResearcher { Member = members[id], CreditedAs = members[id].Name };
                entry.Researchers.Add(row);
            }
            row.Position = position;
        }

        var current = entry.Outputs.Where(o => o.Status != OutputStatus.Removed).OrderBy(o => o.Position).ToList();
        for (var i = 0; i < topic.Outputs.Count; i++)
        {
            var output = topic.Outputs[i];
            var row = i < current.Count ? current[i] : null;
            if (row is null)
            {
                row = new TopicOutput();
                entry.Outputs.Add(row);
            }
            row.Position = i;
            row.Title = string.IsNullOrWhiteSpace(output.Title) ? null : output.Title.Trim();
            row.Url = output.Url.Trim();
            row.Status = output.Status == OutputStatus.Removed ? OutputStatus.Published : output.Status;
            row.SummaryMarkdown = output.Summary;
            row.SummaryHeading ??= output.Summary.Length > 0 ? "Summary:" : null;
        }
        var next = topic.Outputs.Count;
        foreach (var row in current.Skip(topic.Outputs.Count))
        {
            row.Status = OutputStatus.Removed;
            row.Position = next++;
        }
        foreach (var row in entry.Outputs.Where(o => o.Status == OutputStatus.Removed).Except(current).OrderBy(o => o.Position))
        {
            row.Position = next++;
        }
    }

    /// <summary>Links a question to topics (only topics, and only for questions).</summary>
    private static async Task LinkTopicsAsync(WikiDbContext db, Entry entry, IReadOnlyList<int>? topicIds, CancellationToken cancellationToken)
    {
        if (topicIds is null || entry.Kind != EntryKind.Question)
        {
            return;
        }
        var valid = await db.Entries.Where(e => topicIds.Contains(e.Id) && e.Kind == EntryKind.Topic).Select(e => e.Id).ToListAsync(cancellationToken);
        entry.LinkedTopics.RemoveAll(l => !valid.Contains(l.TopicId));
        foreach (var id in valid.Where(id => !entry.LinkedTopics.Any(l => l.TopicId == id)))
        {
            entry.LinkedTopics.Add(new QuestionTopic { TopicId = id });
        }
    }

    private static SaveResult.Invalid? Invalid(EntryInput input)
    {
        var problems = EntryRules.Problems(input);
        return problems.Count == 0 ? null : new SaveResult.Invalid(problems);
    }

    public const string MeetingsStayWithTheTeam = "Meetings are for the team's members only: their notes and action items are never public. Choose Team or Draft.";

    private static SaveResult.Invalid? KindVisibilityProblem(EntryKind kind, EntryInput input) =>
        input.Visibility == Visibility.Public && !EntryPermissions.MayBePublic(kind)
            ? new SaveResult.Invalid(new Dictionary<string, string> { [nameof(EntryInput.Visibility)] = MeetingsStayWithTheTeam })
            : null;

    /// <summary>What stops this writer whatever the entry: a locked account, or saving too fast.</summary>
    private SaveResult.Refused? WriterRefusal(WikiUser? user) =>
        user is { Locked: true } ? new SaveResult.Refused("Your account is locked, so nothing was saved. Ask an admin to unlock it.")
        : user is not null && rateLimit.Refusal(user.Id) is { } tooFast ? new SaveResult.Refused(tooFast)
        : null;

    private static async Task<SaveResult.Refused?> RefusalAsync(WikiDbContext db, WikiUser? user, int entryId, EntryInput input, CancellationToken cancellationToken)
    {
        var facts = await EntryAccess.FactsAsync(db, entryId, cancellationToken);
        if (facts is null || !EntryPermissions.Can(user, EntryOperation.Read, facts))
        {
            return new SaveResult.Refused("This entry does not exist, or you may not see it.");
        }
        if (!EntryPermissions.Can(user, EntryOperation.Edit, facts))
        {
            return new SaveResult.Refused(user is null ? "Sign in to edit." : "You may not edit this entry: it belongs to another program and you are not listed on it.");
        }
        if ((input.Visibility == Visibility.Public) != (facts.Visibility == Visibility.Public) && !EntryPermissions.Can(user, EntryOperation.MakePublic, facts))
        {
            return new SaveResult.Refused("Only the mentor or an admin can publish an entry or take it back from the public.");
        }
        var ownsProgram = input.ProgramId is null || input.ProgramId == user!.ProgramId || user.SeesEverything;
        if (input.ProgramId != facts.OwningProgramId && !ownsProgram)
        {
            return new SaveResult.Refused("You can give an entry to your own program, or make it shared.");
        }
        return null;
    }

    private async Task<SaveResult.Conflict> ConflictAsync(WikiUser user, int entryId, int baseRevision, EntryInput input, CancellationToken cancellationToken)
    {
        await drafts.SaveDraftAsync(user.Id, entryId, baseRevision, input.Title, input.Body, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var theirs = await db.Revisions.AsNoTracking().Where(r => r.EntryId == entryId).OrderByDescending(r => r.Number).FirstAsync(cancellationToken);
        var original = await db.Revisions.AsNoTracking().Where(r => r.EntryId == entryId && r.Number == baseRevision).FirstOrDefaultAsync(cancellationToken);
        var merged = original is null ? null : Merge(original, theirs, input);
        return new SaveResult.Conflict(theirs.Number, theirs.Title, theirs.BodyMarkdown, theirs.AuthorName, merged?.Title, merged?.Body);
    }

    /// <summary>The automatic merge of two edits that touch different parts, or null when a person must merge.</summary>
    private static (string Title, string Body)? Merge(Revision original, Revision theirs, EntryInput mine)
    {
        var title = mine.Title.Trim() == original.Title ? theirs.Title
            : theirs.Title == original.Title || theirs.Title == mine.Title.Trim() ? mine.Title.Trim()
            : null;
        var body = ThreeWayMerge.TryMerge(original.BodyMarkdown, mine.Body, theirs.BodyMarkdown);
        return title is null || body is null ? null : (title, body);
    }

    /// <summary>
    /// The slugs and redirects a new title could collide with, so that a rename picks a free slug; and the
    /// refusal when the title's own slug belongs to another entry, since two entries may not share an address.
    /// </summary>
    private static async Task<(SaveResult.Invalid? Duplicate, HashSet<string> Taken, List<SlugRedirect> Redirects)> TakenSlugsAsync(WikiDbContext db, string title, int? entryId, CancellationToken cancellationToken)
    {
        var wanted = Slugs.From(title);
        var taken = new HashSet<string>();
        var redirects = new List<SlugRedirect>();
        // The slugs Slugs.Unique tries, a batch at a time until one is free, read by their keys: a search by prefix
        // (LIKE 'wanted%') read every entry's slug on each save that names an entry (QueryPlanTests).
        for (var first = 1; ; first += SlugBatch)
        {
            var candidates = Enumerable.Range(first, SlugBatch).Select(n => n == 1 ? wanted : $"{wanted}-{n}").ToList();
            var entries = await db.Entries.Where(e => candidates.Contains(e.Slug)).Select(e => new { e.Id, e.Slug, e.Title }).ToListAsync(cancellationToken);
            if (entries.FirstOrDefault(e => e.Slug == wanted && e.Id != entryId) is { } other)
            {
                return (new SaveResult.Invalid(new Dictionary<string, string> { [nameof(EntryInput.Title)] = $"There is already an entry called “{other.Title}” at this address. Choose another title." }), [], []);
            }
            var found = await db.SlugRedirects.Where(r => candidates.Contains(r.Slug)).ToListAsync(cancellationToken);
            redirects.AddRange(found);
            taken.UnionWith([.. entries.Select(e => e.Slug), .. found.Select(r => r.Slug)]);
            if (!candidates.All(taken.Contains))
            {
                return (null, taken, redirects);
            }
        }
    }

    private const int SlugBatch = 20;

    /// <summary>After the save: the watchers hear of it (each only if they may read the entry as it is now).</summary>
    private async Task NotifyWatchersAsync(WikiUser user, int entryId, int revisionNumber, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var watchers = await Watchers.OfAsync(db, entryId, cancellationToken);
        var notified = await notifier.AddAsync(db, watchers, user.Id,
            new Notifier.Message(NotificationKind.WatchedChange, entryId, user.Name, $"saved revision {revisionNumber} of an entry you watch", RevisionNumber: revisionNumber), clock.GetUtcNow(), cancellationToken);
        if (notified.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            inbox.Raise(notified);
        }
    }

    private static Author AuthorOf(WikiUser user) => new(user.Name, user.Id, user.ProgramId);

    private static string Note(string? note, string fallback) => string.IsNullOrWhiteSpace(note) ? fallback : note.Trim();
}
