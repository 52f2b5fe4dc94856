using Promisingness.Web.Features.Editing;

namespace Promisingness.Tests.Editing;

/// <summary>The editor sends only what changed (editor.js): the server's copy must come out as the browser's text, or ask for it whole.</summary>
public sealed class TextChangeTests
{
    private static TextChange Change(string before, int start, int removed, string inserted, int sequence = 1)
    {
        var after = string.Concat(before.AsSpan(0, start), inserted, before.AsSpan(start + removed));
        return new TextChange(sequence, start, removed, inserted, after.Length, TextChecksum.Of(after));
    }

    [Theory]
    [InlineData("Hello world", 6, 0, "big ", "Hello big world")]
    [InlineData("Hello world", 0, 5, "Bye", "Bye world")]
    [InlineData("Hello world", 11, 0, "!", "Hello world!")]
    [InlineData("café 👋 naïve", 5, 2, "🌍🚀", "café 🌍🚀 naïve")]
    [InlineData("", 0, 0, "éé\n👋", "éé\n👋")]
    [InlineData("a👋b", 0, 4, "", "")]
    public void ApplyTo_ASpanInTheMiddleOrAtTheEnds_GivesTheBrowsersText(string before, int start, int removed, string inserted, string expected)
    {
        Assert.Equal(expected, Change(before, start, removed, inserted).ApplyTo(before));
    }

    [Fact]
    public void ApplyTo_ATextThatDiffersElsewhere_IsRefused()
    {
        var change = Change("Hello world", 6, 0, "big ");
        // Same length, one letter different far from the change: the checksum notices.
        Assert.Null(change.ApplyTo("Hello worle"));
        Assert.Null(change.ApplyTo("Hello world, longer"));
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(12, 0)]
    [InlineData(6, 6)]
    public void ApplyTo_ASpanOutsideTheText_IsRefused(int start, int removed)
    {
        var change = new TextChange(1, start, removed, "x", 11 - removed + 1, "0-0");
        Assert.Null(change.ApplyTo("Hello world"));
    }

    [Fact]
    public void Checksum_CountsUtf16Units_AsJavaScriptDoes()
    {
        // editor.js: a = (a + charCodeAt(i)) >>> 0; b = (b + a) >>> 0. "👋" is the two units D83D DC4B.
        Assert.Equal("1b4e9-28de8", TextChecksum.Of("a👋"));
        Assert.Equal("0-0", TextChecksum.Of(""));
    }

    [Fact]
    public void ApplyTo_ManyEditsInALongText_StaysTheSameAsTheBrowsers()
    {
        var random = new Random(29);
        var browser = string.Concat(Enumerable.Repeat("Line with é and 👋 and text.\n", 2000));
        var server = browser;
        for (var i = 0; i < 200; i++)
        {
            var start = random.Next(browser.Length);
            // Never inside a character of two units, as editor.js never cuts one.
            if (char.IsLowSurrogate(browser[start]))
            {
                start--;
            }
            var removed = Math.Min(random.Next(5), browser.Length - start);
            if (start + removed < browser.Length && char.IsLowSurrogate(browser[start + removed]))
            {
                removed++;
            }
            var change = Change(browser, start, removed, i % 3 == 0 ? "🚀" : "ü", i + 1);
            browser = string.Concat(browser.AsSpan(0, start), change.Inserted, browser.AsSpan(start + removed));
            server = change.ApplyTo(server) ?? throw new InvalidOperationException($"Edit {i} refused");
        }
        Assert.Equal(browser, server);
    }
}
