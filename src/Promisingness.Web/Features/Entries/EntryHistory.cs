using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Entries;

/// <summary>One revision in a history; <see cref="SuggestedBy"/> names whose suggestion it accepted, credited beside its author.</summary>
public sealed record RevisionRow(int Number, string Title, string AuthorName, string? AssistantName, string? AuthorProgramCode, DateTimeOffset CreatedAt, string EditNote, string? SuggestedBy = null)
{
    /// <summary>Who to credit: the author, or the assistant for the author.</summary>
    public string Credit => Author.Credit(AuthorName, AssistantName);
}

public sealed record HistoryView(int EntryId, EntryKind Kind, string Slug, string Title, int CurrentRevision, IReadOnlyList<RevisionRow> Revisions)
{
    /// <summary>Some revisions are not the reader's to open (team revisions, for a visitor): the page says so once, without numbers.</summary>
    public bool SomeHidden => Revisions.Count < CurrentRevision;

    /// <summary>Whether the reader may open this revision, so that a diff to or from it is a link that answers.</summary>
    public bool Readable(int number) => Revisions.Any(r => r.Number == number);
}

public sealed record DiffView(string Slug, string Title, RevisionRow From, RevisionRow To, IReadOnlyList<DiffLine> TitleLines, IReadOnlyList<DiffLine> BodyLines, IReadOnlyList<DiffLine> FieldLines);

/// <summary>An entry's revisions and the differences between any two. Anonymous readers see only public revisions of public entries.</summary>
public sealed class EntryHistory(IDbContextFactory<WikiDbContext> dbFactory)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public async Task<SlugResult<HistoryView>> GetAsync(string slug, WikiUser? reader, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entry = await db.Entries.ReadableBy(reader).AsNoTracking().FirstOrDefaultAsync(e => e.Slug == slug, cancellationToken);
        if (entry is null)
        {
            return await MovedAsync<HistoryView>(db, slug, reader, cancellationToken);
        }
        var revisions = await Revisions(db, entry.Id, reader).OrderByDescending(r => r.Number).ToListAsync(cancellationToken);
        return new SlugResult<HistoryView>(new HistoryView(entry.Id, entry.Kind, entry.Slug, entry.Title, entry.RevisionNumber, await RowsAsync(db, revisions, cancellationToken)));
    }

    public async Task<SlugResult<DiffView>> DiffAsync(string slug, int from, int to, WikiUser? reader, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entry = await db.Entries.ReadableBy(reader).AsNoTracking().FirstOrDefaultAsync(e => e.Slug == slug, cancellationToken);
        if (entry is null)
        {
            return await MovedAsync<DiffView>(db, slug, reader, cancellationToken);
        }
        var pair = await Revisions(db, entry.Id, reader).Where(r => r.Number == from || r.Number == to).ToListAsync(cancellationToken);
        var older = pair.FirstOrDefault(r => r.Number == from);
        var newer = pair.FirstOrDefault(r => r.Number == to);
        if (older is null || newer is null)
        {
            return SlugResult<DiffView>.NotFound;
        }
        var rows = await RowsAsync(db, [older, newer], cancellationToken);
        return new SlugResult<DiffView>(new DiffView(
            entry.Slug,
            entry.Title,
            rows[0],
            rows[1],
            TextDiff.Lines(older.Title, newer.Title),
            TextDiff.Lines(older.BodyMarkdown, newer.BodyMarkdown),
            TextDiff.Lines(Pretty(older.FieldsJson), Pretty(newer.FieldsJson))));
    }

    private static IQueryable<Revision> Revisions(WikiDbContext db, int entryId, WikiUser? reader)
    {
        var member = reader is { Locked: false };
        return db.Revisions.AsNoTracking().Where(r => r.EntryId == entryId && (member || r.Visibility == Visibility.Public));
    }

    private static async Task<List<RevisionRow>> RowsAsync(WikiDbContext db, List<Revision> revisions, CancellationToken cancellationToken)
    {
        var programs = await db.Programs.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Code, cancellationToken);
        var suggestionIds = revisions.Where(r => r.SuggestionId is not null).Select(r => r.SuggestionId!.Value).Distinct().ToList();
        var suggesters = suggestionIds.Count == 0 ? [] : await db.Suggestions.AsNoTracking().Where(s => suggestionIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => Author.Credit(s.SuggesterName, s.AssistantName), cancellationToken);
        return [.. revisions.Select(r => new RevisionRow(r.Number, r.Title, r.AuthorName, r.AssistantName, r.AuthorProgramId is { } id ? programs.GetValueOrDefault(id) : null, r.CreatedAt, r.EditNote,
            r.SuggestionId is { } suggestion ? suggesters.GetValueOrDefault(suggestion) : null))];
    }

    private static async Task<SlugResult<T>> MovedAsync<T>(WikiDbContext db, string slug, WikiUser? reader, CancellationToken cancellationToken) where T : class =>
        await RenamedEntries.CurrentSlugAsync(db, slug, kind: null, reader, cancellationToken) is { } movedTo ? new SlugResult<T>(null, movedTo) : SlugResult<T>.NotFound;

    private static string Pretty(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement, Indented);
    }
}
