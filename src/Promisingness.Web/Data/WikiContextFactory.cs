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

internal static class WikiContextRegistration
{
    /// <summary>
    /// After AddPooledDbContextFactory: the wiki asks for WikiDbContext, and Identity and Data Protection take a
    /// scoped one. Contexts come from the pool, which resets them on return: a page render opens several, and
    /// building each one's services anew was a tenth of an uncached page's time.
    /// </summary>
    public static IServiceCollection AddWikiContext<TContext>(this IServiceCollection services)
        where TContext : WikiDbContext
    {
        services.AddSingleton<IDbContextFactory<WikiDbContext>, WikiContextFactory<TContext>>();
        services.AddScoped(scoped => scoped.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext());
        services.AddScoped<WikiDbContext>(scoped => scoped.GetRequiredService<TContext>());
        return services;
    }
}
