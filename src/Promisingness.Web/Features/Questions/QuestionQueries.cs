using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Questions;

public sealed record QuestionView(int Id, string Slug, string Title, string BodyHtml, bool Removed, int RevisionNumber, DateTimeOffset UpdatedAt)
{
    /// <summary>The linked topics the reader may see (filled on the question's own page).</summary>
    public IReadOnlyList<(string Slug, string Title)> Topics { get; init; } = [];
}

public sealed class QuestionQueries(IDbContextFactory<WikiDbContext> dbFactory)
{
    public const int PageSize = 30;

    /// <summary>One page of the questions the reader may see, in README order (those removed from the README last).</summary>
    public async Task<PagedList<QuestionView>> ListAsync(WikiUser? reader, int? page = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var questions = await Questions(db, reader)
            .OrderBy(e => e.Status).ThenBy(e => e.Position).ThenBy(e => e.Title).ThenBy(e => e.Id)
            .ToPageAsync(page, PageSize, cancellationToken);
        return questions.Select(ToView);
    }

    public async Task<Lookup<QuestionView>> GetAsync(string slug, WikiUser? reader, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entry = await Questions(db, reader).FirstOrDefaultAsync(e => e.Slug == slug, cancellationToken);
        if (entry is not null)
        {
            var topics = await db.QuestionTopics.Where(l => l.QuestionId == entry.Id)
                .Join(db.Entries.ReadableBy(reader), l => l.TopicId, e => e.Id, (l, e) => new { e.Slug, e.Title })
                .OrderBy(t => t.Title).ToListAsync(cancellationToken);
            return new Lookup<QuestionView>(ToView(entry) with { Topics = [.. topics.Select(t => (t.Slug, t.Title))] });
        }
        var movedTo = await RenamedEntries.CurrentSlugAsync(db, slug, EntryKind.Question, reader, cancellationToken);
        return movedTo is null ? Lookup<QuestionView>.NotFound : new Lookup<QuestionView>(null, movedTo);
    }

    private static IQueryable<Entry> Questions(WikiDbContext db, WikiUser? reader) =>
        db.Entries.ReadableBy(reader).Where(e => e.Kind == EntryKind.Question).AsNoTracking();

    private static QuestionView ToView(Entry e) =>
        new(e.Id, e.Slug, e.Title, e.BodyHtml, e.Status == EntryStatus.RemovedFromReadme, e.RevisionNumber, e.UpdatedAt);
}
