using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Promisingness.Web.Data;

namespace Promisingness.Web.Features.Mail;

/// <summary>Where a batch of messages is handed over: the SMTP server, or (without Smtp:Host) the outbox folder.</summary>
internal interface IMailSession : IAsyncDisposable
{
    Task SendAsync(OutboxMessage row, MimeMessage message, CancellationToken cancellationToken);
}

internal sealed class MailDrop(MailSettings settings)
{
    public async Task<IMailSession> OpenAsync(CancellationToken cancellationToken) =>
        settings.UsesSmtp ? await SmtpSession.ConnectAsync(settings, cancellationToken) : new FolderSession(settings.OutboxFolder);

    public MimeMessage Build(OutboxMessage row)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(row.To));
        message.Subject = row.Subject;
        message.MessageId = row.MessageId;
        message.Date = row.CreatedAt;
        // RFC 3834: mail a program sent, so that out-of-office replies do not answer it.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        if (row.UnsubscribeUrl is not null)
        {
            // RFC 8058: a mail program may offer "unsubscribe", which POSTs List-Unsubscribe=One-Click to the link.
            message.Headers.Add("List-Unsubscribe", $"<{row.UnsubscribeUrl}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        message.Body = new BodyBuilder { TextBody = row.TextBody, HtmlBody = row.HtmlBody }.ToMessageBody();
        return message;
    }

    private sealed class SmtpSession(SmtpClient client) : IMailSession
    {
        public static async Task<IMailSession> ConnectAsync(MailSettings settings, CancellationToken cancellationToken)
        {
            var client = new SmtpClient { Timeout = 30_000 };
            try
            {
                var options = settings.Security switch
                {
                    SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
                    SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                    _ => SecureSocketOptions.None,
                };
                await client.ConnectAsync(settings.Host!, settings.Port, options, cancellationToken);
                if (!string.IsNullOrEmpty(settings.User))
                {
                    await client.AuthenticateAsync(settings.User, settings.Password ?? "", cancellationToken);
                }
                return new SmtpSession(client);
            }
            catch
            {
                client.Dispose();
                throw;
            }
        }

        public Task SendAsync(OutboxMessage row, MimeMessage message, CancellationToken cancellationToken) => client.SendAsync(message, cancellationToken);

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(quit: true);
                }
            }
            catch (Exception e) when (e is IOException or SmtpProtocolException or SmtpCommandException)
            {
                // The messages are handed over already; a QUIT that fails changes nothing.
            }
            client.Dispose();
        }
    }

    private sealed class FolderSession(string folder) : IMailSession
    {
        public async Task SendAsync(OutboxMessage row, MimeMessage message, CancellationToken cancellationToken)
        {
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, $"{row.CreatedAt.UtcDateTime:yyyyMMdd-HHmmss}-{row.Id}.eml");
            // Written beside and moved into place: a half-written file never looks like a message.
            await message.WriteToAsync(path + ".partial", cancellationToken);
            File.Move(path + ".partial", path, overwrite: true);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
