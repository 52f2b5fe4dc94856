using Promisingness.Web.Features.Entries;

namespace Promisingness.Tests.Entries;

public sealed class ExcerptsTests
{
    [Fact]
    public void FromHtml_Markup_IsRemovedAndEntitiesDecoded() =>
        Assert.Equal("Some bold & a link.", Excerpts.FromHtml("<p>Some <strong>bold</strong> &amp; <a href=\"x\">a link</a>.</p>"));

    [Fact]
    public void FromHtml_LongText_IsCutAtAWordBoundaryWithEllipsis() =>
        Assert.Equal("alpha beta gamma…", Excerpts.FromHtml("<p>alpha beta gamma delta epsilon</p>", 20));
}
