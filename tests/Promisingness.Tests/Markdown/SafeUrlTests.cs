using Promisingness.Web.Markdown;

namespace Promisingness.Tests.Markdown;

public sealed class SafeUrlTests
{
    [Theory]
    [InlineData("https://example.com/a?b=c#d")]
    [InlineData("HTTP://EXAMPLE.COM")]
    [InlineData("mailto:a@example.com")]
    [InlineData("/topics/x")]
    [InlineData("./x")]
    [InlineData("../x")]
    [InlineData("x")]
    [InlineData("#fn:1")]
    [InlineData("/search?q=a:b")]
    [InlineData("//example.com/x")]
    [InlineData("")]
    public void IsAllowed_SafeUrl_IsTrue(string url)
    {
        Assert.True(SafeUrl.IsAllowed(url));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JAVASCRIPT:alert(1)")]
    [InlineData(" javascript:alert(1)")]
    [InlineData("java\tscript:alert(1)")]
    [InlineData("java\nscript:alert(1)")]
    [InlineData("java\0script:alert(1)")]
    [InlineData("\u0001javascript:alert(1)")]
    [InlineData("java\u200Bscript:alert(1)")]
    [InlineData("&#106;avascript:alert(1)")]
    [InlineData("&#x6A;avascript:alert(1)")]
    [InlineData("javascript&colon;alert(1)")]
    [InlineData("&amp;#106;avascript:alert(1)")]
    [InlineData("%6Aavascript:alert(1)")]
    [InlineData("javascript%3Aalert(1)")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.com")]
    public void IsAllowed_OtherSchemeHoweverWritten_IsFalse(string url)
    {
        Assert.False(SafeUrl.IsAllowed(url));
    }

    [Theory]
    [InlineData("https://example.com", true)]
    [InlineData("//example.com", true)]
    [InlineData("\\\\example.com", true)]
    [InlineData("/local", false)]
    [InlineData("#x", false)]
    [InlineData("mailto:a@example.com", false)]
    public void IsExternal_Url_IsRecognised(string url, bool external)
    {
        Assert.Equal(external, SafeUrl.IsExternal(url));
    }
}
