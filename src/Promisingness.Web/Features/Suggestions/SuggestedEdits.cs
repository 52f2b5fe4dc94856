using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Features.Notifications;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Suggestions;

/// <summary>
/// Suggested edits: the rules in one place. A member who may read and comment on an entry may suggest a change to
/// it; those who may edit it accept or reject the change hunk by hunk; the suggester may withdraw it. An accepted
/// change is saved through <see cref="EntryEditor"/> like any edit, by the person who accepts it, and the revision
/// credits the suggestion. The suggester hears of each decision in their inbox.
/// </summary>
public sealed class SuggestedEdits(
    IDbContextFactory<WikiDbContext> dbFactory,
    EntryEditor editor,
    EditableKinds kinds,
    WikiUsers users,
    Notifier notifier,
    InboxEvents inbox,
    WriteRateLimit rateLimit,
    TimeProvider clock)
{
    private const string NotYours = "Only those who may edit this entry (its authors, listed researchers, its program, the mentor) accept or reject suggestions.";

    /// <summary>A member who may read and comment on an entry of a kind the editor writes.</summary>
    public bool MaySuggest(WikiUser? user, EntryAccessFacts facts) =>
        facts.Kind is { } kind && kinds.For(kind) is not null && EntryPermissions.Can(user, EntryOperation.Comment, facts);

    /// <summary>Whoever may edit the entry.</summary>
    public static bool MayDecide(WikiUser? user, EntryAccessFacts facts) => EntryPermissions.Can(user, EntryOperation.Edit, facts);

    /// <summary>The editor opened on an entry to suggest a change to it, or null when the user may not see the entry.</summary>
    public async Task<EditSession?> OpenAsync(string userId, string slug, CancellationToken cancellationToken = default)
    {
        var session = await editor.OpenAsync(userId, slug, cancellationToken);
        if (session is null)
        {
            return null;
        }
        var user = await users.LoadAsync(userId, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var facts = await EntryAccess.FactsAsync(db, session.EntryId, cancellationToken);
        return session with { Refusal = facts is not null && MaySuggest(user, facts) ? null : "You may not suggest changes to this entry." };
    }

    public async Task<SuggestionResult> CreateAsync(string userId, int entryId, int baseRevision, EntryInput input, string? assistantName = null,
        CancellationToken cancellationToken = default)
    {
        var problems = EntryRules.Problems(input);
        if (problems.Count > 0)
        {
            return new SuggestionResult.Invalid(problems);
        }
        if (rateLimit.Refusal(userId) is { } tooFast)
        {
            return new SuggestionResult.Refused(tooFast);
        }
        var user = await users.LoadAsync(userId, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var facts = await EntryAccess.FactsAsync(db, entryId, cancellationToken);
        if (facts is null || !EntryPermissions.Can(user, EntryOperation.Read, facts))
        {
            return new SuggestionResult.NotFound();
        }
        if (!MaySuggest(user, facts))
        {
            return new SuggestionResult.Refused(user is null ? "Sign in to suggest a change." : "You may not suggest changes to this entry.", NotAllowed: true);
        }
        var slug = await db.Entries.Where(e => e.Id == entryId).Select(e => e.Slug).FirstAsync(cancellationToken);
        var current = (await editor.OpenAsync(userId, slug, cancellationToken))!;
        if (baseRevision < 1 || baseRevision > current.RevisionNumber)
        {
            return new SuggestionResult.Refused($"The entry has no revision {baseRevision}; it is at revision {current.RevisionNumber}.");
        }
        var original = await BaseAsync(db, entryId, baseRevision, current, cancellationToken);
        // Fields not given (a script that sends only a text) stay as they are, as in the editor's save.
        var kept = SuggestedFields.InputOf(current);
        input = input with
        {
            Tags = input.Tags ?? kept.Tags,
            Topic = input.Topic ?? kept.Topic,
            LinkedTopicIds = input.LinkedTopicIds ?? kept.LinkedTopicIds,
            Meeting = input.Meeting ?? kept.Meeting,
            Summary = input.Summary ?? kept.Summary,
        };
        var suggestion = new Suggestion
        {
            EntryId = entryId,
            BaseRevisionNumber = baseRevision,
            SuggesterUserId = user!.Id,
            SuggesterName = user.Name,
            AssistantName = assistantName,
            CreatedAt = clock.GetUtcNow(),
            Title = input.Title.Trim(),
            // Lines are compared as the merge splits them.
            BodyMarkdown = input.Body.ReplaceLineEndings("\n"),
            FieldsJson = SuggestedFields.Of(input).ToJson(),
            BaseFieldsJson = original.FieldsJson,
            Note = input.EditNote.Trim(),
        };
        if (SuggestionHunks.Of(original, TextOf(suggestion)).Count == 0)
        {
            return new SuggestionResult.Refused("Your suggestion changes nothing: change the title, the text or a field first.");
        }
        db.Suggestions.Add(suggestion);
        await db.SaveChangesAsync(cancellationToken);

        var notified = await notifier.AddAsync(db, await Watchers.OfAsync(db, entryId, cancellationToken), user.Id,
            new Notifier.Message(NotificationKind.Suggestion, entryId, ByLine(suggestion), "suggested an edit to an entry you watch", Excerpt: suggestion.Note), suggestion.CreatedAt, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        inbox.Raise(notified);
        return new SuggestionResult.Done(suggestion.Id);
    }

    /// <summary>The entry's open suggestions, oldest first, for a member who may read its discussion; none for anyone else.</summary>
    public async Task<IReadOnlyList<SuggestionView>> OpenOnEntryAsync(int entryId, WikiUser? reader, CancellationToken cancellationToken = default) =>
        await ListAsync(entryId, reader, openOnly: true, cancellationToken);

    /// <summary>All the entry's suggestions, newest first.</summary>
    public async Task<IReadOnlyList<SuggestionView>> AllOnEntryAsync(int entryId, WikiUser? reader, CancellationToken cancellationToken = default) =>
        [.. (await ListAsync(entryId, reader, openOnly: false, cancellationToken)).OrderByDescending(s => s.Id)];

    /// <summary>The id of the entry at a slug, or null; who may see its suggestions is decided when they are read.</summary>
    public async Task<int?> EntryIdAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Entries.Where(e => e.Slug == slug).Select(e => (int?)e.Id).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<SuggestionView?> GetAsync(int suggestionId, WikiUser? reader, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entryId = await db.Suggestions.Where(s => s.Id == suggestionId).Select(s => (int?)s.EntryId).FirstOrDefaultAsync(cancellationToken);
        return entryId is null ? null : (await ListAsync(entryId.Value, reader, openOnly: false, cancellationToken, suggestionId)).SingleOrDefault();
    }

    private async Task<List<SuggestionView>> ListAsync(int entryId, WikiUser? reader, bool openOnly, CancellationToken cancellationToken, int? onlyId = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var facts = await EntryAccess.FactsAsync(db, entryId, cancellationToken);
        if (reader is null || facts is null || !EntryPermissions.Can(reader, EntryOperation.ReadComments, facts))
        {
            return [];
        }
        var suggestions = await db.Suggestions.AsNoTracking().Include(s => s.Decisions)
            .Where(s => s.EntryId == entryId && (!openOnly || s.State == SuggestionState.Open) && (onlyId == null || s.Id == onlyId))
            .OrderBy(s => s.Id).ToListAsync(cancellationToken);
        if (suggestions.Count == 0)
        {
            return [];
        }
        var slug = await db.Entries.Where(e => e.Id == entryId).Select(e => e.Slug).FirstAsync(cancellationToken);
        var session = (await editor.OpenAsync(reader.Id, slug, cancellationToken))!;
        var current = TextOf(session);
        var mayDecide = MayDecide(reader, facts);
        var views = new List<SuggestionView>();
        foreach (var suggestion in suggestions)
        {
            var original = await OriginalAsync(db, suggestion, cancellationToken);
            var hunks = SuggestionHunks.Of(original, TextOf(suggestion)).Select(h => ViewOf(h, suggestion, original, current)).ToList();
            var state = suggestion.State == SuggestionState.Open && hunks.All(h => h.State != HunkState.Open) ? SuggestionState.Outdated : suggestion.State;
            views.Add(new SuggestionView(suggestion.Id, entryId, slug, session.Kind, suggestion.BaseRevisionNumber, session.RevisionNumber,
                suggestion.SuggesterName, suggestion.AssistantName, suggestion.CreatedAt, suggestion.Note, state, hunks,
                mayDecide && suggestion.State == SuggestionState.Open,
                suggestion.State == SuggestionState.Open && suggestion.SuggesterUserId == reader.Id));
        }
        return views;
    }

    private static HunkView ViewOf(Hunk hunk, Suggestion suggestion, EntryText original, EntryText current)
    {
        var decision = suggestion.Decisions.FirstOrDefault(d => d.Hunk == hunk.Index);
        var state = decision is not null ? (decision.Accepted ? HunkState.Accepted : HunkState.Rejected)
            : suggestion.State != SuggestionState.Open || !SuggestionHunks.Applies(hunk, original, current) ? HunkState.Outdated
            : HunkState.Open;
        return new HunkView(hunk.Index, hunk.Part, state, hunk.Lines, decision?.DeciderName);
    }

    public Task<SuggestionResult> AcceptAsync(string userId, int suggestionId, int hunk, CancellationToken cancellationToken = default) =>
        DecideAsync(userId, suggestionId, hunk, accept: true, cancellationToken);

    public Task<SuggestionResult> RejectAsync(string userId, int suggestionId, int hunk, CancellationToken cancellationToken = default) =>
        DecideAsync(userId, suggestionId, hunk, accept: false, cancellationToken);

    /// <summary>Accepts every open change that still applies; changes that no longer apply stay undecided.</summary>
    public Task<SuggestionResult> AcceptAllAsync(string userId, int suggestionId, CancellationToken cancellationToken = default) =>
        DecideAsync(userId, suggestionId, hunk: null, accept: true, cancellationToken);

    /// <summary>Rejects every undecided change, outdated ones too, which closes the suggestion.</summary>
    public Task<SuggestionResult> RejectAllAsync(string userId, int suggestionId, CancellationToken cancellationToken = default) =>
        DecideAsync(userId, suggestionId, hunk: null, accept: false, cancellationToken);

    /// <summary>How often an acceptance is made again when someone saved the entry between its merge and its save.</summary>
    private const int Attempts = 3;

    // hunk: one change, or null for all.
    private async Task<SuggestionResult> DecideAsync(string userId, int suggestionId, int? hunk, bool accept, CancellationToken cancellationToken)
    {
        if (rateLimit.Refusal(userId) is { } tooFast)
        {
            return new SuggestionResult.Refused(tooFast);
        }
        for (var attempt = 1; ; attempt++)
        {
            var user = await users.LoadAsync(userId, cancellationToken);
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var suggestion = await db.Suggestions.Include(s => s.Decisions).Include(s => s.Entry).FirstOrDefaultAsync(s => s.Id == suggestionId, cancellationToken);
            var facts = suggestion is null ? null : await EntryAccess.FactsAsync(db, suggestion.EntryId, cancellationToken);
            if (suggestion is null || facts is null || !EntryPermissions.Can(user, EntryOperation.ReadComments, facts))
            {
                return new SuggestionResult.NotFound();
            }
            if (!MayDecide(user, facts))
            {
                return new SuggestionResult.Refused(NotYours, NotAllowed: true);
            }
            if (suggestion.State != SuggestionState.Open)
            {
                return new SuggestionResult.Refused($"This suggestion is closed ({suggestion.State}).");
            }
            var session = (await editor.OpenAsync(userId, suggestion.Entry!.Slug, cancellationToken))!;
            var current = TextOf(session);
            var original = await OriginalAsync(db, suggestion, cancellationToken);
            var suggested = TextOf(suggestion);
            var all = SuggestionHunks.Of(original, suggested);
            var undecided = all.Where(h => suggestion.Decisions.All(d => d.Hunk != h.Index)).ToList();
            var chosen = undecided.Where(h => hunk is null || h.Index == hunk).ToList();
            if (hunk is { } wanted && chosen.Count == 0)
            {
                return new SuggestionResult.Refused(all.Any(h => h.Index == wanted) ? "This change is already decided." : "This suggestion has no such change.");
            }
            int? revision = null;
            if (accept)
            {
                chosen = [.. chosen.Where(h => SuggestionHunks.Applies(h, original, current))];
                if (chosen.Count == 0)
                {
                    return new SuggestionResult.Refused(hunk is null
                        ? "None of the open changes still applies: the entry has changed there since. Reject them, or suggest again."
                        : "This change no longer applies: the entry has changed there since it was suggested. Reject it, or suggest it again.");
                }
                if (SuggestionHunks.Merge(chosen, original, suggested, current) is not { } merged)
                {
                    return new SuggestionResult.Refused("These changes no longer apply together. Accept them one by one.");
                }
                var input = SuggestedFields.FromJson(merged.FieldsJson).Into(merged.Title, merged.Body, EditNote(suggestion, chosen.Count, all.Count));
                var saved = await editor.SaveAcceptedSuggestionAsync(userId, suggestion.EntryId, session.RevisionNumber, input, suggestion.Id, cancellationToken);
                switch (saved)
                {
                    case SaveResult.Saved done:
                        revision = done.RevisionNumber;
                        break;
                    case SaveResult.Unchanged:
                        break;
                    case SaveResult.Conflict when attempt < Attempts:
                        // Someone saved in between: merge again onto their revision.
                        continue;
                    case SaveResult.Conflict:
                        return new SuggestionResult.Refused("The entry kept changing while the changes were being accepted. Try again.");
                    case SaveResult.Invalid invalid:
                        return new SuggestionResult.Refused($"The entry would not be valid with these changes: {string.Join(" ", invalid.Errors.Values)}");
                    case SaveResult.Refused refused:
                        return new SuggestionResult.Refused(refused.Message);
                    case SaveResult.Failed failed:
                        return new SuggestionResult.Refused($"{failed.Message} (reference {failed.Reference})");
                }
            }
            return await RecordAsync(db, user!, suggestion, all, chosen, accept, revision, cancellationToken);
        }
    }

    private async Task<SuggestionResult> RecordAsync(WikiDbContext db, WikiUser user, Suggestion suggestion, IReadOnlyList<Hunk> all, List<Hunk> chosen, bool accept,
        int? revision, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var hunk in chosen)
        {
            suggestion.Decisions.Add(new SuggestionDecision { Hunk = hunk.Index, Accepted = accept, DeciderUserId = user.Id, DeciderName = user.Name, At = now, RevisionNumber = revision });
        }
        var session = (await editor.OpenAsync(user.Id, suggestion.Entry!.Slug, cancellationToken))!;
        var original = await OriginalAsync(db, suggestion, cancellationToken);
        var stillOpen = all.Any(h => suggestion.Decisions.All(d => d.Hunk != h.Index) && SuggestionHunks.Applies(h, original, TextOf(session)));
        if (!stillOpen)
        {
            var accepted = suggestion.Decisions.Count(d => d.Accepted);
            suggestion.State = accepted == all.Count ? SuggestionState.Accepted
                : accepted > 0 ? SuggestionState.PartlyAccepted
                : suggestion.Decisions.Count == all.Count ? SuggestionState.Rejected
                : SuggestionState.Outdated;
            suggestion.ClosedAt = now;
        }
        var changes = chosen.Count == 1 ? "a change" : $"{chosen.Count} changes";
        var notified = await notifier.AddAsync(db, [suggestion.SuggesterUserId], user.Id,
            new Notifier.Message(NotificationKind.Suggestion, suggestion.EntryId, user.Name, $"{(accept ? "accepted" : "rejected")} {changes} of your suggestion", RevisionNumber: revision),
            now, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The key is (suggestion, change): someone else decided one of these changes in the meantime.
            return new SuggestionResult.Refused("Someone decided on this change at the same time. Reload to see their decision.");
        }
        inbox.Raise(notified);
        return new SuggestionResult.Done(suggestion.Id, revision);
    }

    /// <summary>The suggester takes back an open suggestion; decisions already made stand.</summary>
    public async Task<SuggestionResult> WithdrawAsync(string userId, int suggestionId, CancellationToken cancellationToken = default)
    {
        var user = await users.LoadAsync(userId, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var suggestion = await db.Suggestions.FirstOrDefaultAsync(s => s.Id == suggestionId, cancellationToken);
        var facts = suggestion is null ? null : await EntryAccess.FactsAsync(db, suggestion.EntryId, cancellationToken);
        if (suggestion is null || facts is null || !EntryPermissions.Can(user, EntryOperation.ReadComments, facts))
        {
            return new SuggestionResult.NotFound();
        }
        if (suggestion.SuggesterUserId != user!.Id)
        {
            return new SuggestionResult.Refused("Only the member who made a suggestion may withdraw it.", NotAllowed: true);
        }
        if (suggestion.State != SuggestionState.Open)
        {
            return new SuggestionResult.Refused($"This suggestion is closed ({suggestion.State}).");
        }
        suggestion.State = SuggestionState.Withdrawn;
        suggestion.ClosedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return new SuggestionResult.Done(suggestion.Id);
    }

    /// <summary>The entry at the suggestion's base revision: its title and text, and the fields as they were when it was made.</summary>
    private static async Task<EntryText> OriginalAsync(WikiDbContext db, Suggestion suggestion, CancellationToken cancellationToken)
    {
        var revision = await db.Revisions.AsNoTracking().Where(r => r.EntryId == suggestion.EntryId && r.Number == suggestion.BaseRevisionNumber)
            .Select(r => new { r.Title, r.BodyMarkdown }).FirstAsync(cancellationToken);
        return new EntryText(revision.Title, revision.BodyMarkdown, suggestion.BaseFieldsJson);
    }

    /// <summary>
    /// The base a new suggestion is found against. Its fields are the entry's as the editor opened it when the base is the
    /// current revision (the usual case); otherwise the base revision's own, read as a restore reads them.
    /// </summary>
    private async Task<EntryText> BaseAsync(WikiDbContext db, int entryId, int baseRevision, EditSession current, CancellationToken cancellationToken)
    {
        if (baseRevision == current.RevisionNumber)
        {
            return TextOf(current);
        }
        var old = await db.Revisions.AsNoTracking().FirstAsync(r => r.EntryId == entryId && r.Number == baseRevision, cancellationToken);
        var fields = EntryFields.FromJson(old.FieldsJson);
        var input = new EntryInput(old.Title, old.BodyMarkdown, old.Visibility, current.ProgramId, Tags: fields.Tags ?? []);
        if (kinds.For(current.Kind) is { } kind)
        {
            input = await kind.FromRevisionAsync(db, fields, input, cancellationToken);
        }
        return new EntryText(old.Title, old.BodyMarkdown, SuggestedFields.Of(input).ToJson());
    }

    private static EntryText TextOf(EditSession session) => new(session.Title, session.Body, SuggestedFields.Of(SuggestedFields.InputOf(session)).ToJson());

    private static EntryText TextOf(Suggestion suggestion) => new(suggestion.Title, suggestion.BodyMarkdown, suggestion.FieldsJson);

    private static string ByLine(Suggestion suggestion) =>
        suggestion.AssistantName is { } assistant ? $"{assistant} for {suggestion.SuggesterName}" : suggestion.SuggesterName;

    private static string EditNote(Suggestion suggestion, int accepted, int total)
    {
        var note = $"Accepted {(accepted == total ? "the suggestion" : $"{accepted} of {total} changes of the suggestion")} by {ByLine(suggestion)}";
        return suggestion.Note.Length > 0 ? Truncate($"{note}: {suggestion.Note}") : note;
    }

    private static string Truncate(string text) => text.Length > EntryRules.MaxEditNoteLength ? text[..EntryRules.MaxEditNoteLength] : text;
}
