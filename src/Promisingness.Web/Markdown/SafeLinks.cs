using System.Text;
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax.Inlines;

namespace Promisingness.Web.Markdown;

/// <summary>
/// A link or image whose URL SafeUrl refuses is written as its text, checked as it is written: the text stays,
/// the link goes. (HtmlGate checks every href and src again.)
/// </summary>
internal sealed class SafeLinkRenderer : LinkInlineRenderer
{
    protected override void Write(HtmlRenderer renderer, LinkInline link)
    {
        // Heading references compute their URL late; fix it now so that what is checked is what is written.
        var url = link.GetDynamicUrl?.Invoke() ?? link.Url;
        link.GetDynamicUrl = null;
        link.Url = url;

        if (SafeUrl.IsAllowed(url))
        {
            base.Write(renderer, link);
        }
        else if (link.IsImage)
        {
            renderer.WriteEscape(AltText(link));
        }
        else
        {
            renderer.WriteChildren(link);
        }
    }

    private static string AltText(LinkInline image)
    {
        var text = new StringBuilder();
        AppendText(image, text);
        return text.ToString();
    }

    private static void AppendText(ContainerInline container, StringBuilder text)
    {
        foreach (var child in container)
        {
            switch (child)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case ContainerInline inner:
                    AppendText(inner, text);
                    break;
            }
        }
    }
}

/// <summary>An &lt;autolink&gt; whose URL SafeUrl refuses is written as text.</summary>
internal sealed class SafeAutolinkRenderer : AutolinkInlineRenderer
{
    protected override void Write(HtmlRenderer renderer, AutolinkInline autolink)
    {
        if (SafeUrl.IsAllowed(autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url))
        {
            base.Write(renderer, autolink);
        }
        else
        {
            renderer.WriteEscape(autolink.Url);
        }
    }
}

internal sealed class SafeLinksExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html)
        {
            html.ObjectRenderers.Replace<LinkInlineRenderer>(new SafeLinkRenderer());
            html.ObjectRenderers.Replace<AutolinkInlineRenderer>(new SafeAutolinkRenderer());
        }
    }
}
