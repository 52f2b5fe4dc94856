using Promisingness.Web.Features.Discussion;

namespace Promisingness.Tests.Discussion;

public sealed class MentionsTests
{
    [Theory]
    [InlineData("Thanks @ada-lovelace!", new[] { "ada-lovelace" })]
    [InlineData("@minh-nguyen and @jan, see this", new[] { "minh-nguyen", "jan" })]
    [InlineData("mail me at someone@example.org", new string[0])]
    [InlineData("`@not-a-mention` in code", new string[0])]
    [InlineData("```\n@fenced\n```\n@after", new[] { "after" })]
    [InlineData("    @indented-code", new string[0])]
    [InlineData("@@double and @-dash and @trailing-", new string[0])]
    [InlineData("(@paren) @end.", new[] { "paren", "end" })]
    public void Parse_FindsHandlesOutsideCode(string text, string[] expected) => Assert.Equal(expected.Order(), Mentions.Parse(text).Order());

    [Fact]
    public void Linkify_LinksKnownMembersOnlyAndLeavesCodeAlone()
    {
        var names = new Dictionary<string, string> { ["ada"] = "Ada [Admin] Lovelace" };

        var text = Mentions.Linkify("hi @ada and @bob, `@ada`", names);

        Assert.Equal("hi [@Ada Admin Lovelace](team/ada) and @bob, `@ada`", text);
    }
}
