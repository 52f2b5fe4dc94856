using System.Net;
using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.CommandLine;
using Promisingness.Web.Features.Accounts;
using Promisingness.Web.Security;
using Xunit.Abstractions;

namespace Promisingness.Tests.Security;

/// <summary>
/// Runs the flows that handle secrets (sign-in, a failed sign-in, an invitation accepted, a password
/// changed, a reset asked for, an account added from the command line) and searches everything the app
/// logged for the passwords, the cookie values, the antiforgery tokens and the invitation token.
/// </summary>
public sealed class SecretsInLogsTests(ITestOutputHelper output) : IDisposable
{
    private const string WrongPassword = "a wrong passphrase entirely";
    private const string InviteePassword = "the invitee's own passphrase";
    private const string ChangedPassword = "a changed passphrase, longer";
    private const string CommandLinePassword = "typed on the command line";

    private readonly WikiApp app = new(settings: new Dictionary<string, string>
    {
        ["RateLimits:SignInPerMinute"] = "1000",
        // Everything an operator might turn on while chasing a problem, not only the shipped levels.
        ["Logging:LogLevel:Default"] = "Debug",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Debug",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Debug",
    }, firstRun: true); // The first start creates the admin from its configured password: its logs are read too.
    private readonly List<string> secrets = [WikiApp.AdminPassword, Members.Password, WrongPassword, InviteePassword, ChangedPassword, CommandLinePassword];

    public void Dispose() => app.Dispose();

    private (HttpClient Client, RecordingCookies Cookies) Browser()
    {
        var cookies = new RecordingCookies();
        return (app.CreateDefaultClient(cookies), cookies);
    }

    private async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, Dictionary<string, string> fields)
    {
        var (response, hidden) = await Forms.PostAsync(client, page, fields);
        secrets.AddRange(hidden);
        return response;
    }

    [Fact]
    public async Task SecretFlows_LeaveNoPasswordCookieOrTokenInTheLogs()
    {
        await Members.AddAsync(app, "researcher@test.local", Roles.Researcher, Members.Aisc);
        var (admin, adminCookies) = Browser();
        using (var signedIn = await PostAsync(admin, "/Account/Login", new() { ["Input.Email"] = WikiApp.AdminEmail, ["Input.Password"] = WikiApp.AdminPassword }))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }
        var (stranger, strangerCookies) = Browser();
        using (var refused = await PostAsync(stranger, "/Account/Login", new() { ["Input.Email"] = "researcher@test.local", ["Input.Password"] = WrongPassword }))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        }

        var adminId = (await app.Get<Promisingness.Web.Features.Admin.UserAdministration>().ListAsync()).Single(u => u.Email == WikiApp.AdminEmail).Id;
        var (_, token) = await app.Get<Invitations>().CreateAsync(adminId, Roles.Researcher, Members.Mars, null, "invited@test.local");
        secrets.Add(token);
        var (invitee, inviteeCookies) = Browser();
        using (var accepted = await PostAsync(invitee, $"/invite/{token}", new()
        {
            ["Input.DisplayName"] = "Invited Person",
            ["Input.Email"] = "invited@test.local",
            ["Input.Password"] = InviteePassword,
            ["Input.ConfirmPassword"] = InviteePassword,
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        }
        using (var changed = await PostAsync(invitee, "/Account/Manage/ChangePassword", new()
        {
            ["Input.OldPassword"] = InviteePassword,
            ["Input.NewPassword"] = ChangedPassword,
            ["Input.ConfirmPassword"] = ChangedPassword,
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        }
        using (var reset = await PostAsync(stranger, "/Account/ForgotPassword", new() { ["Input.Email"] = "researcher@test.local" }))
        {
            Assert.True(reset.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK);
        }
        // The mailed links (the invitation's and the reset's) hold tokens too.
        await using (var db = app.CreateDbContext())
        {
            var mailed = await db.Outbox.Select(m => m.TextBody).ToListAsync();
            Assert.Equal(2, mailed.Count);
            secrets.AddRange(mailed.SelectMany(body => System.Text.RegularExpressions.Regex.Matches(body, @"(?:code=|invite/)([A-Za-z0-9_\-]+)").Select(m => m.Groups[1].Value)));
        }
        Assert.Equal(0, await WikiCommandLine.RunAsync(app.Services, ["users", "add", "--email", "cli@test.local", "--name", "Cli Person", "--role", "Researcher", "--program", "SPAR", "--password", CommandLinePassword], TextWriter.Null, TextWriter.Null));
        secrets.AddRange(adminCookies.Values.Concat(strangerCookies.Values).Concat(inviteeCookies.Values));

        var lines = app.Logs.Lines.ToList();
        var leaks = (from line in lines
                     from secret in secrets.Where(s => s.Length >= 8).Distinct()
                     where line.Contains(secret, StringComparison.Ordinal)
                     select $"{secret[..4]}… in: {line[..Math.Min(line.Length, 200)]}").ToList();

        output.WriteLine($"{lines.Count} log lines searched for {secrets.Distinct().Count()} secrets ({adminCookies.Values.Count + strangerCookies.Values.Count + inviteeCookies.Values.Count} cookie values)");
        Assert.Contains(lines, line => line.Contains("logged in", StringComparison.OrdinalIgnoreCase));
        Assert.True(inviteeCookies.Values.Count > 0 && adminCookies.Values.Count > 0, "the flows set no cookie: the test would prove nothing");
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
    }
}
