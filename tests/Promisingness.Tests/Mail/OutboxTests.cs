using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Mail;

namespace Promisingness.Tests.Mail;

/// <summary>The outbox's promises: nothing lost while the server is away, each row sent by one sender, once.</summary>
public class OutboxTests : IAsyncLifetime
{
    private readonly TestSmtpServer smtp = new();
    private readonly WikiApp app;

    // A subclass marked [OnPostgres] overrides Provider; it answers a constant, so calling it here is safe.
#pragma warning disable CA2214
    public OutboxTests() => app = new WikiApp(settings: smtp.Settings(), provider: Provider);
#pragma warning restore CA2214

    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        app.Dispose();
        await smtp.DisposeAsync();
    }

    private static MailContent Content(string subject) => MailContent.Compose(subject, ["A test message."], "Open the wiki", new Uri(TestSmtpServer.PublicUrl), "Nothing to do.");

    private async Task<List<OutboxMessage>> QueueAsync(params string[] addresses)
    {
        await using var db = app.CreateDbContext();
        var rows = addresses.Select(a => app.Get<WikiMail>().Queue(db, a, MailKind.Invitation, Content($"For {a}"))).ToList();
        await db.SaveChangesAsync();
        return rows;
    }

    private async Task<List<OutboxMessage>> RowsAsync()
    {
        await using var db = app.CreateDbContext();
        return await db.Outbox.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }

    [DatabaseFact]
    public async Task ServerAway_MessagesWait_ThenEachIsDeliveredOnce()
    {
        await smtp.StopAsync();
        string[] addresses = ["wait-1@example.org", "wait-2@example.org", "wait-3@example.org"];

        await QueueAsync(addresses);
        await TestSmtpServer.UntilAsync(async () => (await RowsAsync()).All(m => m.Attempts >= 2 && m.LastError is not null), "two failed attempts at each message");
        Assert.All(await RowsAsync(), m => Assert.Null(m.SentAt));
        smtp.Start();

        await TestSmtpServer.UntilAsync(async () => (await RowsAsync()).All(m => m.SentAt is not null), "every message sent");
        Assert.Equal(0, await app.Get<OutboxSender>().DeliverDueAsync());
        Assert.All(addresses, a => Assert.Single(smtp.To(a)));
        Assert.All(await RowsAsync(), m => Assert.Equal((null, null), (m.LastError, m.ClaimedBy)));
    }

    [DatabaseFact]
    public async Task ServerRefusing_TheMessageWaitsWithTheServersAnswer_ThenIsDeliveredOnce()
    {
        smtp.Refusing = true;

        await QueueAsync("refused@example.org");
        await TestSmtpServer.UntilAsync(async () => (await RowsAsync()).Single().Attempts >= 2, "two refused attempts");
        var waiting = (await RowsAsync()).Single();
        Assert.Null(waiting.SentAt);
        Assert.Contains("SmtpCommandException", waiting.LastError, StringComparison.Ordinal);
        smtp.Refusing = false;

        Assert.Single(await smtp.WaitForAsync("refused@example.org"));
        await TestSmtpServer.UntilAsync(async () => (await RowsAsync()).Single().SentAt is not null, "the row marked sent");
        Assert.Single(smtp.To("refused@example.org"));
    }

    [DatabaseFact]
    public async Task ARowClaimedByAnotherInstance_WaitsForItsClaim_ThenIsSentOnceWithItsMessageId()
    {
        // Queued and claimed in one write, as another instance that crashed after handing it over would leave it.
        OutboxMessage row;
        await using (var db = app.CreateDbContext())
        {
            row = app.Get<WikiMail>().Queue(db, "claimed@example.org", MailKind.PasswordReset, Content("Claimed"));
            row.ClaimedBy = "another-instance";
            row.ClaimedUntil = DateTimeOffset.UtcNow.AddHours(1);
            row.Attempts = 1;
            await db.SaveChangesAsync();
        }

        Assert.Equal(0, await app.Get<OutboxSender>().DeliverDueAsync());
        Assert.Empty(smtp.To("claimed@example.org"));

        await using (var db = app.CreateDbContext())
        {
            await db.Outbox.Where(m => m.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedUntil, DateTimeOffset.UtcNow.AddSeconds(-1)));
        }
        var message = Assert.Single(await smtp.WaitForAsync("claimed@example.org"));
        Assert.Equal(row.MessageId, message.MessageId);
        await TestSmtpServer.UntilAsync(async () => (await RowsAsync()).Single().SentAt is not null, "the row marked sent");
        Assert.Single(smtp.To("claimed@example.org"));
    }

    [DatabaseFact]
    public async Task SeveralSendersAtOnce_SendEachRowOnce()
    {
        var addresses = Enumerable.Range(1, 12).Select(i => $"race-{i}@example.org").ToArray();
        await QueueAsync(addresses);
        // The app's own sender runs too: four senders in all, as on four instances.
        var others = Enumerable.Range(0, 3).Select(_ => new OutboxSender(
            app.Get<IDbContextFactory<WikiDbContext>>(), app.Get<WikiMail>(), TimeProvider.System, NullLogger<OutboxSender>.Instance)).ToList();

        await Task.WhenAll(others.Select(o => o.DeliverDueAsync()));

        await TestSmtpServer.UntilAsync(async () => (await RowsAsync()).All(m => m.SentAt is not null), "every message sent");
        Assert.All(addresses, a => Assert.Single(smtp.To(a)));
        Assert.Equal(addresses.Length, smtp.Received.Count);
    }

    [DatabaseFact]
    public async Task AFailedMessage_KeepsItsLastError_AndAnAdminRetrySendsIt()
    {
        await smtp.StopAsync();
        var row = (await QueueAsync("given-up@example.org")).Single();
        await TestSmtpServer.UntilAsync(async () => (await RowsAsync()).Single().Attempts >= 1, "a failed attempt");
        // A day later it is given up at its next failure.
        await using (var db = app.CreateDbContext())
        {
            await db.Outbox.Where(m => m.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.CreatedAt, DateTimeOffset.UtcNow.AddDays(-2)));
        }
        await TestSmtpServer.UntilAsync(async () => (await RowsAsync()).Single().FailedAt is not null, "the message given up");
        var failed = (await RowsAsync()).Single();
        Assert.False(string.IsNullOrEmpty(failed.LastError));
        var admin = await app.AdminIdAsync();
        Assert.Contains((await app.Get<MailOutbox>().RecentAsync(admin))!, r => r.Id == row.Id && r.State == OutboxState.Failed && r.LastError == failed.LastError);

        smtp.Start();
        Assert.True(await app.Get<MailOutbox>().RetryAsync(admin, row.Id));

        Assert.Single(await smtp.WaitForAsync("given-up@example.org"));
        await TestSmtpServer.UntilAsync(async () => (await RowsAsync()).Single().SentAt is not null, "the row marked sent");
    }
}

[OnPostgres]
public sealed class OutboxOnPostgresTests : OutboxTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
