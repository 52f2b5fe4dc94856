using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Accounts;
using Promisingness.Web.Features.Discussion;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Security;
using Xunit.Abstractions;

namespace Promisingness.Tests.Security;

/// <summary>
/// Every route the app maps, read from its EndpointDataSource (so a new route is covered without anyone
/// remembering), requested by anonymous visitors, a researcher of each program, the mentor and an admin.
/// A route without a row in <see cref="Table"/> fails the test.
/// </summary>
public sealed class AccessMatrixTests(AccessMatrixTests.Fixture fixture, ITestOutputHelper output) : IClassFixture<AccessMatrixTests.Fixture>
{
    private static readonly string[] Actors = ["anonymous", "aisc", "mars", "spar", "mentor", "admin"];

    /// <summary>Text only the team may read, and text only the mentor, admins and the draft's authors may read.</summary>
    public const string TeamCanary = "TEAMCANARY-7f3a";
    public const string DraftCanary = "DRAFTCANARY-91c2";
    public const string CommentCanary = "COMMENTCANARY-44d0";

    public sealed class Fixture : IAsyncLifetime
    {
        public WikiApp App { get; } = new(settings: new Dictionary<string, string> { ["RateLimits:SignInPerMinute"] = "1000" });
        public Dictionary<string, HttpClient> Clients { get; } = [];
        public string MeetingSlug { get; private set; } = "";
        public string SummarySlug { get; private set; } = "";
        public string InvitationToken { get; private set; } = "";

        public async Task InitializeAsync()
        {
            var mentor = await Members.AddAsync(App, "mentor@test.local", Roles.Mentor);
            await Members.AddAsync(App, "aisc@test.local", Roles.Researcher, Members.Aisc);
            await Members.AddAsync(App, "mars@test.local", Roles.Researcher, Members.Mars);
            await Members.AddAsync(App, "spar@test.local", Roles.Researcher, 3);
            var editor = App.Get<EntryEditor>();
            Assert.IsType<SaveResult.Saved>(await editor.CreateAsync(mentor, EntryKind.Page, new EntryInput("Team canary", TeamCanary, Visibility.Team, null, "", Tags: ["canary-tag"])));
            Assert.IsType<SaveResult.Saved>(await editor.CreateAsync(mentor, EntryKind.Page, new EntryInput("Draft canary", DraftCanary, Visibility.Draft, null, "")));
            var meeting = Assert.IsType<SaveResult.Saved>(await editor.CreateAsync(mentor, EntryKind.Meeting,
                new EntryInput("Meeting canary", "Notes of the team.", Visibility.Team, null, "", Meeting: new MeetingInput(new DateOnly(2026, 11, 26), [], "", "", []))));
            MeetingSlug = meeting.Slug;
            using (var db = App.CreateDbContext())
            {
                var severin = await db.Members.SingleAsync(m => m.Slug == "severin-field");
                var topic = await db.Entries.SingleAsync(e => e.Slug == "theoretical-chain-of-thought");
                var summary = Assert.IsType<SaveResult.Saved>(await editor.CreateAsync(mentor, EntryKind.WeeklySummary,
                    new EntryInput("", "What Severin read this week.", Visibility.Team, null, "", Summary: new SummaryInput("2026-W48", topic.Id, severin.Id))));
                SummarySlug = summary.Slug;
            }
            var discussions = App.Get<Discussions>();
            var (entryId, _) = await discussions.EntryAsync("weak-to-strong-generalization");
            await discussions.OpenAsync(mentor, entryId, CommentCanary, anchor: null);
            var admin = (await App.Get<Promisingness.Web.Features.Admin.UserAdministration>().ListAsync()).Single(u => u.Email == WikiApp.AdminEmail).Id;
            InvitationToken = (await App.Get<Invitations>().CreateAsync(admin, Roles.Researcher, Members.Aisc, null, null)).Token;

            Clients["anonymous"] = Members.Client(App);
            Clients["aisc"] = await Members.SignInAsync(App, "aisc@test.local");
            Clients["mars"] = await Members.SignInAsync(App, "mars@test.local");
            Clients["spar"] = await Members.SignInAsync(App, "spar@test.local");
            Clients["mentor"] = await Members.SignInAsync(App, "mentor@test.local");
            Clients["admin"] = await Members.SignInAsync(App, WikiApp.AdminEmail, WikiApp.AdminPassword);
        }

