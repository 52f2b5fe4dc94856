using System.Text;
using SkiaSharp;

namespace Promisingness.Tests.Attachments;

/// <summary>Files for upload tests, made here so that each holds exactly what its test looks for.</summary>
public static class TestFiles
{
    /// <summary>Text hidden in an image's EXIF block, as a phone writes its GPS position there.</summary>
    public const string GpsCanary = "GPSCANARY-51.5007N-0.1246W";

    public static byte[] Png(int width = 4, int height = 3, SKColor? color = null) => Encode(width, height, color ?? SKColors.CornflowerBlue, SKEncodedImageFormat.Png);

    public static byte[] Jpeg(int width = 4, int height = 3) => Encode(width, height, SKColors.OrangeRed, SKEncodedImageFormat.Jpeg);

    /// <summary>A JPEG with an EXIF block (APP1, a minimal TIFF header, then the canary) right after its start marker.</summary>
    public static byte[] JpegWithGps()
    {
        var jpeg = Jpeg();
        var exif = new List<byte>();
        exif.AddRange("Exif\0\0"u8.ToArray());
        exif.AddRange([(byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0]);
        exif.AddRange(Encoding.ASCII.GetBytes(GpsCanary));
        var length = exif.Count + 2;
        return [.. jpeg[..2], 0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. exif, .. jpeg[2..]];
    }

    /// <summary>
    /// A 40 × 20 JPEG, red on its left half and blue on its right, whose EXIF says "turn me a quarter clockwise to show
    /// me" (orientation 6, as a phone held upright writes): shown, it is 20 × 40, red on top.
    /// </summary>
    public static byte[] JpegTurnedByExif()
    {
        using var bitmap = new SKBitmap(40, 20);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Blue);
            using var red = new SKPaint { Color = SKColors.Red };
            canvas.DrawRect(0, 0, 20, 20, red);
        }
        using var image = SKImage.FromBitmap(bitmap);
        var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 95).ToArray();
        // "Exif\0\0", a big-endian TIFF header, one IFD with one entry: tag 0x0112 (orientation), SHORT, 1 value: 6.
        byte[] exif = [.. "Exif\0\0"u8.ToArray(), (byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0];
        var length = exif.Length + 2;
        return [.. jpeg[..2], 0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. exif, .. jpeg[2..]];
    }

    /// <summary>A valid JPEG with an HTML page after its end: a polyglot a browser sniffing the type could run.</summary>
    public static byte[] JpegWithHtmlAfter() => [.. Jpeg(), .. "<html><script>alert(document.cookie)</script></html>"u8.ToArray()];

    public static byte[] Svg() => "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray();

    public static byte[] Pdf() => "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

    public static bool Contains(byte[] haystack, string needle) => haystack.AsSpan().IndexOf(Encoding.ASCII.GetBytes(needle)) >= 0;

    private static byte[] Encode(int width, int height, SKColor color, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(color);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }
}
