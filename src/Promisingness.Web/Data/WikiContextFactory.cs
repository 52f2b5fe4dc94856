using Microsoft.EntityFrameworkCore;

namespace Promisingness.Web.Data;

/// <summary>Hands out the provider's own context (SqliteWikiDbContext or PostgresWikiDbContext) where the wiki asks for a WikiDbContext.</summary>
internal sealed class WikiContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<WikiDbContext>
    where TContext : WikiDbContext
{
    public WikiDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<WikiDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
