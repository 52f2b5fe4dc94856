using Microsoft.EntityFrameworkCore;
using MimeKit;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Features.Accounts;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Mail;

/// <summary>Without Smtp:Host nothing is lost: each message is an .eml file in data/outbox beside the database.</summary>
public sealed class EmlFallbackTests : IDisposable
{
    // Mail:OutboxFolder emptied: the folder is the wiki's own choice, beside the database.
    private readonly WikiApp app = new(settings: new Dictionary<string, string> { ["Mail:PollMilliseconds"] = "50", ["Mail:OutboxFolder"] = "" });

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task WithoutSmtpHost_EachMessageIsWrittenAsAnEmlFile_AndTheStartSaysSo()
    {
        var folder = Path.Combine(Path.GetDirectoryName(app.DatabasePath)!, "outbox");

        await app.Get<Invitations>().CreateAsync(await app.AdminIdAsync(), Roles.Mentor, null, null, "offline@example.org");

        await TestSmtpServer.UntilAsync(() => Task.FromResult(Directory.Exists(folder) && Directory.GetFiles(folder, "*.eml").Length == 1), "an .eml file in the outbox folder");
        var message = await MimeMessage.LoadAsync(Directory.GetFiles(folder, "*.eml").Single());
        Assert.Equal("offline@example.org", message.To.Mailboxes.Single().Address);
        Assert.Equal("You are invited to the Promisingness Wiki", message.Subject);
        Assert.Contains("/invite/", message.TextBody, StringComparison.Ordinal);
        await TestSmtpServer.UntilAsync(async () =>
        {
            await using var db = app.CreateDbContext();
            return await db.Outbox.AnyAsync(m => m.SentAt != null);
        }, "the row marked delivered");
        Assert.Single(app.Logs.Lines, m => m.Contains("No Smtp:Host is set", StringComparison.Ordinal));
    }
}
