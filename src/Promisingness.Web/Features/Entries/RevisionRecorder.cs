using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Markdown;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Entries;

/// <summary>
/// The one place that turns a change to an entry into a revision: it renders the Markdown, lets the entry's kind
/// react (<see cref="IEntryKindFields.OnRevision"/>), appends the immutable revision and records the activity. Callers take a <see cref="Snapshot"/> before they change
/// the entry, so that a save that changes nothing appends nothing.
/// </summary>
public sealed class RevisionRecorder(MarkdownRenderer markdown, EditableKinds kinds)
{
    public static string Snapshot(Entry entry) => JsonSerializer.Serialize(new
    {
        entry.Title,
        entry.Slug,
        entry.Visibility,
        entry.Status,
        entry.ProgramId,
        entry.BodyMarkdown,
        Fields = EntryFields.Of(entry),
    });

    /// <summary>
    /// Renders the entry's Markdown with its [[wiki links]] resolved, and records where they point for
    /// backlinks. Also used without a revision when an entry the text links to comes into being.
    /// </summary>
    public void Render(WikiDbContext db, Entry entry)
    {
        // Each text is parsed once: its links are read, then it is rendered with them resolved.
        var texts = new List<(MarkdownRenderer.ParsedText Text, Action<string> Store)>
        {
            (markdown.Parse(entry.BodyMarkdown), html => entry.BodyHtml = html),
        };
        texts.AddRange(entry.Outputs.Select(o => (markdown.Parse(o.SummaryMarkdown), (Action<string>)(html => o.SummaryHtml = html))));
        if (entry.Meeting is { } meeting)
        {
            texts.Add((markdown.Parse(meeting.AgendaMarkdown), html => meeting.AgendaHtml = html));
            texts.Add((markdown.Parse(meeting.DecisionsMarkdown), html => meeting.DecisionsHtml = html));
        }
        var targets = texts.SelectMany(t => t.Text.WikiLinkTargets).Distinct().ToList();
        var links = WikiLinkIndex.For(db, targets);
        var imageSizes = ImageSizeIndex.For(db, texts.SelectMany(t => t.Text.AttachedImages));
        foreach (var (text, store) in texts)
        {
            store(text.ToSafeHtml(links.Resolve, imageSizes));
        }

        var wanted = targets.Select(t => Slugs.From(t)).Distinct().ToHashSet();
        var existing = entry.Id == 0 ? [] : LinksFrom.For(db)(db, entry.Id).ToList();
        db.EntryLinks.RemoveRange(existing.Where(l => !wanted.Contains(l.ToSlug)));
        foreach (var slug in wanted.Where(w => !existing.Any(l => l.ToSlug == w)))
        {
            db.EntryLinks.Add(new EntryLink { From = entry, ToSlug = slug });
        }
    }

    // Compiled: every save asks it.
    private static readonly CompiledQuery<Func<WikiDbContext, int, IEnumerable<EntryLink>>> LinksFrom = new(() => EF.CompileQuery(
        (WikiDbContext db, int entryId) => db.EntryLinks.Where(l => l.FromEntryId == entryId)));

    /// <summary>Entries with the rows whose text <see cref="Render"/> renders: output summaries, a meeting's agenda and decisions.</summary>
    public static IQueryable<Entry> Renderable(IQueryable<Entry> entries) => entries.Include(e => e.Outputs).Include(e => e.Meeting);

    /// <summary>Re-renders the entries that link to a slug which now exists (a new entry, a rename), so their links work.</summary>
    public void RenderLinksTo(WikiDbContext db, string slug)
    {
        // From the links by their target, not a walk over every entry.
        var linking = Renderable(db.Entries).Where(e => db.EntryLinks.Where(l => l.ToSlug == slug).Select(l => l.FromEntryId).Contains(e.Id)).ToList();
        foreach (var entry in linking)
        {
            Render(db, entry);
        }
    }

    /// <summary>True when two snapshots differ in <paramref name="property"/> (an Entry property) and in nothing else.</summary>
    public static bool DiffersOnlyIn(string property, string before, string after)
    {
        var (a, b) = (JsonNode.Parse(before)!.AsObject(), JsonNode.Parse(after)!.AsObject());
        a.Remove(property);
        b.Remove(property);
        return JsonNode.DeepEquals(a, b);
    }

    /// <summary>
    /// Appends a revision when the entry differs from <paramref name="before"/> (null for a new entry), with its
    /// one activity row, which is also its audit row. <paramref name="action"/> names what the revision was for
    /// when that is more than an edit (a restore, a publication); otherwise a change of visibility is named as
    /// such, since it changes who may read the entry. <paramref name="suggestionId"/> credits the suggestion it accepts.
    /// </summary>
    public bool RecordIfChanged(WikiDbContext db, Entry entry, string? before, Author author, DateTimeOffset at, string note, string? action = null, int? suggestionId = null)
    {
        if (before is not null && Snapshot(entry) == before)
        {
            return false;
        }

        Render(db, entry);
        var baseNumber = entry.RevisionNumber == 0 ? (int?)null : entry.RevisionNumber;
        entry.RevisionNumber++;
        entry.UpdatedAt = at;
        if (before is not null)
        {
            kinds.For(entry.Kind)?.OnRevision(db, entry, before, author, at);
        }
        if (before is null)
        {
            entry.CreatedAt = at;
        }

        db.Revisions.Add(new Revision
        {
            Entry = entry,
            Number = entry.RevisionNumber,
            BaseNumber = baseNumber,
            Title = entry.Title,
            Slug = entry.Slug,
            Visibility = entry.Visibility,
            Status = entry.Status,
            BodyMarkdown = entry.BodyMarkdown,
            BodyHtml = entry.BodyHtml,
            FieldsJson = EntryFields.Of(entry).ToJson(),
            AuthorName = author.Name,
            AuthorUserId = author.UserId,
            AuthorProgramId = author.ProgramId,
            AssistantName = author.AssistantName,
            CreatedAt = at,
            EditNote = note,
            SuggestionId = suggestionId,
        });
        var visibilityBefore = before is null ? (Visibility?)null : JsonSerializer.Deserialize<VisibilityOnly>(before)!.Visibility;
        var visibilityChange = visibilityBefore is { } was && was != entry.Visibility ? $"visibility {was} → {entry.Visibility}" : null;
        var what = action
            ?? (before is null ? AuditActions.EntryCreated
            : entry.Status == EntryStatus.RemovedFromReadme ? AuditActions.EntryRemovedFromReadme
            : visibilityChange is not null ? AuditActions.EntryVisibilityChanged
            : AuditActions.EntryEdited);
        // The entry and revision are columns of their own; the details say what else changed and why.
        Audit.Write(db, at, what, author.Name, author.UserId, string.Join("; ", new[] { visibilityChange, note }.Where(part => !string.IsNullOrEmpty(part))),
            entry: entry, revisionNumber: entry.RevisionNumber);
        return true;
    }

    private sealed record VisibilityOnly(Visibility Visibility);
}
