using System.Net;
using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Http;

/// <summary>The read side of the access table over HTTP: each role signs in through the real login form.</summary>
public sealed class AccessTests : IClassFixture<AccessTests.Fixture>
{
    public const string TeamTopic = "in-context-learning";
    public const string DraftTopic = "theoretical-chain-of-thought";

    private readonly Fixture fixture;

    public AccessTests(Fixture fixture) => this.fixture = fixture;

    public sealed class Fixture : IAsyncLifetime
    {
        public WikiApp App { get; } = new();
        public Dictionary<string, HttpClient> Clients { get; } = [];

        public async Task InitializeAsync()
        {
            using (var db = App.CreateDbContext())
            {
                await db.Entries.Where(e => e.Slug == TeamTopic).ExecuteUpdateAsync(s => s.SetProperty(e => e.Visibility, Visibility.Team));
                await db.Entries.Where(e => e.Slug == DraftTopic).ExecuteUpdateAsync(s => s.SetProperty(e => e.Visibility, Visibility.Draft));
            }
            // The draft's listed researcher is Severin Field (AISC): the AISC researcher below is someone else.
            await Members.AddAsync(App, "aisc@test.local", Roles.Researcher, Members.Aisc);
            await Members.AddAsync(App, "mars@test.local", Roles.Researcher, Members.Mars);
            await Members.AddAsync(App, "mentor@test.local", Roles.Mentor);
            Clients["anonymous"] = Members.Client(App);
            Clients["aisc"] = await Members.SignInAsync(App, "aisc@test.local");
            Clients["mars"] = await Members.SignInAsync(App, "mars@test.local");
            Clients["mentor"] = await Members.SignInAsync(App, "mentor@test.local");
            Clients["admin"] = await Members.SignInAsync(App, WikiApp.AdminEmail, WikiApp.AdminPassword);
        }

        public Task DisposeAsync()
        {
            App.Dispose();
            return Task.CompletedTask;
        }
    }

    public static TheoryData<string, string, HttpStatusCode> ReadMatrix => new()
    {
        { "anonymous", "/topics/weak-to-strong-generalization", HttpStatusCode.OK },
        { "aisc", "/topics/weak-to-strong-generalization", HttpStatusCode.OK },
        { "mars", "/topics/weak-to-strong-generalization", HttpStatusCode.OK },
        { "mentor", "/topics/weak-to-strong-generalization", HttpStatusCode.OK },
        { "admin", "/topics/weak-to-strong-generalization", HttpStatusCode.OK },
        { "anonymous", $"/topics/{TeamTopic}", HttpStatusCode.NotFound },
        { "aisc", $"/topics/{TeamTopic}", HttpStatusCode.OK },
        { "mars", $"/topics/{TeamTopic}", HttpStatusCode.OK },
        { "mentor", $"/topics/{TeamTopic}", HttpStatusCode.OK },
        { "admin", $"/topics/{TeamTopic}", HttpStatusCode.OK },
        { "anonymous", $"/topics/{DraftTopic}", HttpStatusCode.NotFound },
        { "aisc", $"/topics/{DraftTopic}", HttpStatusCode.NotFound },
        { "mars", $"/topics/{DraftTopic}", HttpStatusCode.NotFound },
        { "mentor", $"/topics/{DraftTopic}", HttpStatusCode.OK },
        { "admin", $"/topics/{DraftTopic}", HttpStatusCode.OK },
    };

    [Theory]
    [MemberData(nameof(ReadMatrix))]
    public async Task Get_TopicOfEachVisibility_AnswersAsTheAccessTableSays(string actor, string path, HttpStatusCode expected)
    {
        using var response = await fixture.Clients[actor].GetAsync(path);
        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("anonymous", 0)]
    [InlineData("aisc", 1)]
    [InlineData("mentor", 2)]
    public async Task Get_TopicList_ShowsOnlyWhatTheReaderMaySee(string actor, int hiddenTopicsShown)
    {
        var html = await fixture.Clients[actor].GetStringAsync("/topics");
        var shown = new[] { "In-context Learning", "Theoretical Chain of Thought" }.Count(html.Contains);
        Assert.Equal(hiddenTopicsShown, shown);
    }

    [Fact]
    public async Task Get_PageSignedIn_IsInteractiveAndNotCached()
    {
        using var response = await fixture.Clients["aisc"].GetAsync("/topics");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("\"type\":\"server\"", html);
        Assert.Null(response.Headers.Age);
        Assert.Contains("Sign out", html);
    }

    [Theory]
    [InlineData("anonymous", HttpStatusCode.Redirect)]
    [InlineData("aisc", HttpStatusCode.Redirect)]
    [InlineData("mentor", HttpStatusCode.Redirect)]
    [InlineData("admin", HttpStatusCode.OK)]
    public async Task Get_AdminUsers_OnlyAdminsGetIn(string actor, HttpStatusCode expected)
    {
        using var response = await fixture.Clients[actor].GetAsync("/admin/users");
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Redirect)
        {
            Assert.Contains("/Account/", response.Headers.Location?.ToString());
        }
    }
}
