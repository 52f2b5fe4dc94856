using Promisingness.Web.Data;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Infrastructure;

/// <summary>Tests that write as the mentor: a fresh app with the seed and one mentor account.</summary>
public abstract class MentorAppTest : IAsyncLifetime
{
    private WikiApp? app;

    /// <summary>The app, on the database the class runs on (a subclass marked [OnPostgres] says Postgres).</summary>
    protected WikiApp App => app ??= WikiApp.On(Provider);

    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected string Mentor { get; private set; } = "";

    public async Task InitializeAsync() => Mentor = await Members.AddAsync(App, $"mentor-{GetType().Name}@test.local".ToLowerInvariant(), Roles.Mentor);

    public Task DisposeAsync()
    {
        app?.Dispose();
        return Task.CompletedTask;
    }
}
