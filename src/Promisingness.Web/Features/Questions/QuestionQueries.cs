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

    public async Task<SlugResult<QuestionView>> GetAsync(string slug, WikiUser? reader, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (userId, memberId) = ReadAccess.IdsOf(reader);
        if (await QuestionOf.For(db, reader)(db, slug, userId, memberId) is { } question)
        {
            var topics = await TopicsOf.For(db, reader)(db, slug, userId, memberId).ToListAsync(cancellationToken);
            return new SlugResult<QuestionView>(question with { Topics = [.. topics.Select(t => (t.Slug, t.Title))] });
        }
        var movedTo = await RenamedEntries.CurrentSlugAsync(db, slug, EntryKind.Question, reader, cancellationToken);
        return movedTo is null ? SlugResult<QuestionView>.NotFound : new SlugResult<QuestionView>(null, movedTo);
    }

    private sealed record TopicRow(string Slug, string Title);

    // Compiled, with the read rule of each scope: every uncached question page asks these (like the topic page's).
    private static readonly ReaderQuery<Func<WikiDbContext, string, string?, int, Task<QuestionView?>>> QuestionOf = new(scope => EF.CompileAsyncQuery(ReadAccess.ForScope(scope,
        (WikiDbContext db, string slug, string? userId, int memberId) => db.Entries
            .Where(e => e.Slug == slug && e.Kind == EntryKind.Question && ReadAccess.MayRead(e, userId, memberId))
            .Select(e => new QuestionView(e.Id, e.Slug, e.Title, e.BodyHtml, e.Status == EntryStatus.RemovedFromReadme, e.RevisionNumber, e.UpdatedAt))
            .FirstOrDefault())));

    private static readonly ReaderQuery<Func<WikiDbContext, string, string?, int, IAsyncEnumerable<TopicRow>>> TopicsOf = new(scope => EF.CompileAsyncQuery(ReadAccess.ForScope(scope,
        (WikiDbContext db, string questionSlug, string? userId, int memberId) => db.Entries
            // From the question's links to its topics, not a walk over every entry (see SideListQueries).
            .Where(e => db.QuestionTopics.Where(l => l.Question!.Slug == questionSlug).Select(l => l.TopicId).Contains(e.Id) && ReadAccess.MayRead(e, userId, memberId))
            .OrderBy(e => e.Title)
            .Select(e => new TopicRow(e.Slug, e.Title)))));

    private static IQueryable<Entry> Questions(WikiDbContext db, WikiUser? reader) =>
        db.Entries.ReadableBy(reader).Where(e => e.Kind == EntryKind.Question).AsNoTracking();

    private static QuestionView ToView(Entry e) =>
        new(e.Id, e.Slug, e.Title, e.BodyHtml, e.Status == EntryStatus.RemovedFromReadme, e.RevisionNumber, e.UpdatedAt);
}
