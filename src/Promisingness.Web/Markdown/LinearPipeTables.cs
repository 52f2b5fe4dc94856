using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Parsers.Inlines;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Promisingness.Web.Markdown;

/// <summary>
/// Markdig's pipe-table parser, made linear in the length of a table whose cells hold emphasis.
/// </summary>
/// <remarks>
/// Markdig reads a pipe table as one paragraph. Every emphasis delimiter in it (*, **, ~~) stays an open inline
/// container until the paragraph ends, and every new inline is appended by walking down that chain of open
/// containers from the root (InlineProcessor.FindLastContainer): a table of formatted cells costs rows times
/// delimiters, half a second for 1,000 rows. So at the end of each row this parser hangs the row's line break,
/// and with it all that follows, under the shallowest delimiter that keeps every delimiter character of the chain
/// above it (autolinks read those characters), instead of under the deepest. Before Markdig's own pass over the
/// paragraph the line breaks are put back where Markdig would have put them, so that pass, and so the HTML, sees
/// exactly the tree it always did.
/// </remarks>
internal sealed class LinearPipeTableParser(LineBreakInlineParser lineBreakParser, PipeTableOptions options)
    : PipeTableParser(lineBreakParser, options), IPostInlineProcessor
{
    // Markdig refuses a deeper chain (InlineProcessor.FindLastContainer, ThrowHelper.CheckDepthLimit's large limit)
    // and the renderer then shows the text escaped. Counting the containers moved aside as part of the chain, as
    // Markdig would have them, refuses the same tables.
    private const int MarkdigDepthLimit = 10_240;

    private static readonly object MovedRowEndsKey = new();

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        if (!base.Match(processor, ref slice))
        {
            return false;
        }

        // The processor appends an inline that has no parent yet; one attached here stays where it is.
        if (processor.Inline is LineBreakInline { Parent: null } rowEnd && processor.Block is { Inline: { } root } paragraph)
        {
            PlaceRowEnd(rowEnd, root, paragraph);
        }

        return true;
    }

    bool IPostInlineProcessor.PostProcess(InlineProcessor state, Inline? root, Inline? lastChild, int postInlineProcessorIndex, bool isFinalProcessing)
    {
        if (isFinalProcessing && state.Block?.GetData(MovedRowEndsKey) is MovedRowEnds moved && root is ContainerInline paragraphInlines)
        {
            // The last row has no row end of its own to count it.
            ThrowIfTooDeep(moved, OpenChain(paragraphInlines).Depth);
            state.Block.RemoveData(MovedRowEndsKey);
            moved.PutBack();
        }

        return PostProcess(state, root, lastChild, postInlineProcessorIndex, isFinalProcessing);
    }

    private static void PlaceRowEnd(LineBreakInline rowEnd, ContainerInline root, LeafBlock paragraph)
    {
        var (deepest, depth, shallowest, shallowestDepth) = OpenChain(root);
        var moved = paragraph.GetData(MovedRowEndsKey) as MovedRowEnds;
        ThrowIfTooDeep(moved, depth);
        if (shallowest is null || shallowest == deepest)
        {
            return;
        }

        if (moved is null)
        {
            moved = new MovedRowEnds();
            paragraph.SetData(MovedRowEndsKey, moved);
        }

        shallowest.AppendChild(rowEnd);
        moved.Add(rowEnd, deepest, depth - shallowestDepth);
    }

    // Walks the chain of open containers as FindLastContainer does. Shallowest is the highest delimiter a row end
    // can go under with every delimiter character of the chain still above it: the last one to bring a new
    // character. Null when the chain holds anything but emphasis delimiters (an open link's text may run on into
    // later rows, so its row ends stay inside it).
    private static (ContainerInline Deepest, int Depth, ContainerInline? Shallowest, int ShallowestDepth) OpenChain(ContainerInline root)
    {
        Span<char> characters = stackalloc char[16];
        var characterCount = 0;
        ContainerInline? shallowest = null;
        var shallowestDepth = 0;
        var deepest = root;
        var depth = 0;
        var movable = true;
        while (deepest.LastChild is ContainerInline { IsClosed: false } next)
        {
            deepest = next;
            depth++;
            if (next is not EmphasisDelimiterInline delimiter)
            {
                movable = false;
            }
            else if (movable && !characters[..characterCount].Contains(delimiter.DelimiterChar))
            {
                // Markdig's emphasis characters are six with the extras (* _ ~ ^ + =); more would be unknown ground.
                movable = characterCount < characters.Length;
                if (movable)
                {
                    characters[characterCount++] = delimiter.DelimiterChar;
                    shallowest = delimiter;
                    shallowestDepth = depth;
                }
            }
        }

        return movable ? (deepest, depth, shallowest, shallowestDepth) : (deepest, depth, null, 0);
    }

    private static void ThrowIfTooDeep(MovedRowEnds? moved, int depth)
    {
        if (moved is not null && moved.HiddenDepth + depth > MarkdigDepthLimit)
        {
            throw new ArgumentException("Markdown elements in the input are too deeply nested: the table is too large.");
        }
    }

    private sealed class MovedRowEnds
    {
        private readonly List<(LineBreakInline RowEnd, ContainerInline Deepest)> rowEnds = [];

        /// <summary>The open containers left out of the chain, which Markdig would have walked.</summary>
        public int HiddenDepth { get; private set; }

        public void Add(LineBreakInline rowEnd, ContainerInline deepest, int hidden)
        {
            rowEnds.Add((rowEnd, deepest));
            HiddenDepth += hidden;
        }

        // Last moved first: each row end takes what followed it back down to where Markdig had put them, and the
        // rows after it have already gone back below its followers.
        public void PutBack()
        {
            for (var i = rowEnds.Count - 1; i >= 0; i--)
            {
                var (rowEnd, deepest) = rowEnds[i];
                for (Inline? inline = rowEnd, next; inline is not null; inline = next)
                {
                    next = inline.NextSibling;
                    inline.Remove();
                    deepest.AppendChild(inline);
                }
            }
        }
    }
}

/// <summary>Swaps Markdig's pipe-table inline parser for <see cref="LinearPipeTableParser"/>. Register after UsePipeTables.</summary>
internal sealed class LinearPipeTablesExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        // With inline HTML on, autolinks look back through earlier inlines for an open <a>, and would not see
        // those in rows moved aside. The wiki's pipeline has it off.
        var htmlOn = pipeline.InlineParsers.Find<AutolinkInlineParser>()?.Options.EnableHtmlParsing ?? false;
        if (!htmlOn && pipeline.InlineParsers.FindExact<PipeTableParser>() is { } tables
            && pipeline.InlineParsers.FindExact<LineBreakInlineParser>() is { } lineBreaks)
        {
            pipeline.InlineParsers.Replace<PipeTableParser>(new LinearPipeTableParser(lineBreaks, tables.Options));
        }
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
    }
}
