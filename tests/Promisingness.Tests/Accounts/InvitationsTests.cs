using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Features.Accounts;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Accounts;

public sealed class InvitationsTests : IDisposable
{
    private const int Aisc = 1;
    private readonly WikiApp app = new();

    public void Dispose() => app.Dispose();

    private async Task<int> MemberIdAsync(string slug)
    {
        using var db = app.CreateDbContext();
        return (await db.Members.SingleAsync(m => m.Slug == slug)).Id;
    }

    [Fact]
    public async Task Accept_ValidInvitation_CreatesTheAccountWithItsRoleProgramAndMember()
    {
        var severin = await MemberIdAsync("severin-field");
        var (_, token) = await app.Get<Invitations>().CreateAsync(await app.AdminIdAsync(), Roles.Researcher, Aisc, severin, null);

        var user = await app.Get<Invitations>().AcceptAsync(token, "severin@example.org", "Severin Field", "a long enough passphrase");

        var loaded = await app.Get<WikiUsers>().LoadAsync(user.Id);
        Assert.NotNull(loaded);
        Assert.Equal(Roles.Researcher, loaded.Role);
        Assert.Equal(Aisc, loaded.ProgramId);
        Assert.Equal(severin, loaded.MemberId);
        Assert.False(loaded.Locked);
    }

    [Fact]
    public async Task Accept_UsedTwice_IsRefusedTheSecondTime()
    {
        var (_, token) = await app.Get<Invitations>().CreateAsync(await app.AdminIdAsync(), Roles.Mentor, null, null, null);
        await app.Get<Invitations>().AcceptAsync(token, "first@example.org", "First", "a long enough passphrase");

        var refused = await Assert.ThrowsAsync<AccountException>(() => app.Get<Invitations>().AcceptAsync(token, "second@example.org", "Second", "a long enough passphrase"));

        Assert.Contains("already been used", refused.Message);
        Assert.Equal(InvitationState.Used, (await app.Get<Invitations>().CheckAsync(token)).State);
        using var db = app.CreateDbContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == "second@example.org"));
    }

    [Fact]
    public async Task Check_ExpiredInvitation_SaysItExpired()
    {
        var (invitation, token) = await app.Get<Invitations>().CreateAsync(await app.AdminIdAsync(), Roles.Researcher, Aisc, null, null);
        using (var db = app.CreateDbContext())
        {
            await db.Invitations.Where(i => i.Id == invitation.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        }

        var check = await app.Get<Invitations>().CheckAsync(token);

        Assert.Equal(InvitationState.Expired, check.State);
        Assert.Contains("expired", check.Message);
        await Assert.ThrowsAsync<AccountException>(() => app.Get<Invitations>().AcceptAsync(token, "late@example.org", "Late", "a long enough passphrase"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Check_TamperedToken_IsUnknown(string token) =>
        Assert.Equal(InvitationState.Unknown, (await app.Get<Invitations>().CheckAsync(token)).State);

    [Fact]
    public async Task Resend_MakesANewLinkAndRetiresTheOldOne()
    {
        var admin = await app.AdminIdAsync();
        var (invitation, oldToken) = await app.Get<Invitations>().CreateAsync(admin, Roles.Researcher, Aisc, null, null);

        var (_, newToken) = await app.Get<Invitations>().ResendAsync(admin, invitation.Id);

        Assert.Equal(InvitationState.Revoked, (await app.Get<Invitations>().CheckAsync(oldToken)).State);
        Assert.Equal(InvitationState.Valid, (await app.Get<Invitations>().CheckAsync(newToken)).State);
    }

    [Theory]
    [InlineData(Roles.Researcher, null)]
    [InlineData(Roles.Mentor, Aisc)]
    [InlineData("Overlord", null)]
    public async Task Create_AccountOfTheWrongShape_IsRefused(string role, int? programId) =>
        await Assert.ThrowsAsync<AccountException>(async () => await app.Get<Invitations>().CreateAsync(await app.AdminIdAsync(), role, programId, null, null));

    [Fact]
    public async Task Create_ByANonAdmin_IsRefused()
    {
        var (_, token) = await app.Get<Invitations>().CreateAsync(await app.AdminIdAsync(), Roles.Mentor, null, null, null);
        var mentor = await app.Get<Invitations>().AcceptAsync(token, "mentor@example.org", "Mentor", "a long enough passphrase");

        await Assert.ThrowsAsync<AccountException>(() => app.Get<Invitations>().CreateAsync(mentor.Id, Roles.Admin, null, null, null));
    }

    [Fact]
    public async Task Accept_ShortPassword_IsRefusedAndTheInvitationStaysUsable()
    {
        var (_, token) = await app.Get<Invitations>().CreateAsync(await app.AdminIdAsync(), Roles.Mentor, null, null, null);

        await Assert.ThrowsAsync<AccountException>(() => app.Get<Invitations>().AcceptAsync(token, "m@example.org", "M", "short"));

        Assert.Equal(InvitationState.Valid, (await app.Get<Invitations>().CheckAsync(token)).State);
    }

    [Fact]
    public async Task Accept_StoresAPasswordHashOfAtLeast210000Iterations()
    {
        using var wiki = new WikiApp(fullPasswordHashing: true);
        var (_, token) = await wiki.Get<Invitations>().CreateAsync(await wiki.AdminIdAsync(), Roles.Mentor, null, null, null);
        var user = await wiki.Get<Invitations>().AcceptAsync(token, "hash@example.org", "Hash", "a long enough passphrase");

        // Identity's v3 format: 0x01, PRF (4 bytes), iteration count (4 bytes, big-endian), salt length, salt, subkey.
        var hash = Convert.FromBase64String(user.PasswordHash!);
        var iterations = (hash[5] << 24) | (hash[6] << 16) | (hash[7] << 8) | hash[8];
        Assert.True(iterations >= 210_000, $"{iterations} iterations");
    }
}
