using System.Text;
using Promisingness.Web.Features.Attachments;

namespace Promisingness.Tests.Attachments;

/// <summary>The type of an upload is decided from its bytes: never from its name or what the browser claims.</summary>
public sealed class FileKindTests
{
    [Fact]
    public void EachAcceptedKind_IsKnownByItsBytes()
    {
        Assert.Equal(FileKind.Png, FileKind.Sniff(TestFiles.Png(), "a.png"));
        Assert.Equal(FileKind.Jpeg, FileKind.Sniff(TestFiles.Jpeg(), "a.jpg"));
        Assert.Equal(FileKind.Gif, FileKind.Sniff("GIF89a\x01\0\x01\0"u8, "a.gif"));
        Assert.Equal(FileKind.WebP, FileKind.Sniff("RIFF\0\0\0\0WEBPVP8 "u8, "a.webp"));
        Assert.Equal(FileKind.Pdf, FileKind.Sniff(TestFiles.Pdf(), "slides.pdf"));
        Assert.Equal(FileKind.Csv, FileKind.Sniff("model,loss\ngpt-2,3.1\n"u8, "losses.csv"));
        Assert.Equal(FileKind.Text, FileKind.Sniff(Encoding.UTF8.GetBytes("Notes — with a dash\n"), "notes.txt"));
    }

    [Fact]
    public void APngNamedPdf_IsAPng_AndIsStoredUnderAPngName()
    {
        var kind = FileKind.Sniff(TestFiles.Png(), "slides.pdf");

        Assert.Equal(FileKind.Png, kind);
        Assert.Equal("slides.pdf.png", AttachmentNames.Clean("slides.pdf", kind!));
    }

    [Fact]
    public void APdfNamedPng_IsAPdf()
    {
        var kind = FileKind.Sniff(TestFiles.Pdf(), "figure.png");

        Assert.Equal(FileKind.Pdf, kind);
        Assert.Equal("figure.png.pdf", AttachmentNames.Clean("figure.png", kind!));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "figure.png")]
    [InlineData("  <html><body onload=alert(1)>", "figure.jpg")]
    [InlineData("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>", "diagram.svg")]
    public void Markup_NamedAnything_IsRefused(string text, string name) =>
        Assert.Null(FileKind.Sniff(Encoding.UTF8.GetBytes(text), name));

    [Fact]
    public void AnSvg_IsRefused() => Assert.Null(FileKind.Sniff(TestFiles.Svg(), "diagram.svg"));

    [Fact]
    public void AScriptNamedPng_IsPlainTextUnderATextName_NeverAnImage()
    {
        var kind = FileKind.Sniff("alert(document.cookie)"u8, "figure.png");

        Assert.Equal(FileKind.Text, kind);
        Assert.False(kind!.IsImage);
        Assert.Equal("figure.png.txt", AttachmentNames.Clean("figure.png", kind));
    }

    [Theory]
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0x00 })]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00 })]
    [InlineData(new byte[] { 0xC3, 0x28, 0x41 })]
    public void BinaryThatIsNoAcceptedKind_IsRefused(byte[] bytes) => Assert.Null(FileKind.Sniff(bytes, "data.txt"));

    [Theory]
    [InlineData("../../etc/passwd", "passwd.txt")]
    [InlineData("my figure (final).png", "my-figure--final-.png")]
    [InlineData("", "file.png")]
    public void Names_AreMadeSafe(string uploaded, string stored) => Assert.Equal(stored, AttachmentNames.Clean(uploaded, uploaded.Length == 0 || uploaded.EndsWith(".png", StringComparison.Ordinal) ? FileKind.Png : FileKind.Text));
}
