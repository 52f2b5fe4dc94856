using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Suggestions;

/// <summary>An open suggestion as a list shows it: on which entry, by whom, when, and what its suggester said of it.</summary>
public sealed record OpenSuggestion(int Id, string EntryTitle, string Url, string By, DateTimeOffset CreatedAt, string Note);

/// <summary>
/// The suggestions still waiting for a decision, across the wiki, for /recent: only on entries whose discussion the
/// member may read (as on the entry's own page); none for anonymous visitors or a locked account.
/// </summary>
public sealed class OpenSuggestions(IDbContextFactory<WikiDbContext> dbFactory)
{
    public async Task<IReadOnlyList<OpenSuggestion>> NewestAsync(WikiUser? reader, int count, CancellationToken cancellationToken = default)
    {
        if (reader is not { Locked: false })
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var readable = db.Entries.ReadableBy(reader);
        var rows = await db.Suggestions.AsNoTracking()
            .Where(s => s.State == SuggestionState.Open && readable.Any(e => e.Id == s.EntryId))
            .OrderByDescending(s => s.Id)
            .Select(s => new { s.Id, s.EntryId, s.Entry!.Title, s.Entry.Kind, s.Entry.Slug, s.SuggesterName, s.AssistantName, s.CreatedAt, s.Note })
            .Take(count)
            .ToListAsync(cancellationToken);
        var shown = new List<OpenSuggestion>();
        foreach (var row in rows)
        {
            // Readable is not enough: a suggestion is part of the entry's discussion, which some readers may not see.
            if (await EntryAccess.FactsAsync(db, row.EntryId, cancellationToken) is { } facts && EntryPermissions.Can(reader, EntryOperation.ReadComments, facts))
            {
                shown.Add(new OpenSuggestion(row.Id, row.Title, $"{EntryUrls.For(row.Kind, row.Slug)}#suggestion-{row.Id}", Author.Credit(row.SuggesterName, row.AssistantName),
                    row.CreatedAt, row.Note));
            }
        }
        return shown;
    }
}
