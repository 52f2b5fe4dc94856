using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Entries;

/// <summary>The topics a reader may pick from in a form: a question's linked topics, a summary's topic.</summary>
public sealed class TopicChoices(IDbContextFactory<WikiDbContext> dbFactory)
{
    public async Task<IReadOnlyList<TopicOption>> ForAsync(WikiUser? reader, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Entries.ReadableBy(reader).AsNoTracking().Where(e => e.Kind == EntryKind.Topic)
            .OrderBy(e => e.Title).Select(e => new TopicOption(e.Id, e.Title)).ToListAsync(cancellationToken);
    }
}
