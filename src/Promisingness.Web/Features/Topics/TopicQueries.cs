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

    public async Task<SlugResult<TopicView>> GetAsync(string slug, WikiUser? reader, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (userId, memberId) = ReadAccess.IdsOf(reader);
        var topic = await TopicOf.For(db, reader)(db, slug, userId, memberId);
        if (topic is null)
        {
            var movedTo = await RenamedEntries.CurrentSlugAsync(db, slug, EntryKind.Topic, reader, cancellationToken);
            return movedTo is null ? SlugResult<TopicView>.NotFound : new SlugResult<TopicView>(null, movedTo);
        }
        var researchers = await ResearchersOf.For(db)(db, topic.Id).ToListAsync(cancellationToken);
        var outputs = await OutputsOf.For(db)(db, topic.Id).ToListAsync(cancellationToken);
        return new SlugResult<TopicView>(new TopicView(
            topic.Slug,
            topic.Title,
            topic.BodyHtml,
            Excerpts.FromHtml(topic.BodyHtml.Length > 0 ? topic.BodyHtml : string.Concat(outputs.Select(o => o.SummaryHtml))),
            researchers,
            outputs,
            topic.Status == EntryStatus.RemovedFromReadme,
            topic.RevisionNumber,
            topic.UpdatedAt));
    }

    private sealed record TopicRow(int Id, string Slug, string Title, string BodyHtml, EntryStatus Status, int RevisionNumber, DateTimeOffset UpdatedAt);

    // Compiled, with the read rule of each scope: every uncached topic page asks these (bench/ scenario 2).
    private static readonly ReaderQuery<Func<WikiDbContext, string, string?, int, Task<TopicRow?>>> TopicOf = new(scope => EF.CompileAsyncQuery(ReadAccess.ForScope(scope,
        (WikiDbContext db, string slug, string? userId, int memberId) => db.Entries
            .Where(e => e.Slug == slug && e.Kind == EntryKind.Topic && ReadAccess.MayRead(e, userId, memberId))
            .Select(e => new TopicRow(e.Id, e.Slug, e.Title, e.BodyHtml, e.Status, e.RevisionNumber, e.UpdatedAt))
            .FirstOrDefault())));

    private static readonly CompiledQuery<Func<WikiDbContext, int, IAsyncEnumerable<PersonLink>>> ResearchersOf = new(() => EF.CompileAsyncQuery(
        (WikiDbContext db, int entryId) => db.TopicResearchers
            .Where(r => r.EntryId == entryId)
            .OrderBy(r => r.Position)
            .Select(r => new PersonLink(r.CreditedAs, r.Member!.Slug, r.Member.Program!.Code, r.Member.Role))));

    private static readonly CompiledQuery<Func<WikiDbContext, int, IAsyncEnumerable<OutputView>>> OutputsOf = new(() => EF.CompileAsyncQuery(
        (WikiDbContext db, int entryId) => db.TopicOutputs
            .Where(o => o.EntryId == entryId && o.Status != OutputStatus.Removed)
            .OrderBy(o => o.Position)
            .Select(o => new OutputView(o.Title, o.Url, o.Status, o.SummaryHtml))));

    internal static IQueryable<Entry> Topics(WikiDbContext db, WikiUser? reader) => AsCards(db.Entries.ReadableBy(reader).Where(e => e.Kind == EntryKind.Topic));

    /// <summary>Topics with what their cards show (researchers, outputs).</summary>
    internal static IQueryable<Entry> AsCards(IQueryable<Entry> topics) => topics
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
