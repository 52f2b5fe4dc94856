using Promisingness.Web.Security;

namespace Promisingness.Tests.Infrastructure;

/// <summary>Tests that write as the mentor: a fresh app with the seed and one mentor account.</summary>
public abstract class MentorAppTest : IAsyncLifetime
{
    protected WikiApp App { get; } = new();

    protected string Mentor { get; private set; } = "";

    public async Task InitializeAsync() => Mentor = await Members.AddAsync(App, $"mentor-{GetType().Name}@test.local".ToLowerInvariant(), Roles.Mentor);

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }
}
