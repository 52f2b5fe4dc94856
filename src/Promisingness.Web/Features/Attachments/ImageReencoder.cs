using SkiaSharp;

namespace Promisingness.Web.Features.Attachments;

/// <summary>
/// Decodes an uploaded image to pixels and encodes the pixels again, so that only the picture is kept: EXIF (GPS
/// positions, camera serials), comments, colour profiles and anything hidden after the image data (a polyglot's
/// HTML or ZIP) are gone. A GIF becomes a PNG of its first frame (the library writes no GIF). A photo's EXIF
/// orientation (how the camera was held) is applied to the pixels first, since the tag that said so is dropped: a
/// phone's portrait photo stays upright.
/// </summary>
public static class ImageReencoder
{
    /// <summary>Larger images are refused before decoding: a few kilobytes can claim gigapixels.</summary>
    public const long MaxPixels = 60_000_000;

    private const int JpegQuality = 90;
    private const int WebPQuality = 90;

    public sealed record Reencoded(byte[] Bytes, FileKind Kind, int Width, int Height);

    /// <summary>The image encoded again, or null with the reason when it cannot be decoded or is too large.</summary>
    public static (Reencoded? Image, string? Problem) Reencode(byte[] bytes, FileKind kind)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            return (null, $"This file starts like a {Describe(kind)} image but is not one that can be read.");
        }
        var info = codec.Info;
        if ((long)info.Width * info.Height > MaxPixels)
        {
            return (null, $"This image is {info.Width:N0} × {info.Height:N0} pixels; the wiki takes at most {MaxPixels / 1_000_000} million pixels.");
        }
        using var decoded = SKBitmap.Decode(codec);
        if (decoded is null)
        {
            return (null, $"This {Describe(kind)} image is damaged and cannot be read.");
        }
        using var bitmap = Upright(decoded, codec.EncodedOrigin);
        var (format, quality, written) = kind == FileKind.Jpeg ? (SKEncodedImageFormat.Jpeg, JpegQuality, FileKind.Jpeg)
            : kind == FileKind.WebP ? (SKEncodedImageFormat.Webp, WebPQuality, FileKind.WebP)
            : (SKEncodedImageFormat.Png, 100, FileKind.Png);
        using var image = SKImage.FromBitmap(bitmap);
        using var encoded = image.Encode(format, quality);
        if (encoded is null)
        {
            return (null, $"This {Describe(kind)} image could not be stored.");
        }
        return (new Reencoded(encoded.ToArray(), written, bitmap.Width, bitmap.Height), null);
    }

    /// <summary>The pixels turned as <paramref name="origin"/> (EXIF's orientation) says they are to be shown.</summary>
    private static SKBitmap Upright(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        if (origin == SKEncodedOrigin.TopLeft)
        {
            return bitmap.Copy();
        }
        var (w, h) = (bitmap.Width, bitmap.Height);
        // Where each pixel (x, y) goes: x' = a x + b y + c, y' = d x + e y + f.
        var (a, b, c, d, e, f, turned) = origin switch
        {
            SKEncodedOrigin.TopRight => (-1, 0, w, 0, 1, 0, false),
            SKEncodedOrigin.BottomRight => (-1, 0, w, 0, -1, h, false),
            SKEncodedOrigin.BottomLeft => (1, 0, 0, 0, -1, h, false),
            SKEncodedOrigin.LeftTop => (0, 1, 0, 1, 0, 0, true),
            SKEncodedOrigin.RightTop => (0, -1, h, 1, 0, 0, true),
            SKEncodedOrigin.RightBottom => (0, -1, h, -1, 0, w, true),
            _ => (0, 1, 0, -1, 0, w, true), // LeftBottom
        };
        var upright = new SKBitmap(turned ? h : w, turned ? w : h, bitmap.ColorType, bitmap.AlphaType);
        using var canvas = new SKCanvas(upright);
        canvas.SetMatrix(new SKMatrix(a, b, c, d, e, f, 0, 0, 1));
        using var pixels = SKImage.FromBitmap(bitmap);
        // Quarter turns and mirrors move whole pixels: nothing to sample between them.
        canvas.DrawImage(pixels, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        return upright;
    }

    private static string Describe(FileKind kind) => kind.Extension.TrimStart('.').ToUpperInvariant();
}
