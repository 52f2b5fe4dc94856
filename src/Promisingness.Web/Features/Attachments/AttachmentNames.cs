namespace Promisingness.Web.Features.Attachments;

/// <summary>The name a file is linked and downloaded under: the uploader's, made safe, with an extension that tells the truth.</summary>
public static class AttachmentNames
{
    // Text may keep the extension that says which text it is.
    private static readonly HashSet<string> TextExtensions = new(StringComparer.OrdinalIgnoreCase) { ".txt", ".md", ".csv", ".tsv", ".log", ".tex", ".bib", ".json" };

    /// <summary>
    /// Only ASCII letters, digits, '-', '_' and '.' (the rest become '-'), at most <see cref="Data.Attachment.FileNameMaxLength"/>
    /// characters, ending with the extension of what the bytes are: "photo.pdf" holding a PNG is stored as "photo.pdf.png".
    /// </summary>
    public static string Clean(string? uploaded, FileKind kind)
    {
        var name = Path.GetFileName(uploaded ?? "").Trim();
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray();
        name = new string(chars).Trim('.', '-');
        if (name.Length == 0)
        {
            name = "file";
        }
        var extension = Path.GetExtension(name);
        var fits = kind.IsImage || kind == FileKind.Pdf
            ? extension.Equals(kind.Extension, StringComparison.OrdinalIgnoreCase) || (kind == FileKind.Jpeg && extension.Equals(".jpeg", StringComparison.OrdinalIgnoreCase))
            : TextExtensions.Contains(extension) && (kind != FileKind.Csv || extension.Equals(".csv", StringComparison.OrdinalIgnoreCase));
        if (!fits)
        {
            name += kind.Extension;
        }
        var max = Data.Attachment.FileNameMaxLength;
        return name.Length <= max ? name : name[..(max - kind.Extension.Length)] + kind.Extension;
    }
}
