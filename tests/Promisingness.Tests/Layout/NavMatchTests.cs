using Microsoft.AspNetCore.Components;
using Promisingness.Web.Components.Shared;

namespace Promisingness.Tests.Layout;

/// <summary>The app bar's links follow Blazor's NavLink rule (NavLinkMatch.Prefix), which they replace.</summary>
public sealed class NavMatchTests
{
    [Theory]
    [InlineData("topics", "topics")]
    [InlineData("topics", "topics/weak-to-strong-generalization")]
    [InlineData("topics", "topics?page=2")]
    [InlineData("topics", "Topics")]
    [InlineData("review", "review/summaries/week-12")]
    public void IsCurrent_OnTheLinkOrBelowIt_IsTrue(string href, string at) =>
        Assert.True(NavMatch.IsCurrent(At(at), href));

    [Theory]
    [InlineData("topics", "")]
    [InlineData("topics", "topicsx")]
    [InlineData("topics", "questions/topics")]
    [InlineData("team", "teams")]
    public void IsCurrent_Elsewhere_IsFalse(string href, string at) =>
        Assert.False(NavMatch.IsCurrent(At(at), href));

    [Fact]
    public void IsCurrent_ALinkWithATrailingSlash_IsCurrentWithoutIt() =>
        Assert.True(NavMatch.IsCurrent(At("admin"), "admin/"));

    [Fact]
    public void ActiveClassAndAriaCurrent_AreWhatNavLinkRenders()
    {
        Assert.Equal(("active", "page"), (NavMatch.ActiveClass(true), NavMatch.AriaCurrent(true)));
        Assert.Equal((null, null), (NavMatch.ActiveClass(false), NavMatch.AriaCurrent(false)));
    }

    private static NavigationManager At(string relative) => new FixedNavigation("https://wiki.example/" + relative);

    private sealed class FixedNavigation : NavigationManager
    {
        public FixedNavigation(string uri) => Initialize("https://wiki.example/", uri);
    }
}
