using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;

namespace Promisingness.Web.Features.Mail;

/// <summary>
/// Identity's account pages (confirm an address, change it) send through the outbox. The pages hand over their
/// links HTML-encoded (the template's habit); each message encodes its own text, so the link is decoded first.
/// </summary>
internal sealed class IdentityMail(IDbContextFactory<WikiDbContext> dbFactory, WikiMail mail) : IEmailSender<ApplicationUser>
{
    public Task SendConfirmationLinkAsync(ApplicationUser user, string email, string confirmationLink) =>
        QueueAsync(email, MailKind.AddressConfirmation, MailTexts.AddressConfirmation(new Uri(WebUtility.HtmlDecode(confirmationLink))));

    public Task SendPasswordResetLinkAsync(ApplicationUser user, string email, string resetLink) =>
        QueueAsync(email, MailKind.PasswordReset, MailTexts.PasswordReset(new Uri(WebUtility.HtmlDecode(resetLink))));

    /// <summary>Only Identity's API endpoints send a bare code, and the wiki maps none; refused rather than sent half-made.</summary>
    public Task SendPasswordResetCodeAsync(ApplicationUser user, string email, string resetCode) =>
        throw new NotSupportedException("The wiki sends reset links, not codes.");

    private async Task QueueAsync(string email, MailKind kind, MailContent content)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        mail.Queue(db, email, kind, content);
        await db.SaveChangesAsync();
    }
}
