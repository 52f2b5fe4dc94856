using System.Net;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Attachments;
using Promisingness.Web.Features.Credences;
using Promisingness.Web.Features.Discussion;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Features.Search;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Security;

/// <summary>Each limit holds, and the person who meets it is told what happened.</summary>
public sealed class LimitsTests
{
    private const int WritesPerMinute = 3;

    [Fact]
    public async Task Writes_BeyondTheBudget_AreRefusedWithAClearMessageAndWriteNothing()
    {
        using var app = new WikiApp(settings: new Dictionary<string, string> { ["RateLimits:WritesPerMinute"] = WritesPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var fast = await Members.AddAsync(app, "fast@test.local", Roles.Mentor);
        var other = await Members.AddAsync(app, "other@test.local", Roles.Mentor);
        var editor = app.Get<EntryEditor>();
        var discussions = app.Get<Discussions>();
        int goalId;
        using (var db = app.CreateDbContext())
        {
            goalId = (await db.Entries.SingleAsync(e => e.Slug == "goal")).Id;
        }

        // A save, a comment, an estimate and an upload share one budget.
        Assert.IsType<SaveResult.Saved>(await editor.CreateAsync(fast, EntryKind.Page, new EntryInput("Fast one", "First.", Visibility.Team, null)));
        Assert.Null((await discussions.OpenAsync(fast, goalId, "A comment.", anchor: null)).Error);
        Assert.IsType<SaveResult.Saved>(await editor.CreateAsync(fast, EntryKind.Page, new EntryInput("Fast two", "Second.", Visibility.Team, null)));
        var revisionsBefore = await CountAsync(app, db => db.Revisions);
        var commentsBefore = await CountAsync(app, db => db.Comments);

        var save = Assert.IsType<SaveResult.Refused>(await editor.CreateAsync(fast, EntryKind.Page, new EntryInput("Fast three", "Third.", Visibility.Team, null)));
        var comment = await discussions.OpenAsync(fast, goalId, "Another comment.", anchor: null);
        var estimate = await app.Get<CredenceBook>().RecordAsync(fast, goalId, 50, "why not");
        var upload = await app.Get<AttachmentStore>().UploadAsync((await app.Get<WikiUsers>().LoadAsync(fast))!, "goal", "plot.png", Attachments.TestFiles.Png());

        Assert.Equal(WriteRateLimit.TooFast, save.Message);
        Assert.Equal(WriteRateLimit.TooFast, comment.Error);
        Assert.Equal(WriteRateLimit.TooFast, estimate);
        Assert.Contains("wait a few seconds", WriteRateLimit.TooFast);
        Assert.Equal((429, "You are adding files very fast; wait a few seconds, then try again. This file was not added."), (upload.Status, upload.Problem));
        Assert.Equal(0, await CountAsync(app, db => db.Attachments));
        Assert.Equal(revisionsBefore, await CountAsync(app, db => db.Revisions));
        Assert.Equal(commentsBefore, await CountAsync(app, db => db.Comments));
        // The budget is each member's own.
        Assert.IsType<SaveResult.Saved>(await editor.CreateAsync(other, EntryKind.Page, new EntryInput("Someone else", "Unaffected.", Visibility.Team, null)));
    }

    private static async Task<int> CountAsync<T>(WikiApp app, Func<WikiDbContext, IQueryable<T>> set)
    {
        using var db = app.CreateDbContext();
        return await set(db).CountAsync();
    }

    [Fact]
    public async Task RequestBody_LargerThan8MB_IsRefusedWith413AndAMessage()
    {
        using var app = new WikiApp();
        var address = app.StartKestrel();
        using var client = new HttpClient { BaseAddress = address };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            // A file upload, as a multipart form: the form reader's own limits are far above 8 MB.
            Content = new MultipartFormDataContent { { new ByteArrayContent(new byte[RequestLimits.MaxRequestBodyBytes + 1]), "upload", "big.bin" } },
        };
        // As browsers and proxies may: ask first, so that the refusal arrives before 8 MB are sent.
        request.Headers.ExpectContinue = true;

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("too large", await response.Content.ReadAsStringAsync());
        Assert.Equal(8 * 1024 * 1024, RequestLimits.MaxRequestBodyBytes);
    }

    [Fact]
    public void CircuitMessages_AreCappedAt4MB_WhichStillCarriesA1MBEntry()
    {
        using var app = new WikiApp(seed: false);
        // The circuit's hub is internal to the framework: its options are found by the hub's type name.
        var hub = typeof(Microsoft.AspNetCore.Components.Server.CircuitOptions).Assembly.GetType("Microsoft.AspNetCore.Components.Server.ComponentHub", throwOnError: true)!;
        var options = (IOptions<HubOptions>)app.Services.GetRequiredService(typeof(IOptions<>).MakeGenericType(typeof(HubOptions<>).MakeGenericType(hub)));

        Assert.Equal(RequestLimits.MaxCircuitMessageBytes, options.Value.MaximumReceiveMessageSize);
        // A 1 MB body of the widest common characters, escaped into JSON, fits.
        Assert.True(options.Value.MaximumReceiveMessageSize >= 3 * 1024 * 1024 + 64 * 1024);
    }

    [Fact]
    public async Task SearchQuery_LongerThanTheCap_IsCutAndThePageSaysSo()
    {
        using var app = new WikiApp();
        var query = string.Concat(Enumerable.Repeat("generalization ", 2000));

        using var response = await app.CreateClient().GetAsync("/search?q=" + Uri.EscapeDataString(query));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(SearchTerms.Parse(query).Truncated);
        Assert.Contains("topics/weak-to-strong-generalization", html);
        Assert.Contains($"only the first {SearchTerms.MaxTerms} words were searched", html);
    }
}
