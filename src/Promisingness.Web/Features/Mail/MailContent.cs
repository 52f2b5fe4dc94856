using System.Net;
using System.Text;

namespace Promisingness.Web.Features.Mail;

/// <summary>A message's subject and its two bodies, plain text and HTML, saying the same.</summary>
public sealed record MailContent(string Subject, string Text, string Html)
{
    /// <summary>
    /// Paragraphs of plain words, one link to act on, and a closing note. Everything is encoded here, so no
    /// stored HTML and no markup from a user reaches a message; no images and nothing remote to load.
    /// </summary>
    public static MailContent Compose(string subject, IReadOnlyList<string> paragraphs, string action, Uri link, string closing)
    {
        var text = new StringBuilder();
        foreach (var paragraph in paragraphs)
        {
            text.Append(paragraph).Append("\n\n");
        }
        text.Append(action).Append(":\n").Append(link.AbsoluteUri).Append("\n\n").Append(closing).Append('\n');

        var html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
            .Append(Encode(subject))
            .Append("</title></head>\n<body style=\"font-family: sans-serif; line-height: 1.5; max-width: 40em;\">\n");
        foreach (var paragraph in paragraphs)
        {
            html.Append("<p>").Append(Encode(paragraph)).Append("</p>\n");
        }
        var href = Encode(link.AbsoluteUri);
        html.Append("<p><a href=\"").Append(href).Append("\" style=\"font-weight: bold;\">").Append(Encode(action)).Append("</a></p>\n")
            .Append("<p style=\"color: #555; font-size: small;\">If the link does not open, copy this address into your browser: ").Append(href).Append("</p>\n")
            .Append("<p style=\"color: #555; font-size: small;\">").Append(Encode(closing)).Append("</p>\n</body></html>\n");
        return new MailContent(subject, text.ToString(), html.ToString());
    }

    /// <summary>
    /// An opening paragraph, then one line per item with its own link (a digest), and a closing note; encoded as
    /// <see cref="Compose"/> does.
    /// </summary>
    public static MailContent ComposeList(string subject, string opening, IReadOnlyList<(string Line, Uri Link)> items, string closing)
    {
        var text = new StringBuilder(opening).Append("\n\n");
        var html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
            .Append(Encode(subject))
            .Append("</title></head>\n<body style=\"font-family: sans-serif; line-height: 1.5; max-width: 40em;\">\n<p>")
            .Append(Encode(opening)).Append("</p>\n<ul>\n");
        foreach (var (line, link) in items)
        {
            text.Append("- ").Append(line).Append("\n  ").Append(link.AbsoluteUri).Append('\n');
            html.Append("<li><a href=\"").Append(Encode(link.AbsoluteUri)).Append("\">").Append(Encode(line)).Append("</a></li>\n");
        }
        text.Append('\n').Append(closing).Append('\n');
        html.Append("</ul>\n<p style=\"color: #555; font-size: small;\">").Append(Encode(closing)).Append("</p>\n</body></html>\n");
        return new MailContent(subject, text.ToString(), html.ToString());
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
