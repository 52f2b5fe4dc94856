using System.Net;
using System.Text;

namespace Promisingness.Web.Features.Mail;

/// <summary>A message's subject and its two bodies, plain text and HTML, saying the same.</summary>
public sealed record MailContent(string Subject, string Text, string Html)
{
    /// <summary>
    /// Paragraphs of plain words, what someone said (plain text, quoted) if anything, one link to act on, and a closing
    /// note. Everything is encoded here, so no stored HTML and no markup from a user reaches a message; no images and
    /// nothing remote to load.
    /// </summary>
    public static MailContent Compose(string subject, IReadOnlyList<string> paragraphs, string action, Uri link, string closing, string quote = "")
    {
        var text = new StringBuilder();
        foreach (var paragraph in paragraphs)
        {
            text.Append(paragraph).Append("\n\n");
        }
        QuoteText(text, quote, "");
        text.Append(action).Append(":\n").Append(link.AbsoluteUri).Append("\n\n").Append(closing).Append('\n');

        var html = Head(subject);
        foreach (var paragraph in paragraphs)
        {
            html.Append("<p>").Append(Encode(paragraph)).Append("</p>\n");
        }
        QuoteHtml(html, quote);
        var href = Encode(link.AbsoluteUri);
        html.Append("<p><a href=\"").Append(href).Append("\" style=\"font-weight: bold;\">").Append(Encode(action)).Append("</a></p>\n")
            .Append("<p style=\"color: #555; font-size: small;\">If the link does not open, copy this address into your browser: ").Append(href).Append("</p>\n")
            .Append("<p style=\"color: #555; font-size: small;\">").Append(Encode(closing)).Append("</p>\n</body></html>\n");
        return new MailContent(subject, text.ToString(), html.ToString());
    }

    /// <summary>
    /// An opening paragraph, then lists under their headings, one line per item with its own link and what was said
    /// (a digest), and a closing note; encoded as <see cref="Compose"/> does.
    /// </summary>
    public static MailContent ComposeLists(string subject, string opening, IReadOnlyList<MailSection> sections, string closing)
    {
        var text = new StringBuilder(opening).Append("\n\n");
        var html = Head(subject).Append("<p>").Append(Encode(opening)).Append("</p>\n");
        foreach (var section in sections)
        {
            if (section.Heading is { } heading)
            {
                text.Append(heading).Append('\n');
                html.Append("<h3>").Append(Encode(heading)).Append("</h3>\n");
            }
            if (section.Lines.Count == 0)
            {
                text.Append(section.Empty).Append("\n\n");
                html.Append("<p>").Append(Encode(section.Empty)).Append("</p>\n");
                continue;
            }
            html.Append("<ul>\n");
            foreach (var line in section.Lines)
            {
                text.Append("- ").Append(line.Text).Append('\n');
                html.Append("<li>");
                if (line.Link is { } link)
                {
                    text.Append("  ").Append(link.AbsoluteUri).Append('\n');
                    html.Append("<a href=\"").Append(Encode(link.AbsoluteUri)).Append("\">").Append(Encode(line.Text)).Append("</a>");
                }
                else
                {
                    html.Append(Encode(line.Text));
                }
                QuoteText(text, line.Quote, "  ");
                QuoteHtml(html, line.Quote);
                html.Append("</li>\n");
            }
            text.Append('\n');
            html.Append("</ul>\n");
        }
        text.Append(closing).Append('\n');
        html.Append("<p style=\"color: #555; font-size: small;\">").Append(Encode(closing)).Append("</p>\n</body></html>\n");
        return new MailContent(subject, text.ToString(), html.ToString());
    }

    private static StringBuilder Head(string subject) => new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
        .Append(Encode(subject))
        .Append("</title></head>\n<body style=\"font-family: sans-serif; line-height: 1.5; max-width: 40em;\">\n");

    /// <summary>What someone said, as a mail program shows a quotation in plain text: each line after "> ".</summary>
    private static void QuoteText(StringBuilder text, string quote, string indent)
    {
        if (quote.Length == 0)
        {
            return;
        }
        foreach (var line in quote.ReplaceLineEndings("\n").Split('\n'))
        {
            text.Append(indent).Append("> ").Append(line).Append('\n');
        }
        text.Append(indent.Length == 0 ? "\n" : "");
    }

    private static void QuoteHtml(StringBuilder html, string quote)
    {
        if (quote.Length > 0)
        {
            html.Append("<blockquote style=\"margin: 0.5em 0; padding-left: 1em; border-left: 3px solid #ccc; color: #333;\">").Append(Encode(quote)).Append("</blockquote>\n");
        }
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}

/// <summary>One line of a list in a mail: what happened, where to see it, and what was said (plain text), if anything.</summary>
public sealed record MailLine(string Text, Uri? Link = null, string Quote = "");

/// <summary>A list in a mail under its heading (none: the list needs no name), and what it says when it is empty.</summary>
public sealed record MailSection(string? Heading, IReadOnlyList<MailLine> Lines, string Empty = "None.");
