using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Features.Editing;

namespace Promisingness.Tests.Editing;

/// <summary>Who is editing an entry: each person once, however many tabs they have it open in, and gone once they leave.</summary>
public sealed class EditingPresenceTests : IDisposable
{
    private readonly WikiApp app = new(seed: false);

    [Fact]
    public void APersonInThreeTabs_IsListedOnce_AndStaysListedUntilTheLastTabLeaves()
    {
        var presence = app.Get<EditingPresence>();
        var tabs = Enumerable.Range(0, 3).Select(_ => presence.Join(7, "user-severin", "Severin Field")).ToList();
        using var other = presence.Join(7, "user-ada", "Ada");

        Assert.Equal(["Ada", "Severin Field"], presence.EditorsOf(7).Select(p => p.Name));

        tabs[0].Dispose();
        tabs[1].Dispose();
        Assert.Equal(["Ada", "Severin Field"], presence.EditorsOf(7).Select(p => p.Name));
        tabs[2].Dispose();
        Assert.Equal(["Ada"], presence.EditorsOf(7).Select(p => p.Name));
    }

    [Fact]
    public void TwoPeopleOfTheSameName_AreBothListed()
    {
        var presence = app.Get<EditingPresence>();
        using var first = presence.Join(8, "user-1", "Sam");
        using var second = presence.Join(8, "user-2", "Sam");

        Assert.Equal(2, presence.EditorsOf(8).Count);
    }

    public void Dispose() => app.Dispose();
}