        public Task DisposeAsync()
        {
            App.Dispose();
            return Task.CompletedTask;
        }
    }

    /// <summary>What one actor should get: a status, and for a redirect where it leads.</summary>
    public sealed record Answer(HttpStatusCode Status, string? RedirectTo = null)
    {
        public static readonly Answer Ok = new(HttpStatusCode.OK);
        public static readonly Answer NotFound = new(HttpStatusCode.NotFound);
        public static readonly Answer Forbidden = new(HttpStatusCode.Forbidden);
        public static readonly Answer SignIn = new(HttpStatusCode.Redirect, "/Account/Login");
        public static readonly Answer Denied = new(HttpStatusCode.Redirect, "/Account/AccessDenied");

        public override string ToString() => RedirectTo is null ? $"{(int)Status}" : $"{(int)Status} → {RedirectTo}";
    }

    /// <summary>A concrete request for a route, and the answer each actor should get.</summary>
    public sealed record Case(string Path, Func<string, Answer> Expect);

    private static Case Everyone(string path) => new(path, _ => Answer.Ok);
    private static Case MembersOnly(string path) => new(path, actor => actor == "anonymous" ? Answer.SignIn : Answer.Ok);
    private static Case AdminsOnly(string path) => new(path, actor => actor switch { "anonymous" => Answer.SignIn, "admin" => Answer.Ok, _ => Answer.Denied });
    private static Case TeamEntry(string path) => new(path, actor => actor == "anonymous" ? Answer.NotFound : Answer.Ok);
    private static Case DraftByTheMentor(string path) => new(path, actor => actor is "mentor" or "admin" ? Answer.Ok : Answer.NotFound);
    private static Case Reviewers(string path) => new(path, actor => actor switch { "anonymous" => Answer.SignIn, "mentor" or "admin" => Answer.Ok, _ => Answer.Forbidden });
    private static Case Same(string path, Answer answer) => new(path, _ => answer);
    private static Case AccountManagement(string path) => MembersOnly(path);

