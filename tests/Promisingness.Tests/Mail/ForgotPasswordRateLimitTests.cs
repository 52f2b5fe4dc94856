using System.Net;
using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Mail;

/// <summary>The sign-in rate limit covers the forgot-password form, so it cannot be used to flood a member's mailbox.</summary>
public sealed class ForgotPasswordRateLimitTests : IDisposable
{
    private readonly WikiApp app = new(settings: new Dictionary<string, string> { ["RateLimits:SignInPerMinute"] = "3" });

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task ForgotPassword_FloodOfPosts_IsAnswered429_AndQueuesNoMoreMail()
    {
        await Members.AddAsync(app, "flooded@example.org", Roles.Mentor);
        var client = Members.Client(app);
        var fields = new Dictionary<string, string> { ["Input.Email"] = "flooded@example.org" };
        for (var i = 0; i < 3; i++)
        {
            var (allowed, _) = await Forms.PostAsync(client, "/Account/ForgotPassword", fields);
            Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        }

        var (refused, _) = await Forms.PostAsync(client, "/Account/ForgotPassword", fields);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        using var db = app.CreateDbContext();
        Assert.Equal(3, await db.Outbox.CountAsync(m => m.To == "flooded@example.org"));
    }
}
