using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Entries.Saving;

/// <summary>
/// Creating, saving and restoring entries from the browser: the one save path. Every save names the revision it
/// was based on and moves the entry only if that is still the current one (the revision number is a concurrency
/// token); otherwise the save is refused as a conflict and the user's text is kept as a draft. Each kind adds its
/// own fields (<see cref="IEntryKindFields"/>); what follows a saved revision is a list of steps (<see cref="ISaveStep"/>).
/// </summary>
public sealed class EntryEditor(
    IDbContextFactory<WikiDbContext> dbFactory,
    RevisionRecorder recorder,
    WikiUsers users,
    EditableKinds kinds,
    IEnumerable<ISaveStep> steps,
    WriteRateLimit rateLimit,
    SaveTurns turns,
    EntryDrafts drafts,
    ILogger<EntryEditor> logger,
    TimeProvider clock)
{
    /// <summary>
    /// How often a save is made again when a kind's state moved between its read and its write (a reviewer's
    /// decision on a summary): each time it reads the state anew, so a second try normally lands.
    /// </summary>
    private const int Attempts = 5;

    public Task<SaveResult> CreateAsync(string userId, EntryKind kind, EntryInput input, CancellationToken cancellationToken = default) =>
        GuardAsync($"Creating a {kind}", turn => CreateUnguardedAsync(userId, kind, input, turn, cancellationToken), cancellationToken);

    private async Task<SaveResult> CreateUnguardedAsync(string userId, EntryKind kind, EntryInput input, IDisposable turn, CancellationToken cancellationToken)
    {
        var fields = kinds.For(kind);
        if (fields is not null)
        {
            input = await fields.CompleteAsync(input, cancellationToken);
        }
        if (Invalid(input) is { } invalid)
        {
            return invalid;
        }
        var user = await users.LoadAsync(userId, cancellationToken);
        if (WriterRefusal(user) is { } writerRefusal)
        {
            return writerRefusal;
        }
        if (fields is null)
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
        if (await fields.CheckAsync(db, user, input, entry: null, cancellationToken) is { } kindProblem)
        {
            return kindProblem;
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
        TagRules.Apply(entry, input.Tags ?? []);
        await fields.ApplyAsync(db, entry, input, clock.GetUtcNow(), cancellationToken);
        db.Entries.Add(entry);
        recorder.RecordIfChanged(db, entry, before: null, AuthorOf(user!), clock.GetUtcNow(), Note(input.EditNote, "Created"));
        var save = new EntrySave(db, user!, entry, before: null, oldSlug: null, turn);
        var afterCommit = await InTransactionAsync(save, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await AfterCommitAsync(save, afterCommit, cancellationToken);
        return new SaveResult.Saved(entry.Id, entry.Slug, entry.RevisionNumber);
    }

    public Task<SaveResult> SaveAsync(string userId, int entryId, int baseRevision, EntryInput input, CancellationToken cancellationToken = default) =>
        GuardAsync($"Saving entry #{entryId}", turn => SaveAsync(userId, entryId, baseRevision, input, action: null, turn, cancellationToken), cancellationToken);

    /// <summary>A save like any other, by the person who accepts changes of a suggestion; the revision credits the suggestion too.</summary>
    public Task<SaveResult> SaveAcceptedSuggestionAsync(string userId, int entryId, int baseRevision, EntryInput input, int suggestionId, CancellationToken cancellationToken = default) =>
        GuardAsync($"Accepting suggestion #{suggestionId} on entry #{entryId}", turn => SaveAsync(userId, entryId, baseRevision, input, action: null, turn, cancellationToken, suggestionId), cancellationToken);

    /// <summary>
    /// A save sent through a personal access token (/api/v1): credited "by the assistant for the member" when the token
    /// names one. A conflict keeps no draft in the member's name: the caller is told both revisions and sends again.
    /// </summary>
    public Task<SaveResult> SaveThroughTokenAsync(string userId, int entryId, int baseRevision, EntryInput input, string? assistantName, CancellationToken cancellationToken = default) =>
        GuardAsync($"Saving entry #{entryId} through a token", turn => SaveAsync(userId, entryId, baseRevision, input, action: null, turn, cancellationToken,
            token: new TokenWrite(assistantName)), cancellationToken);

    /// <summary>A save through a token, and the assistant it is credited to, if any.</summary>
    private sealed record TokenWrite(string? AssistantName);

    // action: what the audit log calls this save when it is more than an edit (a restore).
    private async Task<SaveResult> SaveAsync(string userId, int entryId, int baseRevision, EntryInput input, string? action, IDisposable turn,
        CancellationToken cancellationToken, int? suggestionId = null, TokenWrite? token = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await SaveOnceAsync(userId, entryId, baseRevision, input, action, turn, suggestionId, token, cancellationToken) is { } result)
            {
                return result;
            }
            if (attempt == Attempts)
            {
                // Only a busy reviewer's clicks could move the state this often; the writer's text is kept.
                if (token is null)
                {
                    await drafts.SaveDraftAsync(userId, entryId, baseRevision, input.Title, input.Body, cancellationToken);
                }
                return new SaveResult.Refused("The entry's review state kept changing while it was being saved, so nothing was saved. Your text is kept: save again.");
            }
        }
    }

    /// <summary>One attempt at a save; null when a kind's state moved between the read and the write, and the save must be made again.</summary>
    private async Task<SaveResult?> SaveOnceAsync(string userId, int entryId, int baseRevision, EntryInput input, string? action, IDisposable turn,
        int? suggestionId, TokenWrite? token, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var facts = await EntryAccess.FactsAsync(db, entryId, cancellationToken);
        var fields = facts?.Kind is { } kind ? kinds.For(kind) : null;
        if (fields is not null)
        {
            input = await fields.CompleteAsync(input, cancellationToken);
        }
        if (Invalid(input) is { } invalid)
        {
            return invalid;
        }
        var user = await users.LoadAsync(userId, cancellationToken);
        if (WriterRefusal(user) is { } writerRefusal)
        {
            return writerRefusal;
        }
        if (Refusal(facts, user, input) is { } refused)
        {
            return refused;
        }

        var entry = await EntryGraph.WithFieldsAsync(db, entryId, cancellationToken)
            ?? throw new InvalidOperationException($"Entry #{entryId} was deleted during the save.");
        if (entry.RevisionNumber != baseRevision)
        {
            return await ConflictAsync(user!, entryId, baseRevision, input, keepDraft: token is null, cancellationToken);
        }
        if (fields is not null && await fields.CheckAsync(db, user, input, entry, cancellationToken) is { } kindProblem)
        {
            return kindProblem;
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
        if (input.Tags is not null)
        {
            TagRules.Apply(entry, input.Tags);
        }
        if (fields is not null)
        {
            await fields.ApplyAsync(db, entry, input, clock.GetUtcNow(), cancellationToken);
        }
        if (!recorder.RecordIfChanged(db, entry, before, AuthorOf(user!) with { AssistantName = token?.AssistantName }, clock.GetUtcNow(), Note(input.EditNote, ""), action, suggestionId))
        {
            await drafts.DiscardDraftAsync(userId, entryId, cancellationToken);
            return new SaveResult.Unchanged(entry.RevisionNumber);
        }
        var save = new EntrySave(db, user!, entry, before, oldSlug, turn);
        var afterCommit = await InTransactionAsync(save, cancellationToken);
        try
        {
            if (!await CommitAsync(db, entry, fields, cancellationToken))
            {
                return null;
            }
        }
        catch (DbUpdateException e) when (LostRace.Is(e))
        {
            // Someone saved between our read and our write: the UPDATE matched no row (or, on PostgreSQL, our
            // revision number was just taken).
            return await ConflictAsync(user!, entryId, baseRevision, input, keepDraft: token is null, cancellationToken);
        }
        await AfterCommitAsync(save, afterCommit, cancellationToken);
        return new SaveResult.Saved(entry.Id, entry.Slug, entry.RevisionNumber);
    }

    /// <summary>
    /// Writes the save. A kind that checks its state at the write (a summary's review state) gets a transaction
    /// begun with a write, so that SQLite's write lock is held from its check to the commit; false when the check
    /// failed and nothing was written. Any other save lets SaveChanges make its own transaction, begun after it
    /// has found the changes and built its commands, so the write lock (SqliteWriteGate) is held for less of it.
    /// </summary>
    private static async Task<bool> CommitAsync(WikiDbContext db, Entry entry, IEntryKindFields? fields, CancellationToken cancellationToken)
    {
        if (fields is null || !fields.ChecksStateAtWrite(entry))
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await fields.StillAsReadAsync(db, entry, cancellationToken))
        {
            return false;
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private async Task<List<(ISaveStep Step, AfterCommit Then)>> InTransactionAsync(EntrySave save, CancellationToken cancellationToken)
    {
        var afterCommit = new List<(ISaveStep, AfterCommit)>();
        foreach (var step in steps)
        {
            if (await step.InTransactionAsync(save, cancellationToken) is { } then)
            {
                afterCommit.Add((step, then));
            }
        }
        return afterCommit;
    }

    /// <summary>
    /// The steps' work after the commit, each in turn even when one before it failed: the revision is committed,
    /// and telling the writer the save failed would have them save it again.
    /// </summary>
    private async Task AfterCommitAsync(EntrySave save, List<(ISaveStep Step, AfterCommit Then)> afterCommit, CancellationToken cancellationToken)
    {
        OperationCanceledException? cancelled = null;
        foreach (var (step, then) in afterCommit)
        {
            try
            {
                await then(cancellationToken);
            }
            catch (OperationCanceledException e)
            {
                cancelled ??= e;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Revision {Revision} of entry #{EntryId} is saved, but the step after it {Step} failed", save.Entry.RevisionNumber, save.Entry.Id, step.GetType().Name);
            }
        }
        if (cancelled is not null)
        {
            throw cancelled;
        }
    }

    /// <summary>Brings back an old revision's title and text as a new revision: history only grows.</summary>
    public Task<SaveResult> RestoreAsync(string userId, int entryId, int revisionNumber, CancellationToken cancellationToken = default) =>
        GuardAsync($"Restoring revision {revisionNumber} of entry #{entryId}", turn => RestoreUnguardedAsync(userId, entryId, revisionNumber, turn, cancellationToken), cancellationToken);

    private async Task<SaveResult> RestoreUnguardedAsync(string userId, int entryId, int revisionNumber, IDisposable turn, CancellationToken cancellationToken)
    {
        EntryInput input;
        int currentRevision;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var old = await db.Revisions.AsNoTracking().FirstOrDefaultAsync(r => r.EntryId == entryId && r.Number == revisionNumber, cancellationToken);
            var current = await db.Entries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == entryId, cancellationToken);
            if (old is null || current is null)
            {
                return new SaveResult.Refused("That revision does not exist.");
            }
            var fields = EntryFields.FromJson(old.FieldsJson);
            input = new EntryInput(old.Title, old.BodyMarkdown, current.Visibility, current.ProgramId, $"Restored revision {revisionNumber}", Tags: fields.Tags ?? []);
            if (kinds.For(current.Kind) is { } kind)
            {
                input = await kind.FromRevisionAsync(db, fields, input, cancellationToken);
            }
            currentRevision = current.RevisionNumber;
        }
        return await SaveAsync(userId, entryId, currentRevision, input, AuditActions.EntryRestored, turn, cancellationToken);
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
        var kind = kinds.For(entry.Kind);
        var refusal = kind is null ? $"{entry.Kind} entries are not edited here yet."
            : !EntryPermissions.Can(user, EntryOperation.Edit, facts) ? "You may not edit this entry: it belongs to another program and you are not listed on it."
            : null;
        var input = new EntryInput(entry.Title, entry.BodyMarkdown, entry.Visibility, entry.ProgramId,
            Tags: [.. entry.Tags.Select(t => t.Name).Order(StringComparer.Ordinal)]);
        return EditSession.Of(entry.Id, entry.Kind, entry.Slug, entry.RevisionNumber, EntryPermissions.Can(user, EntryOperation.MakePublic, facts), refusal,
            kind is null ? input : kind.Read(entry, input));
    }

    /// <summary>A blank entry of a kind, for the "new" form.</summary>
    public async Task<EditSession> BlankAsync(string userId, EntryKind kind, CancellationToken cancellationToken = default)
    {
        var user = await users.LoadAsync(userId, cancellationToken);
        var facts = EntryAccessFacts.NewEntry(user?.ProgramId);
        var fields = kinds.For(kind);
        var refusal = fields is null ? $"{kind} entries are not written here yet."
            : !EntryPermissions.Can(user, EntryOperation.Create, facts) ? "Sign in to write." : null;
        var input = new EntryInput("", "", Visibility.Team, user?.IsResearcher == true ? user.ProgramId : null);
        if (fields is not null && refusal is null)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            input = await fields.BlankAsync(db, user, input, clock.GetUtcNow(), cancellationToken);
        }
        return EditSession.Of(0, kind, "", 0, EntryPermissions.Can(user, EntryOperation.MakePublic, facts), refusal, input);
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

    private static SaveResult.Refused? Refusal(EntryAccessFacts? facts, WikiUser? user, EntryInput input)
    {
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

    private async Task<SaveResult.Conflict> ConflictAsync(WikiUser user, int entryId, int baseRevision, EntryInput input, bool keepDraft, CancellationToken cancellationToken)
    {
        if (keepDraft)
        {
            await drafts.SaveDraftAsync(user.Id, entryId, baseRevision, input.Title, input.Body, cancellationToken);
        }
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

    private static Author AuthorOf(WikiUser user) => new(user.Name, user.Id, user.ProgramId);

    private static string Note(string? note, string fallback) => string.IsNullOrWhiteSpace(note) ? fallback : note.Trim();
}
