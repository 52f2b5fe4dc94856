using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;

namespace Promisingness.Tests.Data;

/// <summary>
/// Queries outside a transaction run on kept read connections whose statements stay prepared (PreparedSqliteReads);
/// a transaction's reads stay on its own connection, where they see its writes.
/// </summary>
public sealed class PreparedSqliteReadsTests
{
    [Fact]
    public async Task AQueryRunAgain_IsNotPreparedAgain_AndBindsEachRunsValues()
    {
        using var app = new WikiApp();
        var reads = app.Get<PreparedSqliteReads>();
        string[] slugs;
        using (var db = app.CreateDbContext())
        {
            slugs = await db.Entries.OrderBy(e => e.Id).Select(e => e.Slug).Take(4).ToArrayAsync();
        }
        var before = reads.Prepared;

        for (var run = 0; run < 20; run++)
        {
            var slug = slugs[run % slugs.Length];
            await using var db = app.CreateDbContext();
            var found = await db.Entries.Where(e => e.Slug == slug).Select(e => e.Slug).SingleAsync();
            Assert.Equal(slug, found);
        }

        // Once, or a few times should the background watcher hold the kept connection at that moment; not 20.
        Assert.InRange(reads.Prepared - before, 1, 3);
    }

    [Fact]
    public async Task ReadsInsideATransaction_SeeItsWrites_AndOthersSeeThemOnceCommitted()
    {
        using var app = new WikiApp();
        await using var writer = app.CreateDbContext();
        var entry = await writer.Entries.OrderBy(e => e.Id).FirstAsync();
        var id = entry.Id;
        var before = entry.Title;

        await using (var transaction = await writer.Database.BeginTransactionAsync())
        {
            entry.Title = before + " (renamed)";
            await writer.SaveChangesAsync();
            Assert.Equal(before + " (renamed)", await writer.Entries.Where(e => e.Id == id).Select(e => e.Title).SingleAsync());
            await using (var reader = app.CreateDbContext())
            {
                Assert.Equal(before, await reader.Entries.Where(e => e.Id == id).Select(e => e.Title).SingleAsync());
            }
            await transaction.CommitAsync();
        }

        await using var after = app.CreateDbContext();
        Assert.Equal(before + " (renamed)", await after.Entries.Where(e => e.Id == id).Select(e => e.Title).SingleAsync());
    }
}
