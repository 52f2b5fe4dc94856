using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Mail;

namespace Promisingness.Web.Features.Accounts;

/// <summary>
/// Links to choose a new password, with Identity's reset tokens (valid for a day, spent when the password changes,
/// since the change renews the security stamp the token was made from).
/// </summary>
public sealed class PasswordResets(IServiceScopeFactory scopes, WikiMail mail)
{
    /// <summary>
    /// The forgot-password form: mails a link when the address has an account that is not locked by an admin, and
    /// otherwise does nothing; the caller answers the same either way, so the form does not tell who has an account.
    /// </summary>
    public async Task RequestAsync(string email, Uri? linkBase, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await userManager.FindByEmailAsync(email.Trim());
        if (user is null || user.LockoutEnd == DateTimeOffset.MaxValue)
        {
            return;
        }
        var db = scope.ServiceProvider.GetRequiredService<WikiDbContext>();
        Queue(db, user, await LinkAsync(userManager, user, linkBase));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// A fresh link for the account <paramref name="userId"/>. Made outside any transaction: on a new database the
    /// first token writes the first data protection key, through a context of its own, which SQLite would make wait.
    /// </summary>
    public async Task<Uri> LinkAsync(string userId, Uri? linkBase)
    {
        await using var scope = scopes.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await userManager.FindByIdAsync(userId) ?? throw new AccountException("That account does not exist.");
        return await LinkAsync(userManager, user, linkBase);
    }

    /// <summary>Queues the mail with <paramref name="link"/> on <paramref name="db"/>: it is sent when the caller's transaction commits.</summary>
    public void Queue(WikiDbContext db, ApplicationUser user, Uri link) =>
        mail.Queue(db, user.Email ?? throw new AccountException("That account has no e-mail address."), MailKind.PasswordReset, MailTexts.PasswordReset(link));

    private async Task<Uri> LinkAsync(UserManager<ApplicationUser> userManager, ApplicationUser user, Uri? linkBase)
    {
        var token = await userManager.GeneratePasswordResetTokenAsync(user);
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
        return mail.Settings.Link($"Account/ResetPassword?code={code}", linkBase);
    }
}