    /// <summary>Every route pattern of the app, with the requests that exercise it.</summary>
    private Dictionary<string, Case[]> Table() => new()
    {
        ["/"] = [Everyone("/")],
        ["/topics"] = [Everyone("/topics")],
        ["/topics/{Slug}"] = [Everyone("/topics/weak-to-strong-generalization"), Same("/topics/no-such-topic", Answer.NotFound)],
        ["/questions"] = [Everyone("/questions")],
        ["/questions/{Slug}"] = [Everyone("/questions/how-safe-can-human-level-automated-alignment-researchers-be-made")],
        ["/team"] = [Everyone("/team")],
        ["/team/{Slug}"] = [Everyone("/team/severin-field"), Same("/team/nobody", Answer.NotFound)],
        ["/pages/{Slug}"] = [Everyone("/pages/background"), TeamEntry("/pages/team-canary"), DraftByTheMentor("/pages/draft-canary")],
        ["/tags"] = [Everyone("/tags")],
        ["/tags/{Name}"] = [TeamEntry("/tags/canary-tag")],
        ["/summaries"] = [Everyone("/summaries")],
        ["/summaries/{Slug}"] = [TeamEntry($"/summaries/{fixture.SummarySlug}")],
        ["/summaries/week/{Week}"] = [MembersOnly("/summaries/week/2026-W48")],
        ["/review"] = [Reviewers("/review")],
        ["/review/{Slug}"] = [Reviewers($"/review/{fixture.SummarySlug}")],
        ["/recent"] = [Everyone("/recent")],
        ["/meetings"] = [Everyone("/meetings")],
        ["/meetings/{Slug}"] = [TeamEntry($"/meetings/{fixture.MeetingSlug}")],
        ["/inbox"] = [MembersOnly("/inbox")],
        ["/entries/{Slug}/history"] = [Everyone("/entries/goal/history"), TeamEntry("/entries/team-canary/history"), DraftByTheMentor("/entries/draft-canary/history")],
        ["/entries/{Slug}/diff"] = [Everyone("/entries/goal/diff?from=1&to=1"), TeamEntry("/entries/team-canary/diff?from=1&to=1"), DraftByTheMentor("/entries/draft-canary/diff?from=1&to=1")],
        ["/entries/{Slug}/edit"] = [MembersOnly("/entries/goal/edit"), new("/entries/draft-canary/edit", actor => actor switch { "anonymous" => Answer.SignIn, "mentor" or "admin" => Answer.Ok, _ => Answer.NotFound })],
        ["/new/{KindName}"] = [MembersOnly("/new/page"), new("/new/nonsense", actor => actor == "anonymous" ? Answer.SignIn : Answer.NotFound)],
        ["/admin/users"] = [AdminsOnly("/admin/users")],
        ["/admin/audit"] = [AdminsOnly("/admin/audit")],
        ["/admin/mail"] = [AdminsOnly("/admin/mail")],
        ["/admin/files"] = [AdminsOnly("/admin/files")],
        ["/admin/backup"] = [AdminsOnly("/admin/backup")],
        ["/admin/publish"] = [AdminsOnly("/admin/publish")],
        ["/admin/machine-access"] = [AdminsOnly("/admin/machine-access")],
        // The API never reads the sign-in cookie: every signed-in browser is an anonymous caller there.
        ["/api/v1/entries"] = [Everyone("/api/v1/entries")],
        ["/api/v1/entries/{slug}"] = [Everyone("/api/v1/entries/goal"), Same("/api/v1/entries/team-canary", Answer.NotFound), Same("/api/v1/entries/draft-canary", Answer.NotFound)],
        ["/api/v1/entries/{slug}/revisions"] = [Everyone("/api/v1/entries/goal/revisions"), Same("/api/v1/entries/team-canary/revisions", Answer.NotFound)],
        ["/api/v1/entries/{slug}/comments"] = [Same("/api/v1/entries/weak-to-strong-generalization/comments", new(HttpStatusCode.Unauthorized))],
        ["/api/v1/search"] = [Everyone("/api/v1/search?q=canary"), Everyone("/api/v1/search?q=TEAMCANARY")],
        ["/api/v1/entries/{slug}/revisions/{number}/diff"] = [Same("/api/v1/entries/goal/revisions/1/diff", new(HttpStatusCode.BadRequest)), Same("/api/v1/entries/team-canary/revisions/1/diff?from=0", new(HttpStatusCode.BadRequest)), Same("/api/v1/entries/team-canary/revisions/2/diff", Answer.NotFound)],
        ["/api/v1/questions"] = [Everyone("/api/v1/questions")],
        ["/api/v1/summaries"] = [Everyone("/api/v1/summaries")],
        ["/api/v1/changes"] = [Everyone("/api/v1/changes")],
        // Posted to only, with JSON and a token: ApiAccessTests, McpServerTests; the forged-token test below posts a form.
        ["/api/v1/entries/{slug}/comments/{id}/replies"] = [],
        ["/mcp/"] = [],
        ["/api/v1/entries/{slug}/suggestions"] = [Same("/api/v1/entries/weak-to-strong-generalization/suggestions", new(HttpStatusCode.Unauthorized))],
        ["/api/v1/suggestions/{id}"] = [Same("/api/v1/suggestions/1", new(HttpStatusCode.Unauthorized))],
        ["/openapi/{documentName}.json"] = [Everyone("/openapi/v1.json")],
        ["/admin/publish/files/{name}"] = [new("/admin/publish/files/no-such-file.zip", actor => actor switch { "anonymous" => Answer.SignIn, "admin" => Answer.NotFound, _ => Answer.Denied })],
        // The query echoes on the page, so it names the canaries without their suffixes: only a result could show those.
        ["/search"] = [Everyone("/search?q=canary"), Everyone("/search?q=TEAMCANARY"), Everyone("/search?q=DRAFTCANARY"), Everyone("/search?q=COMMENTCANARY")],
        // A file answers as its entries do (AttachmentHttpTests); a hash no file has is not found for anyone.
        ["/files/{hash}/{name}"] = [Same($"/files/{new string('0', 64)}/plot.png", Answer.NotFound)],
        // Posted to only, by editor.js: covered by the forged-token test below and AttachmentHttpTests.
        ["/files/upload/{slug}"] = [Same("/files/upload/goal?name=plot.txt", Answer.Forbidden)],
        ["/feed.atom"] = [Everyone("/feed.atom")],
        ["/sitemap.xml"] = [Everyone("/sitemap.xml")],
        ["/robots.txt"] = [Everyone("/robots.txt")],
        // The signed token is the authority, for anyone who holds the link (UnsubscribeTests); without one, refused.
        ["/mail/unsubscribe"] = [Same("/mail/unsubscribe?t=forged", new(HttpStatusCode.BadRequest))],
        // For load balancers: it says "Healthy" or not, and nothing about the content.
        ["/healthz"] = [Everyone("/healthz")],
        ["/not-found"] = [Same("/not-found", Answer.NotFound)],
        ["/Error"] = [Everyone("/Error")],
        ["/invite/{Token}"] = [Everyone($"/invite/{fixture.InvitationToken}"), Everyone("/invite/not-a-real-token")],
        ["/Account/Login"] = [Everyone("/Account/Login")],
        ["/Account/AccessDenied"] = [Everyone("/Account/AccessDenied")],
        ["/Account/Lockout"] = [Everyone("/Account/Lockout")],
        ["/Account/InvalidUser"] = [Everyone("/Account/InvalidUser")],
        ["/Account/InvalidPasswordReset"] = [Everyone("/Account/InvalidPasswordReset")],
        ["/Account/ForgotPassword"] = [Everyone("/Account/ForgotPassword")],
        ["/Account/ForgotPasswordConfirmation"] = [Everyone("/Account/ForgotPasswordConfirmation")],
        ["/Account/ResetPassword"] = [Same("/Account/ResetPassword", new(HttpStatusCode.Redirect, "/Account/InvalidPasswordReset"))],
        ["/Account/ResetPasswordConfirmation"] = [Everyone("/Account/ResetPasswordConfirmation")],
        ["/Account/ResendEmailConfirmation"] = [Everyone("/Account/ResendEmailConfirmation")],
        ["/Account/ConfirmEmail"] = [Same("/Account/ConfirmEmail", new(HttpStatusCode.Redirect, "/"))],
        ["/Account/ConfirmEmailChange"] = [Same("/Account/ConfirmEmailChange", new(HttpStatusCode.Redirect, "/"))],
        ["/Account/LoginWith2fa"] = [Same("/Account/LoginWith2fa", new(HttpStatusCode.Redirect, "/Account/Login"))],
        ["/Account/LoginWithRecoveryCode"] = [Same("/Account/LoginWithRecoveryCode", new(HttpStatusCode.Redirect, "/Account/Login"))],
        ["/Account/Manage"] = [AccountManagement("/Account/Manage")],
        ["/Account/Manage/ChangePassword"] = [AccountManagement("/Account/Manage/ChangePassword")],
        ["/Account/Manage/SetPassword"] = [new("/Account/Manage/SetPassword", actor => actor == "anonymous" ? Answer.SignIn : new(HttpStatusCode.Redirect, "/Account/Manage/ChangePassword"))],
        ["/Account/Manage/Email"] = [AccountManagement("/Account/Manage/Email")],
        ["/Account/Manage/PersonalData"] = [AccountManagement("/Account/Manage/PersonalData")],
        ["/Account/Manage/DeletePersonalData"] = [AccountManagement("/Account/Manage/DeletePersonalData")],
        ["/Account/Manage/TwoFactorAuthentication"] = [AccountManagement("/Account/Manage/TwoFactorAuthentication")],
        ["/Account/Manage/EnableAuthenticator"] = [AccountManagement("/Account/Manage/EnableAuthenticator")],
        ["/Account/Manage/Disable2fa"] = [new("/Account/Manage/Disable2fa", actor => actor == "anonymous" ? Answer.SignIn : new(HttpStatusCode.Redirect, "/Account/Manage/TwoFactorAuthentication"))],
        ["/Account/Manage/ResetAuthenticator"] = [AccountManagement("/Account/Manage/ResetAuthenticator")],
        ["/Account/Manage/GenerateRecoveryCodes"] = [new("/Account/Manage/GenerateRecoveryCodes", actor => actor == "anonymous" ? Answer.SignIn : new(HttpStatusCode.Redirect, "/Account/Manage/TwoFactorAuthentication"))],
        ["/Account/Manage/Passkeys"] = [AccountManagement("/Account/Manage/Passkeys")],
        ["/Account/Manage/Tokens"] = [AccountManagement("/Account/Manage/Tokens")],
        ["/Account/Manage/Notifications"] = [AccountManagement("/Account/Manage/Notifications")],
        ["/Account/Manage/RenamePasskey/{Id}"] = [new("/Account/Manage/RenamePasskey/no-such-passkey", actor => actor == "anonymous" ? Answer.SignIn : new(HttpStatusCode.Redirect, "/Account/Manage/Passkeys"))],
        // Posted to only, by forms and scripts: covered by the forged-token test below.
        ["/Account/Logout"] = [],
        ["/Account/PasskeyCreationOptions"] = [],
        ["/Account/PasskeyRequestOptions"] = [],
        ["/Account/Manage/DownloadPersonalData"] = [],
    };

