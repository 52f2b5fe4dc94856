using Promisingness.Web.Features.Entries;

namespace Promisingness.Tests.Entries;

public sealed class LookAlikesTests
{
    [Theory]
    [InlineData("\uFF34\uFF45\uFF41\uFF4D then public", "team-then-public")]
    [InlineData("Team then publi\u0441", "team-then-public")]
    [InlineData("\u039F\u03C1en problems", "open-problems")]
    [InlineData("Sparse Autoencoders (SAEs)", "sparse-autoencoders-saes")]
    [InlineData("Team then pub\u00ADlic\u200B\u202E", "team-then-public")]
    public void Slug_OfATitle_IsTheTitleAsPeopleSeeIt(string title, string slug) =>
        Assert.Equal(slug, Slugs.From(title));

    [Theory]
    [InlineData("Team then publi\u0441", true)]
    [InlineData("\u03A4eam", true)]
    [InlineData("\uFF34\uFF45\uFF41\uFF4D then public", false)]
    [InlineData("Team then public", false)]
    [InlineData("\u041F\u0440\u0438\u0432\u0435\u0442", false)]
    [InlineData("Caf\u00E9", false)]
    [InlineData("\uFF34eam then publi\u0441", true)]
    public void MixesScripts_WarnsOfLatinMixedWithCyrillicOrGreek(string title, bool mixed) =>
        Assert.Equal(mixed, LookAlikes.MixesScripts(title));
}
