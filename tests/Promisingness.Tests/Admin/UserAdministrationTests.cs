using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Features.Accounts;
using Promisingness.Web.Features.Admin;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Admin;

/// <summary>What an admin does to accounts, as the service every admin page and command calls.</summary>
public sealed class UserAdministrationTests : IAsyncLifetime
{
    private readonly WikiApp app = new();
    private string admin = "";
    private string researcher = "";

    public async Task InitializeAsync()
    {
        admin = await app.AdminIdAsync();
        researcher = await Members.AddAsync(app, "account@test.local", Roles.Researcher, Members.Aisc);
    }

    public Task DisposeAsync()
    {
        app.Dispose();
        return Task.CompletedTask;
    }

    private UserAdministration Admin => app.Get<UserAdministration>();

    [Fact]
    public async Task ChangeRole_MovesTheAccountAndWritesTheAuditLog()
    {
        await Admin.ChangeRoleAsync(admin, researcher, Roles.Researcher, Members.Mars);
        await Admin.ChangeRoleAsync(admin, researcher, Roles.Mentor, null);

        var user = await app.Get<WikiUsers>().LoadAsync(researcher);
        Assert.Equal((Roles.Mentor, (int?)null), (user!.Role, user.ProgramId));
        var audit = (await app.Get<AuditLog>().PageAsync(admin))!.Rows;
        Assert.Equal(2, audit.Count(a => a.Action == AuditActions.RoleChanged && a.ActorName == "Administrator"));
    }

    [Theory]
    [InlineData(Roles.Researcher, null)]
    [InlineData(Roles.Admin, Members.Aisc)]
    public async Task ChangeRole_ToAnAccountOfTheWrongShape_IsRefused(string role, int? program)
    {
        await Assert.ThrowsAsync<AccountException>(() => Admin.ChangeRoleAsync(admin, researcher, role, program));

        Assert.Equal(Members.Aisc, (await app.Get<WikiUsers>().LoadAsync(researcher))!.ProgramId);
    }

    [Fact]
    public async Task ChangeRole_AdminDemotingThemselves_IsRefused() =>
        await Assert.ThrowsAsync<AccountException>(() => Admin.ChangeRoleAsync(admin, admin, Roles.Mentor, null));

    [Fact]
    public async Task Lock_ThenUnlock_RestoresAccess()
    {
        await Admin.LockAsync(admin, researcher);
        Assert.True((await app.Get<WikiUsers>().LoadAsync(researcher))!.Locked);

        await Admin.UnlockAsync(admin, researcher);

        Assert.False((await app.Get<WikiUsers>().LoadAsync(researcher))!.Locked);
        Assert.NotNull(await Members.SignInAsync(app, "account@test.local"));
    }

    [Fact]
    public async Task Lock_OwnAccount_IsRefused() =>
        await Assert.ThrowsAsync<AccountException>(() => Admin.LockAsync(admin, admin));

    [Fact]
    public async Task LinkMember_ToAMemberAlreadyLinked_IsRefused()
    {
        int severin;
        using (var db = app.CreateDbContext())
        {
            severin = (await db.Members.SingleAsync(m => m.Slug == "severin-field")).Id;
        }
        await Admin.LinkMemberAsync(admin, researcher, severin);
        var other = await Members.AddAsync(app, "other@test.local", Roles.Researcher, Members.Aisc);

        await Assert.ThrowsAsync<AccountException>(() => Admin.LinkMemberAsync(admin, other, severin));

        Assert.Equal(severin, (await app.Get<WikiUsers>().LoadAsync(researcher))!.MemberId);
    }

    [Fact]
    public async Task AnyChange_ByANonAdmin_IsRefused()
    {
        var mentor = await Members.AddAsync(app, "not-admin@test.local", Roles.Mentor);

        await Assert.ThrowsAsync<AccountException>(() => Admin.LockAsync(mentor, researcher));
        await Assert.ThrowsAsync<AccountException>(() => Admin.ChangeRoleAsync(mentor, researcher, Roles.Admin, null));
    }
}