    /// <summary>Routes that are not the app's pages: the framework's own plumbing, and static files.</summary>
    private static bool IsPlumbing(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<StaticAssetDescriptor>() is not null
        || endpoint.RoutePattern.RawText is { } raw && (raw.StartsWith("/_blazor", StringComparison.Ordinal) || raw.StartsWith("/_framework/", StringComparison.Ordinal) || raw == "{**path:file}");

    private List<RouteEndpoint> AppRoutes() => [.. fixture.App.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Where(e => !IsPlumbing(e))];

    private static string Pattern(RouteEndpoint endpoint) => "/" + endpoint.RoutePattern.RawText!.TrimStart('/');

    [Fact]
    public void EveryRoute_HasARowInTheAccessTable()
    {
        var table = Table();
        var missing = AppRoutes().Select(Pattern).Distinct().Where(p => !table.ContainsKey(p)).ToList();
        var stale = table.Keys.Where(p => !AppRoutes().Select(Pattern).Contains(p)).ToList();

        Assert.True(missing.Count == 0, "Routes with no row in AccessMatrixTests.Table (say who may see them): " + string.Join(", ", missing));
        Assert.True(stale.Count == 0, "Rows for routes the app no longer has: " + string.Join(", ", stale));
    }

    [Fact]
    public async Task EveryGetRoute_AsEachActor_AnswersAsTheTableSaysAndLeaksNothing()
    {
        var table = Table();
        var getRoutes = AppRoutes()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("GET") != false)
            .Select(Pattern).Distinct().ToList();
        var problems = new List<string>();
        var requests = 0;
        foreach (var route in getRoutes)
        {
            foreach (var @case in table.GetValueOrDefault(route) ?? [])
            {
                foreach (var actor in Actors)
                {
                    var expected = @case.Expect(actor);
                    using var response = await fixture.Clients[actor].GetAsync(@case.Path);
                    requests++;
                    var body = await response.Content.ReadAsStringAsync();
                    var actual = new Answer(response.StatusCode, response.Headers.Location is { } location ? PathOf(location) : null);
                    if (actual.Status != expected.Status || (expected.RedirectTo is { } to && actual.RedirectTo?.StartsWith(to, StringComparison.Ordinal) != true))
                    {
                        problems.Add($"{actor} GET {@case.Path}: expected {expected}, got {actual}");
                    }
                    problems.AddRange(Leaks(actor, @case.Path, body));
                }
            }
        }
        output.WriteLine($"{getRoutes.Count} GET routes, {requests} requests, {problems.Count} problems");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData("mentor", "/search?q=TEAMCANARY", "Team canary")]
    [InlineData("mentor", "/search?q=DRAFTCANARY", "Draft canary")]
    [InlineData("aisc", "/search?q=TEAMCANARY", "Team canary")]
    [InlineData("aisc", "/pages/team-canary", TeamCanary)]
    [InlineData("mentor", "/topics/weak-to-strong-generalization", CommentCanary)]
    [InlineData("mentor", "/meetings", "Meeting canary")]
    public async Task Canary_IsShownToThoseWhoMayReadIt_SoItsAbsenceElsewhereMeansSomething(string actor, string path, string canary)
    {
        var body = await fixture.Clients[actor].GetStringAsync(path);

        Assert.Contains(canary, body);
    }

