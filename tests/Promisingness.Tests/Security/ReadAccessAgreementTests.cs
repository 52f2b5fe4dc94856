using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Security;

/// <summary>
/// Lists filter entries in SQL (ReadAccess) while single entries are checked by EntryPermissions through
/// the authorization handler: the two must agree for every reader and every entry, and so must the rule as the
/// compiled queries of the entry pages inline it.
/// </summary>
public sealed class ReadAccessAgreementTests(WikiApp app) : IClassFixture<WikiApp>
{
    [Fact]
    public async Task ReadableByAndTheCompiledRule_AgreeWithTheAuthorizationHandler_ForEveryReaderAndEntry()
    {
        var severin = await MemberIdAsync("severin-field");
        var readers = new Dictionary<string, string?>
        {
            ["anonymous"] = null,
            ["aisc"] = await Members.AddAsync(app, "agree-aisc@test.local", Roles.Researcher, Members.Aisc),
            ["mars"] = await Members.AddAsync(app, "agree-mars@test.local", Roles.Researcher, Members.Mars),
            ["severin"] = await Members.AddAsync(app, "agree-severin@test.local", Roles.Researcher, Members.Aisc, severin),
            ["mentor"] = await Members.AddAsync(app, "agree-mentor@test.local", Roles.Mentor),
        };
        using (var db = app.CreateDbContext())
        {
            // Severin is listed on both; the AISC researcher authored a revision of the first.
            await db.Entries.Where(e => e.Slug == "theoretical-chain-of-thought").ExecuteUpdateAsync(s => s.SetProperty(e => e.Visibility, Visibility.Draft));
            await db.Entries.Where(e => e.Slug == "weak-to-strong-generalization").ExecuteUpdateAsync(s => s.SetProperty(e => e.Visibility, Visibility.Team));
            await db.Entries.Where(e => e.Slug == "in-context-learning").ExecuteUpdateAsync(s => s.SetProperty(e => e.Visibility, Visibility.Draft));
            var chain = await db.Entries.SingleAsync(e => e.Slug == "theoretical-chain-of-thought");
            await db.Revisions.Where(r => r.EntryId == chain.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.AuthorUserId, readers["aisc"]));
        }

        var authorization = app.Get<IAuthorizationService>();
        var users = app.Get<WikiUsers>();
        using var context = app.CreateDbContext();
        var entries = await context.Entries.AsNoTracking().Select(e => e.Id).ToListAsync();
        foreach (var (name, userId) in readers)
        {
            var reader = userId is null ? null : await users.LoadAsync(userId);
            var listed = (await context.Entries.ReadableBy(reader).Select(e => e.Id).ToListAsync()).ToHashSet();
            // The same rule inlined into a compiled query (ReaderQuery), as the entry pages' lists use it.
            var compiled = EF.CompileAsyncQuery(ReadAccess.ForScope(ReadAccess.ScopeOf(reader),
                (WikiDbContext db, string _, string? userId, int memberId) => db.Entries.Where(e => ReadAccess.MayRead(e, userId, memberId)).Select(e => e.Id)));
            var (readerId, memberId) = ReadAccess.IdsOf(reader);
            Assert.Equal(listed, await compiled(context, "", readerId, memberId).ToHashSetAsync());
            var principal = Principal(userId);
            foreach (var id in entries)
            {
                var facts = (await EntryAccess.FactsAsync(context, id))!;
                var allowed = (await authorization.AuthorizeAsync(principal, facts, EntryRequirements.Read)).Succeeded;
                Assert.True(allowed == listed.Contains(id), $"{name} and entry #{id}: handler says {allowed}, list filter says {listed.Contains(id)}");
            }
        }
    }

    private async Task<int> MemberIdAsync(string slug)
    {
        using var db = app.CreateDbContext();
        return (await db.Members.SingleAsync(m => m.Slug == slug)).Id;
    }

    private static System.Security.Claims.ClaimsPrincipal Principal(string? userId) => userId is null
        ? new()
        : new(new System.Security.Claims.ClaimsIdentity([new(System.Security.Claims.ClaimTypes.NameIdentifier, userId)], "Test"));
}
