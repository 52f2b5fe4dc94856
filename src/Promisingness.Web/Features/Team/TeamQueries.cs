using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Features.Topics;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Team;

public sealed record MemberCard(string Name, string Slug, string? ProgramCode, string? ProgramName, MemberRole Role, IReadOnlyList<TopicLink> Topics);

public sealed record ProgramGroup(string Code, string Name, IReadOnlyList<MemberCard> Members);

public sealed record TeamView(IReadOnlyList<MemberCard> Mentors, IReadOnlyList<ProgramGroup> Programs, IReadOnlyList<MemberCard> Others);

public sealed record MemberView(MemberCard Member, IReadOnlyList<TopicCard> Topics);

public sealed class TeamQueries(IDbContextFactory<WikiDbContext> dbFactory)
{
    public async Task<TeamView> GetTeamAsync(WikiUser? reader, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var programs = await db.Programs.AsNoTracking().OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var members = await db.Members.AsNoTracking().Include(m => m.Program).OrderBy(m => m.Position).ThenBy(m => m.Name).ToListAsync(cancellationToken);
        var topics = await TopicsByMember(db, reader, cancellationToken);
        var cards = members.Select(m => ToCard(m, topics.GetValueOrDefault(m.Id) ?? [])).ToList();

        return new TeamView(
            [.. cards.Where(c => c.Role == MemberRole.Mentor)],
            [.. programs
                .Select(p => new ProgramGroup(p.Code, p.Name, [.. cards.Where(c => c.Role == MemberRole.Researcher && c.ProgramCode == p.Code)]))
                .Where(g => g.Members.Count > 0)],
            [.. cards.Where(c => c.Role == MemberRole.Researcher && c.ProgramCode is null)]);
    }

    public async Task<MemberView?> GetMemberAsync(string slug, WikiUser? reader, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var member = await db.Members.AsNoTracking().Include(m => m.Program).FirstOrDefaultAsync(m => m.Slug == slug, cancellationToken);
        if (member is null)
        {
            return null;
        }
        // From the member's credits, which only topics have: asked for topics, SQLite read every topic.
        var topics = await TopicQueries.AsCards(db.Entries.ReadableBy(reader)
                .Where(e => db.TopicResearchers.Where(r => r.MemberId == member.Id).Select(r => r.EntryId).Contains(e.Id)))
            .OrderBy(e => e.Status).ThenBy(e => e.Position)
            .ToListAsync(cancellationToken);
        var cards = topics.Select(TopicQueries.ToCard).ToList();
        return new MemberView(ToCard(member, [.. cards.Select(c => new TopicLink(c.Slug, c.Title))]), cards);
    }

    private static async Task<Dictionary<int, List<TopicLink>>> TopicsByMember(WikiDbContext db, WikiUser? reader, CancellationToken cancellationToken)
    {
        var rows = await db.TopicResearchers.AsNoTracking()
            .Where(r => db.Entries.ReadableBy(reader).Any(e => e.Id == r.EntryId && e.Kind == EntryKind.Topic && e.Status == EntryStatus.Active))
            .OrderBy(r => r.Entry!.Position)
            .Select(r => new { r.MemberId, r.Entry!.Slug, r.Entry.Title })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.MemberId).ToDictionary(g => g.Key, g => g.Select(r => new TopicLink(r.Slug, r.Title)).ToList());
    }

    private static MemberCard ToCard(Member m, IReadOnlyList<TopicLink> topics) =>
        new(m.Name, m.Slug, m.Program?.Code, m.Program?.Name, m.Role, topics);
}