    private static IEnumerable<string> Leaks(string actor, string path, string body)
    {
        if (body.Contains("   at Promisingness", StringComparison.Ordinal) || body.Contains("Exception:", StringComparison.Ordinal))
        {
            yield return $"{actor} GET {path}: the page shows a stack trace";
        }
        if (actor == "anonymous")
        {
            foreach (var canary in new[] { TeamCanary, DraftCanary, CommentCanary, "Team canary", "Draft canary", "Meeting canary" })
            {
                if (body.Contains(canary, StringComparison.Ordinal))
                {
                    yield return $"anonymous GET {path}: shows team-internal \"{canary}\"";
                }
            }
        }
        else if (actor is "aisc" or "mars" or "spar" && (body.Contains(DraftCanary, StringComparison.Ordinal) || body.Contains("Draft canary", StringComparison.Ordinal)))
        {
            yield return $"{actor} GET {path}: shows the mentor's draft";
        }
    }

    private static string PathOf(Uri location) => location.IsAbsoluteUri ? location.AbsolutePath : "/" + location.OriginalString.TrimStart('/').Split('?')[0];

    public static TheoryData<string> Posters => new() { "anonymous", "aisc", "mentor", "admin" };

    [Theory]
    [MemberData(nameof(Posters))]
    public async Task EveryPostRoute_WithAForgedAntiforgeryToken_IsRefusedAndChangesNothing(string actor)
    {
        var postRoutes = AppRoutes()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("POST") == true)
            .Select(Pattern).Distinct().ToList();
        var table = Table();
        var client = fixture.Clients[actor];
        var activitiesBefore = await ActivityCountAsync();
        var problems = new List<string>();
        foreach (var route in postRoutes)
        {
            var path = table[route].FirstOrDefault()?.Path ?? route;
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = "CfDJ8forged" + new string('A', 80),
                ["_handler"] = "login",
                ["Input.Email"] = WikiApp.AdminEmail,
                ["Input.Password"] = WikiApp.AdminPassword,
                ["ReturnUrl"] = "",
            });
            using var response = await client.PostAsync(path, form);
            // 415: the API's writes take JSON, which a page on another site cannot send without a preflight; a form never
            // reaches them (and without a token, JSON gets 401: ApiAccessTests).
            var refused = response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.UnsupportedMediaType
                || response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } location && PathOf(location).StartsWith("/Account/", StringComparison.Ordinal) && PathOf(location) != "/";
            if (!refused)
            {
                problems.Add($"{actor} POST {path} with a forged token: {(int)response.StatusCode} {response.Headers.Location}");
            }
        }
        output.WriteLine($"{postRoutes.Count} POST routes as {actor}");

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Equal(activitiesBefore, await ActivityCountAsync());
        // The forged login and logout changed nobody's session.
        var home = await client.GetStringAsync("/");
        Assert.Equal(actor != "anonymous", home.Contains("Sign out", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LoginForm_PostedWithAForgedToken_Answers400AndSignsNobodyIn()
    {
        var client = Members.Client(fixture.App);
        await client.GetStringAsync("/Account/Login");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = "CfDJ8forged" + new string('B', 80),
            ["_handler"] = "login",
            ["Input.Email"] = WikiApp.AdminEmail,
            ["Input.Password"] = WikiApp.AdminPassword,
        });

        using var response = await client.PostAsync("/Account/Login", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("form has expired or did not come from this site", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal) && !c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain("Sign out", await client.GetStringAsync("/"));
    }

    private async Task<int> ActivityCountAsync()
    {
        using var db = fixture.App.CreateDbContext();
        return await db.Activities.CountAsync();
    }
}
