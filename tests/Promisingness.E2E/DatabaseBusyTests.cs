using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Promisingness.E2E.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Admin;
using Promisingness.Web.Security;

namespace Promisingness.E2E;

/// <summary>The wiki with a one-second command timeout, so a busy database gives up after SQLite's busy_timeout (5 s).</summary>
public sealed class BusyLiveWiki : LiveWiki
{
    protected override string ConnectionOptions => ";Default Timeout=1";
}

/// <summary>A member saves while another connection holds the database's write lock longer than the wiki waits.</summary>
public sealed class DatabaseBusyTests(BusyLiveWiki wiki) : IClassFixture<BusyLiveWiki>
{
    [BrowserFact]
    public async Task Member_SavingWhileTheDatabaseIsBusy_SeesWhatToDo_KeepsTheText_AndTheLogHasTheReference()
    {
        const string Password = "a passphrase while busy";
        var user = await wiki.Services.GetRequiredService<UserAdministration>().AddUserAsync(UserAdministration.CommandLine.Id, "busy@example.org", "busy", Roles.Researcher, 1, null, Password);
        var page = await wiki.NewPageAsync();
        await PageActions.SignInAsync(page, "busy@example.org", Password);
        await page.GotoAsync("entries/goal/edit");
        const string Text = "Typed while another process held the database.";
        await PageActions.TypeBodyAsync(page, Text, "another process held");

        var failure = page.GetByTestId("save-failure");
        await using (var holder = new SqliteConnection($"DataSource={wiki.DatabasePath};Pooling=False"))
        {
            await holder.OpenAsync();
            await using (var begin = holder.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE";
                await begin.ExecuteNonQueryAsync();
            }
            await PageActions.ClickWhenReadyAsync(page.GetByTestId("save"));
            await Assertions.Expect(failure).ToBeVisibleAsync(new() { Timeout = 30_000 });
        }

        await Assertions.Expect(failure).ToContainTextAsync("busy");
        await Assertions.Expect(failure).ToContainTextAsync("press Save again");
        var reference = await failure.GetByTestId("error-reference").InnerTextAsync();
        // Said beside Save as well, where the writer looks, and focus moves there.
        var outcome = page.GetByTestId("save-outcome");
        await Assertions.Expect(outcome).ToBeFocusedAsync();
        await Assertions.Expect(outcome).ToContainTextAsync("Not saved:");
        await Assertions.Expect(outcome).ToContainTextAsync(reference);
        await PageActions.ScreenshotAsync(page, "editor-save-failed");
        await Assertions.Expect(page.Locator(".editor-body textarea")).ToHaveValueAsync(Text);
        Assert.DoesNotContain("Exception", await page.Locator("main").InnerTextAsync());
        Assert.Matches("^[0-9a-f]{12}$", reference);
        Assert.Contains(wiki.LogLines, line => line.StartsWith("Error", StringComparison.Ordinal) && line.Contains(reference, StringComparison.Ordinal) && line.Contains("database is locked", StringComparison.Ordinal));

        // The lock is gone: the same text saves with the next click, as one revision with its audit row from the browser's address.
        await PageActions.SaveAndWaitForAsync(page, "**/pages/goal", wiki);
        await using var db = await wiki.Services.GetRequiredService<IDbContextFactory<WikiDbContext>>().CreateDbContextAsync();
        var revision = await db.Revisions.SingleAsync(r => r.AuthorUserId == user.Id);
        Assert.Equal(Text, revision.BodyMarkdown);
        var audit = await db.Activities.SingleAsync(a => a.ActorUserId == user.Id && a.Action == AuditActions.EntryEdited);
        Assert.Equal("127.0.0.1", audit.Origin);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Member_CommentingWhileTheDatabaseIsBusy_SeesWhatToDo_AndKeepsTheComment()
    {
        const string Password = "a passphrase for a busy comment";
        await wiki.Services.GetRequiredService<UserAdministration>().AddUserAsync(UserAdministration.CommandLine.Id, "busy-comment@example.org", "busycomment", Roles.Researcher, 1, null, Password);
        var page = await wiki.NewPageAsync();
        await PageActions.SignInAsync(page, "busy-comment@example.org", Password);
        await page.GotoAsync("topics/in-context-learning");
        var form = await PageActions.OpenCommentFormAsync(page);
        const string Text = "A comment typed while the database was held.";
        await form.Locator("textarea").First.FillAsync(Text);

        var failure = form.GetByTestId("comment-failure");
        await using (var holder = new SqliteConnection($"DataSource={wiki.DatabasePath};Pooling=False"))
        {
            await holder.OpenAsync();
            await using (var begin = holder.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE";
                await begin.ExecuteNonQueryAsync();
            }
            await form.GetByTestId("comment-submit").ClickAsync();
            await Assertions.Expect(failure).ToBeVisibleAsync(new() { Timeout = 30_000 });
        }

        await Assertions.Expect(failure).ToContainTextAsync("press Comment again");
        await Assertions.Expect(form.Locator("textarea").First).ToHaveValueAsync(Text);
        var reference = await failure.GetByTestId("error-reference").InnerTextAsync();
        Assert.Contains(wiki.LogLines, line => line.StartsWith("Error", StringComparison.Ordinal) && line.Contains(reference, StringComparison.Ordinal));

        // The lock is gone: the same text is sent with the next click.
        await form.GetByTestId("comment-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("thread").First).ToContainTextAsync(Text);
        await page.Context.CloseAsync();
    }
}
