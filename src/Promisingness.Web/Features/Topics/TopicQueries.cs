using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Topics;

public sealed class TopicQueries(IDbContextFactory<WikiDbContext> dbFactory)
{
    public const int PageSize = 48;

    /// <summary>
    /// One page of the topics the reader may see, in README order (those removed from the README last),
    /// optionally only those with a researcher from one program.
    /// </summary>
    public async Task<PagedList<TopicCard>> ListAsync(WikiUser? reader, string? programCode = null, int? page = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var topics = Topics(db, reader);
        if (programCode is not null)
        {
            topics = topics.Where(e => e.Researchers.Any(r => r.Member!.Program!.Code == programCode));
        }
        var shown = await topics
            .OrderBy(e => e.Status).ThenBy(e => e.Position).ThenBy(e => e.Title).ThenBy(e => e.Id)
            .ToPageAsync(page, PageSize, cancellationToken);
        return shown.Select(ToCard);
    }

    /// <summary>The programs of the researchers on topics the reader may see, to filter the list by.</summary>
    public async Task<IReadOnlyList<string>> ProgramsAsync(WikiUser? reader, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var readable = db.Entries.ReadableBy(reader).Where(e => e.Kind == EntryKind.Topic);
        return await db.TopicResearchers.Where(r => readable.Any(e => e.Id == r.EntryId) && r.Member!.Program != null)
            .Select(r => r.Member!.Program!.Code).Distinct().OrderBy(c => c).ToListAsync(cancellationToken);
    }

    public async Task<Lookup<TopicView>> GetAsync(string slug, WikiUser? reader, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entry = await Topics(db, reader).FirstOrDefaultAsync(e => e.Slug == slug, cancellationToken);
        if (entry is null)
        {
            var movedTo = await RenamedEntries.CurrentSlugAsync(db, slug, EntryKind.Topic, reader, cancellationToken);
            return movedTo is null ? Lookup<TopicView>.NotFound : new Lookup<TopicView>(null, movedTo);
        }
        return new Lookup<TopicView>(new TopicView(
            entry.Slug,
            entry.Title,
            entry.BodyHtml,
            Excerpts.FromHtml(entry.BodyHtml.Length > 0 ? entry.BodyHtml : string.Concat(entry.Outputs.Select(o => o.SummaryHtml))),
            People(entry),
            [.. entry.Outputs.Where(o => o.Status != OutputStatus.Removed).OrderBy(o => o.Position).Select(o => new OutputView(o.Title, o.Url, o.Status, o.SummaryHtml))],
            entry.Status == EntryStatus.RemovedFromReadme,
            entry.RevisionNumber,
            entry.UpdatedAt));
    }

    public sealed record TopicOption(int Id, string Title);

    /// <summary>Topics to pick from, e.g. for a question's linked topics.</summary>
    public async Task<IReadOnlyList<TopicOption>> OptionsAsync(WikiUser? reader, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Entries.ReadableBy(reader).AsNoTracking().Where(e => e.Kind == EntryKind.Topic)
            .OrderBy(e => e.Title).Select(e => new TopicOption(e.Id, e.Title)).ToListAsync(cancellationToken);
    }

    /// <summary>The questions linked to a topic that the reader may see.</summary>
    public async Task<IReadOnlyList<(string Slug, string Title)>> QuestionsAboutAsync(string topicSlug, WikiUser? reader, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Entries.ReadableBy(reader).AsNoTracking()
            .Where(e => e.Kind == EntryKind.Question && e.LinkedTopics.Any(l => l.Topic!.Slug == topicSlug))
            .OrderBy(e => e.Position).Select(e => new { e.Slug, e.Title }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.Slug, r.Title))];
    }

    internal static IQueryable<Entry> Topics(WikiDbContext db, WikiUser? reader) => db.Entries
        .ReadableBy(reader)
        .Where(e => e.Kind == EntryKind.Topic)
        .Include(e => e.Researchers).ThenInclude(r => r.Member).ThenInclude(m => m!.Program)
        .Include(e => e.Outputs)
        .AsSplitQuery()
        .AsNoTracking();

    internal static TopicCard ToCard(Entry entry) => new(
        entry.Slug,
        entry.Title,
        People(entry),
        [.. entry.Outputs.Where(o => o.Status != OutputStatus.Removed).OrderBy(o => o.Position).Select(o => o.Status)],
        entry.Status == EntryStatus.RemovedFromReadme);

    private static List<PersonLink> People(Entry entry) =>
        [.. entry.Researchers.OrderBy(r => r.Position).Select(r => new PersonLink(r.CreditedAs, r.Member!.Slug, r.Member.Program?.Code, r.Member.Role))];
}
