using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;

namespace Promisingness.Web.Features.Entries;

/// <summary>Programs and people to pick from in forms.</summary>
public sealed class TeamDirectory(IDbContextFactory<WikiDbContext> dbFactory)
{
    public async Task<IReadOnlyList<ProgramOption>> ProgramsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Programs.AsNoTracking().OrderBy(p => p.Id).Select(p => new ProgramOption(p.Id, p.Code, p.Name)).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<MemberOption>> MembersAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Members.AsNoTracking().OrderBy(m => m.Name).Select(m => new MemberOption(m.Id, m.Name)).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<MemberOption>> MembersWithoutAccountAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Members.AsNoTracking()
            .Where(m => !db.Users.Any(u => u.MemberId == m.Id))
            .OrderBy(m => m.Name)
            .Select(m => new MemberOption(m.Id, m.Name))
            .ToListAsync(cancellationToken);
    }
}
